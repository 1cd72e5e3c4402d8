"""Thousands of plans on Spark: parse with taizhang inside mapInPandas and
write the ledger tables as Parquet (docs/spark.md).

    python examples/spark/taizhang_spark.py --input DIR --out OUT [--master local[2]]
    python examples/spark/taizhang_spark.py --parquet TABLE --text-column text \\
        --id-column document --out OUT
    spark-submit --archives taizhang-venv.tar.gz#environment examples/spark/taizhang_spark.py …

Input: a folder of documents (.txt, .md, .html, .htm, recursively; Spark's
``binaryFile`` source, the DataFrame form of ``SparkContext.binaryFiles``), or
a Parquet table with one document per row (a text or binary column and an
id column).

Output, one Parquet table each under OUT: ``documents``, ``measures``,
``milestones``, ``targets``, ``units``, ``failures`` with the schemas below,
and ``milestones_per_unit_month``, the example aggregation: milestones due per
month per lead unit, the unit by its full name when the lexicon knows it.

Each document is parsed once: one mapInPandas pass gives every table's rows
in one wide frame (a ``table`` column says whose row it is), cached, then
split. The parser is built once per Python worker process (a module global
in this file, which the job ships to the executors with ``addPyFile``), never
per row or per batch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

# --- the output schema: stable and documented (docs/spark.md) ----------------
# Column → Spark type name. The rows are those of taizhang.frames(...) and of
# `taizhang batch`'s CSV tables; the columns are fixed here so that a new
# column in the library does not change a table downstream jobs read.
_PLACE = [
    ("document", "string"),
    ("measure", "string"),
    ("number", "int"),
    ("chapter", "int"),
    ("chapter_title", "string"),
    ("section", "int"),
    ("section_title", "string"),
]

SCHEMA: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("document", "string"),
        ("title", "string"),
        ("issuer", "string"),
        ("doc_number", "string"),
        ("signed_on", "date"),
        ("plan_year", "int"),
        ("measures", "long"),
        ("milestones", "long"),
        ("targets", "long"),
        ("diagnostics", "long"),
        ("bytes", "long"),
    ],
    "measures": _PLACE + [
        ("marker", "string"),
        ("title", "string"),
        ("lead_units", "string"),
        ("co_units", "string"),
        ("leaders", "string"),
        ("milestones", "long"),
        ("first_due", "date"),
        ("last_due", "date"),
        ("targets", "long"),
        ("start", "long"),
        ("end", "long"),
        ("text", "string"),
    ],
    "milestones": _PLACE + [
        ("goal", "string"),
        ("measure_title", "string"),
        ("lead_units", "string"),
        ("co_units", "string"),
        ("milestone", "string"),
        ("due", "date"),
        ("period_start", "date"),
        ("deadline", "string"),
        ("kind", "string"),
        ("targets", "long"),
        ("start", "long"),
        ("end", "long"),
        ("text", "string"),
    ],
    "targets": _PLACE + [
        ("goal", "string"),
        ("milestone", "string"),
        ("due", "date"),
        ("lead_units", "string"),
        ("subject", "string"),
        ("value", "double"),
        ("low", "double"),
        ("high", "double"),
        ("unit", "string"),
        ("cmp", "string"),
        ("baseline", "double"),
        ("aspirational", "boolean"),
        ("cumulative", "boolean"),
        ("increment", "boolean"),
        ("growth", "boolean"),
        ("start", "long"),
        ("end", "long"),
        ("text", "string"),
    ],
    "units": _PLACE + [
        ("role", "string"),
        ("position", "long"),
        ("name", "string"),
        ("raw", "string"),
        ("full_name", "string"),
        ("collective", "boolean"),
        ("milestones", "long"),
        ("start", "long"),
        ("end", "long"),
    ],
    "failures": [
        ("document", "string"),
        ("code", "string"),
        ("byte_offset", "long"),
        ("message", "string"),
    ],
}
TABLES = tuple(SCHEMA)
DOCUMENT_GLOB = "*.{txt,md,html,htm,TXT,MD,HTML,HTM}"


def _wide_columns() -> list[tuple[str, str]]:
    """Every column of every table once, after `table` (same name, same type)."""
    columns: dict[str, str] = {"table": "string"}
    for table in TABLES:
        for name, kind in SCHEMA[table]:
            if columns.setdefault(name, kind) != kind:
                raise TypeError(f"column {name} has two types")
    return list(columns.items())


def spark_schema(columns: list[tuple[str, str]]) -> Any:
    from pyspark.sql import types as T

    kinds = {
        "string": T.StringType(),
        "int": T.IntegerType(),
        "long": T.LongType(),
        "double": T.DoubleType(),
        "boolean": T.BooleanType(),
        "date": T.DateType(),
    }
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in columns])


# --- executor side ---------------------------------------------------------------

_PARSER: Any = None  # one per Python worker process (this module stays imported)


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        import taizhang

        _PARSER = taizhang.Parser()
    return _PARSER


def _pandas_dtype(kind: str) -> str:
    # Strings as Python objects: pandas 3's Arrow-backed "string" dtype comes
    # out of Arrow as a chunked array, which Spark's serializer rejects.
    return {
        "string": "object",
        "int": "Int32",
        "long": "Int64",
        "double": "float64",
        "boolean": "boolean",
        "date": "object",  # datetime.date values: Arrow date32
    }[kind]


def _to_wide(parts: list[tuple[str, Any]], wide: list[tuple[str, str]]) -> Any:
    """The tables' frames stacked in the wide layout: each table's own columns,
    the others null, every column cast once to its Spark type's pandas form
    (strings as Python objects, dates as datetime.date, integers nullable)."""
    import pandas as pd

    stacked = []
    for table, frame in parts:
        own = frame[[name for name, _ in SCHEMA[table]]].copy()
        own.insert(0, "table", table)
        stacked.append(own)
    out = pd.concat(stacked, ignore_index=True).reindex(columns=[name for name, _ in wide])
    for name, kind in wide:
        column = out[name]
        if kind == "date":
            column = pd.to_datetime(column).dt.date
        elif kind != "string":
            out[name] = column.astype(_pandas_dtype(kind))
            continue
        out[name] = column.astype(object).where(column.notna(), None)
    return out


def _document_rows(plans: dict[str, Any], sizes: dict[str, int]) -> Any:
    import pandas as pd

    rows = []
    for document, plan in plans.items():
        measures = plan.measures
        rows.append({
            "document": document,
            "title": plan.title,
            "issuer": plan.issuer,
            "doc_number": plan.doc_number.text if plan.doc_number is not None else None,
            "signed_on": pd.Timestamp(plan.signed_on) if plan.signed_on else pd.NaT,
            "plan_year": plan.plan_year,
            "measures": len(measures),
            "milestones": sum(len(m.milestones) for m in measures),
            "targets": None,  # filled from the targets frame (targets counted once)
            "diagnostics": len(plan.diagnostics),
            "bytes": sizes[document],
        })
    return pd.DataFrame(rows, columns=[name for name, _ in SCHEMA["documents"]])


def parse_batches(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInPandas: (document, content) batches → the wide rows of every table."""
    import pandas as pd
    import taizhang

    parser = _parser()
    wide = _wide_columns()
    for batch in batches:
        plans: dict[str, Any] = {}
        sizes: dict[str, int] = {}
        failures = []
        for document, content in zip(batch["document"], batch["content"]):
            sizes[document] = len(content.encode("utf-8")) if isinstance(content, str) else len(content)
            try:
                plans[document] = parser.parse(content)
            except taizhang.TaizhangError as e:
                failures.append({"document": document, "code": e.code,
                                 "byte_offset": e.byte_offset, "message": str(e)})
        frames = taizhang.frames(plans)
        documents = _document_rows(plans, sizes)
        per_doc = frames.targets.groupby("document", observed=True).size()
        documents["targets"] = [int(per_doc.get(d, 0)) for d in documents["document"]]
        failed = pd.DataFrame(failures, columns=["document", "code", "byte_offset", "message"])
        yield _to_wide([("documents", documents), ("measures", frames.measures),
                        ("milestones", frames.milestones), ("targets", frames.targets),
                        ("units", frames.units), ("failures", failed)], wide)


