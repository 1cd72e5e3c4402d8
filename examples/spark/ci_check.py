"""CI: the Spark job in local mode against `taizhang batch` on the same input.

    .venv/bin/python examples/spark/ci_check.py --cli build/taizhang [--documents 1000]

Builds an input folder of at least --documents documents by replicating the
development documents of the shared corpus (../shared/corpus/dev, numbers
00–69 only: 70–96 are held out and never parsed here), or the project's own
example plan when the corpus is absent, plus one file that is not UTF-8 and
one empty file. Runs `taizhang batch` (--jobs 2) and
the Spark job (local[2]) on it, then checks that both found the same
documents, failures and rows of every table (in total and per document), and
that the Parquet schemas are the documented ones. Prints the timings.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import taizhang_spark  # noqa: E402  (the schema)

DEV_SET = re.compile(r"^([0-6][0-9])-")  # 00–69: the development documents


def sources() -> tuple[list[Path], str]:
    env = os.environ.get("TAIZHANG_CORPUS")
    corpus = Path(env) if env else ROOT.parent / "shared" / "corpus" / "dev"
    if corpus.is_dir():
        docs = sorted(p for p in corpus.glob("*.txt") if DEV_SET.match(p.name))
        if docs:
            return docs, f"{len(docs)} development documents of {corpus}"
    return sorted((ROOT / "examples" / "data").glob("*.txt")), "the example plan (no corpus)"


def replicate(docs: list[Path], target: Path, at_least: int) -> int:
    copies = math.ceil(at_least / len(docs))
    for k in range(copies):
        folder = target / f"copy-{k:04d}"
        folder.mkdir(parents=True)
        for d in docs:
            shutil.copyfile(d, folder / d.name)
    # One document that is not UTF-8 and one empty: a failure on both sides,
    # and an empty plan.
    (target / "not-utf8.txt").write_bytes("一、任务\n".encode() + b"\xff\xfe\n")
    (target / "empty.txt").write_bytes(b"")
    return copies * len(docs) + 2


def per_document(path: Path) -> collections.Counter[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return collections.Counter(row["document"] for row in csv.DictReader(f))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--keep", help="work here and keep the files")
    args = ap.parse_args()

    import pyarrow.parquet as pq

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="taizhang-spark-"))
    if work.exists():
        shutil.rmtree(work)
    docs, what = sources()
    total = replicate(docs, work / "input", args.documents)
    size = sum(p.stat().st_size for p in (work / "input").rglob("*.txt"))
    print(f"spark check: {total} documents ({size / 1e6:.1f} MB) from {what}")

    t0 = time.perf_counter()
    done = subprocess.run([args.cli, "batch", str(work / "input"), "--out", str(work / "batch"), "--jobs", "2",
                           "--quiet"])
    if done.returncode not in (0, 1):  # 1: some documents failed, as intended
        raise SystemExit(f"taizhang batch failed with exit code {done.returncode}")
    batch_seconds = time.perf_counter() - t0
    summary = json.loads((work / "batch" / "summary.json").read_text())

    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "taizhang_spark.py"), "--master", "local[2]",
                    "--input", str(work / "input"), "--out", str(work / "spark"),
                    "--report", str(work / "spark-report.json"), "--show", "5"], check=True)
    spark_seconds = time.perf_counter() - t0
    report = json.loads((work / "spark-report.json").read_text())

    passed, failed = 0, []

    def check(ok: bool, what: str) -> None:
        nonlocal passed
        if ok:
            passed += 1
        else:
            failed.append(what)
            print(f"FAILED: {what}")

    counts = report["counts"]
    # Spark's file sources skip empty files; the batch parses them as empty plans.
    empty = sum(1 for p in (work / "input").rglob("*.txt") if p.stat().st_size == 0)
    check(counts["documents"] == summary["parsed"] - empty and summary["documents"] == total,
          f"documents: spark {counts['documents']}, batch {summary['parsed']} of {summary['documents']} "
          f"({empty} empty)")
    check(counts["failures"] == summary["failed"] == 1,
          f"failures: spark {counts['failures']}, batch {summary['failed']}, expected 1")
    for table in ("measures", "milestones", "targets", "units"):
        check(counts[table] == summary[table], f"{table}: spark {counts[table]} rows, batch {summary[table]}")
        spark_docs = collections.Counter(
            pq.read_table(work / "spark" / table, columns=["document"]).column("document").to_pylist())
        check(spark_docs == per_document(work / "batch" / f"{table}.csv"), f"{table}: rows per document differ")
    spark_failed = pq.read_table(work / "spark" / "failures", columns=["document", "code"]).to_pylist()
    with open(work / "batch" / "failures.csv", encoding="utf-8-sig", newline="") as f:
        batch_failed = [{"document": r["document"], "code": r["code"]} for r in csv.DictReader(f)]
    check(spark_failed == batch_failed, f"failures: spark {spark_failed}, batch {batch_failed}")
    arrow_types = {"string": "string", "int": "int32", "long": "int64", "double": "double",
                   "boolean": "bool", "date": "date32[day]"}
    for table, columns in taizhang_spark.SCHEMA.items():
        schema = pq.read_schema(next((work / "spark" / table).glob("*.parquet")))
        found = [(field.name, str(field.type)) for field in schema]
        expected = [(name, arrow_types[kind]) for name, kind in columns]
        check(found == expected, f"{table}: Parquet schema {found}, documented {expected}")
    check(counts["milestones_per_unit_month"] > 0, "the aggregation is empty")

    mb = size / 1e6
    print(f"spark check: taizhang batch --jobs 2: {batch_seconds:.1f} s ({total / batch_seconds:.0f} docs/s, "
          f"{mb / batch_seconds:.1f} MB/s)")
    parse = report["seconds_per_table"]["documents"]  # the first table parses every document
    print(f"spark check: spark local[2]: {spark_seconds:.1f} s in all, {report['seconds_startup']} s to start, "
          f"{report['seconds_jobs']} s of jobs; parsing into the first table {parse} s "
          f"({total / parse:.0f} docs/s, {mb / parse:.2f} MB/s); per table {report['seconds_per_table']}")
    if not args.keep:
        shutil.rmtree(work)
    print(f"spark: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