# --- driver side ------------------------------------------------------------------

def read_folder(spark: Any, path: str) -> Any:
    from pyspark.sql import functions as F

    files = (spark.read.format("binaryFile")
             .option("recursiveFileLookup", "true")
             .option("pathGlobFilter", DOCUMENT_GLOB)
             .load(path))
    # Local paths as `taizhang batch` writes them (file:/x → /x); others kept.
    document = F.regexp_replace(F.col("path"), r"^file:(?=/)", "")
    return files.select(document.alias("document"), F.col("content"))


def read_table(spark: Any, path: str, text_column: str, id_column: str) -> Any:
    from pyspark.sql import functions as F

    table = spark.read.parquet(path)
    return table.select(F.col(id_column).cast("string").alias("document"), F.col(text_column).alias("content"))


def milestones_per_unit_month(milestones: Any, units: Any) -> Any:
    """Milestones due per month per lead unit (full name when known), all documents."""
    from pyspark.sql import functions as F

    lead = (units.where(F.col("role") == "lead")
            .select("document", "measure", F.coalesce("full_name", "name").alias("unit"))
            .distinct())  # a unit named twice in one list counts once
    due = (milestones.where(F.col("due").isNotNull())
           .select("document", "measure", F.date_format("due", "yyyy-MM").alias("month")))
    return (due.join(lead, ["document", "measure"])
            .groupBy("unit", "month").count()
            .withColumnRenamed("count", "milestones")
            .orderBy(F.desc("milestones"), "unit", "month"))


def run(spark: Any, documents: Any, out: str) -> tuple[dict[str, int], dict[str, float]]:
    """Writes every table and the aggregation; returns rows and seconds per table."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    import taizhang_spark as job  # by reference: executors import it, keeping _PARSER

    wide_columns = job._wide_columns()
    wide = documents.mapInPandas(job.parse_batches, schema=spark_schema(wide_columns))
    wide = wide.persist(StorageLevel.MEMORY_AND_DISK)
    counts: dict[str, int] = {}
    seconds: dict[str, float] = {}
    try:
        for table in TABLES:
            started = time.perf_counter()
            names = [name for name, _ in SCHEMA[table]]
            rows = wide.where(F.col("table") == table).select(*names)
            rows.write.mode("overwrite").parquet(os.path.join(out, table))
            counts[table] = spark.read.parquet(os.path.join(out, table)).count()
            # The first table parses every document (and caches the rows).
            seconds[table] = round(time.perf_counter() - started, 2)
    finally:
        wide.unpersist()
    milestones = spark.read.parquet(os.path.join(out, "milestones"))
    units = spark.read.parquet(os.path.join(out, "units"))
    aggregate = milestones_per_unit_month(milestones, units)
    aggregate.write.mode("overwrite").parquet(os.path.join(out, "milestones_per_unit_month"))
    counts["milestones_per_unit_month"] = spark.read.parquet(
        os.path.join(out, "milestones_per_unit_month")).count()
    return counts, seconds


def session(master: str | None) -> Any:
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName("taizhang")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.showConsoleProgress", "false"))
    if master:
        # Local mode: bind to the loopback, no UI; nothing is fetched.
        builder = builder.master(master)
        if master.startswith("local"):
            # The workers run this interpreter (the venv with taizhang), not
            # whatever `python3` is first on PATH.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = (builder.config("spark.driver.host", "127.0.0.1")
                       .config("spark.driver.bindAddress", "127.0.0.1")
                       .config("spark.ui.enabled", "false"))
    return builder.getOrCreate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", help="a folder of documents (recursively)")
    source.add_argument("--parquet", help="a Parquet table with one document per row")
    parser.add_argument("--text-column", default="text", help="with --parquet: the document's text")
    parser.add_argument("--id-column", default="document", help="with --parquet: the document's id")
    parser.add_argument("--out", required=True, help="where the Parquet tables go")
    parser.add_argument("--master", help="e.g. local[2]; default: what spark-submit says")
    parser.add_argument("--report", help="write counts and seconds as JSON here")
    parser.add_argument("--show", type=int, default=10, help="rows of the aggregation to print")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    spark = session(args.master)
    spark.sparkContext.setLogLevel("WARN")
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    ready = time.perf_counter()
    if args.input:
        documents = read_folder(spark, args.input)
    else:
        documents = read_table(spark, args.parquet, args.text_column, args.id_column)
    counts, seconds = run(spark, documents, args.out)
    finished = time.perf_counter()

    print("milestones due per month per lead unit (top rows):")
    top = spark.read.parquet(os.path.join(args.out, "milestones_per_unit_month")).limit(args.show)
    for row in top.collect():
        print(f"  {row['month']}  {row['milestones']:5d}  {row['unit']}")
    report = {
        "counts": counts,
        "seconds_startup": round(ready - started, 2),
        "seconds_jobs": round(finished - ready, 2),
        "seconds_per_table": seconds,
    }
    print(json.dumps(report, ensure_ascii=False))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
