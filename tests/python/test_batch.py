"""A folder of plans: read_folder / parse_folder, unit_workload, and their
agreement with `taizhang batch` and `taizhang units` (set TAIZHANG_CLI)."""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import taizhang
from taizhang.batch import FailedDocumentWarning

from conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("TAIZHANG_CLI")
requires_cli = pytest.mark.skipif(
    not CLI, reason="TAIZHANG_CLI is not set (path of the built taizhang command-line tool)"
)

# A small plan in our own words: one unit written by its full name, one by
# its abbreviation, so that both merge into one unit.
SMALL_PLAN = """青川市社区服务提升工作方案

一、重点任务
（一）完善社区服务设施。2025年9月底前完成社区服务中心改造。（牵头单位：市发展和改革委员会；配合单位：市民政局）
（二）提升社区养老服务。2025年10月底前新建社区食堂10个。（牵头单位：市民政局、市发改委）
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    (root / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "a.txt")
    shutil.copy(EXAMPLE, root / "sub" / "b.MD")
    (root / "c.txt").write_text(SMALL_PLAN, encoding="utf-8")
    (root / "d-bad.txt").write_bytes("一、任务\n".encode() + b"\xff\xfe")
    (root / "e-empty.html").write_bytes(b"")
    shutil.copy(EXAMPLE, root / "notes.csv")  # not a document
    return root


def test_document_paths_are_the_documents_in_path_order(folder: Path) -> None:
    names = [os.path.relpath(p, folder) for p in taizhang.batch.document_paths(folder)]
    assert names == ["a.txt", "c.txt", "d-bad.txt", "e-empty.html", os.path.join("sub", "b.MD")]
    # A file named directly is taken whatever its name; a missing one is an error.
    assert taizhang.batch.document_paths(folder / "notes.csv") == [str(folder / "notes.csv")]
    with pytest.raises(FileNotFoundError):
        taizhang.batch.document_paths(folder / "missing")


def test_parse_folder_keeps_going_past_a_bad_document(folder: Path) -> None:
    result = taizhang.parse_folder(folder, jobs=2, progress=False)
    assert list(result.plans) == [str(folder / n) for n in ("a.txt", "c.txt", "e-empty.html", "sub/b.MD")]
    assert list(result.failures) == [str(folder / "d-bad.txt")]
    error = result.failures[str(folder / "d-bad.txt")]
    assert error.code == "invalid_utf8" and error.byte_offset == len("一、任务\n".encode())
    assert result.plans[str(folder / "e-empty.html")].measures == []
    reference = taizhang.parse_file(EXAMPLE)
    assert result.plans[str(folder / "a.txt")] == reference


def test_read_folder_frames(folder: Path) -> None:
    with pytest.warns(FailedDocumentWarning, match="d-bad.txt"):
        frames = taizhang.read_folder(folder, progress=False)
    reference = taizhang.parse_file(EXAMPLE).measures_frame()
    measures = frames.measures
    assert measures.columns[0] == "document"
    assert (measures["document"] == str(folder / "a.txt")).sum() == len(reference)
    assert (measures["document"] == str(folder / "sub" / "b.MD")).sum() == len(reference)
    assert set(measures["document"]) == {str(folder / n) for n in ("a.txt", "c.txt", "sub/b.MD")}


def test_read_folder_is_the_same_for_any_jobs(folder: Path) -> None:
    with pytest.warns(FailedDocumentWarning):
        one = taizhang.read_folder(folder, jobs=1, progress=False)
    with pytest.warns(FailedDocumentWarning):
        four = taizhang.read_folder(folder, jobs=4, progress=False)
    for a, b in zip(one, four):
        pd.testing.assert_frame_equal(a, b)


def test_read_folder_progress_bar(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    with pytest.warns(FailedDocumentWarning):
        taizhang.read_folder(folder, progress=True)
    assert "5/5" in capsys.readouterr().err


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _as_text(frame: pd.DataFrame, columns: list[str]) -> list[tuple[str, ...]]:
    """Rows as the CSV writes them: empty for missing, ISO dates, integers plain."""
    out = []
    for row in frame[columns].itertuples(index=False):
        cells = []
        for v in row:
            if v is None or v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
                cells.append("")
            elif isinstance(v, pd.Timestamp):
                cells.append(v.date().isoformat())
            elif isinstance(v, float) and v.is_integer():
                cells.append(str(int(v)))
            elif isinstance(v, bool):
                cells.append("true" if v else "false")
            else:
                cells.append(str(v))
        out.append(tuple(cells))
    return out


@requires_cli
def test_read_folder_has_the_rows_of_the_batch_tables(folder: Path, tmp_path: Path) -> None:
    assert CLI
    out = tmp_path / "out"
    done = subprocess.run([CLI, "batch", str(folder), "--out", str(out), "--quiet"],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # one document failed
    with pytest.warns(FailedDocumentWarning):
        frames = taizhang.read_folder(folder, progress=False)
    keys = {
        "measures": ["document", "measure", "number", "chapter", "section", "title", "lead_units",
                     "co_units", "milestones", "first_due", "last_due", "targets", "start", "end"],
        "milestones": ["document", "measure", "goal", "milestone", "due", "period_start", "deadline", "kind",
                       "targets", "start", "end"],
        "targets": ["document", "measure", "goal", "milestone", "due", "subject", "value", "low", "high",
                    "unit", "cmp", "baseline", "growth", "start", "end"],
        "units": ["document", "measure", "role", "position", "name", "raw", "full_name",
                  "collective", "milestones", "start", "end"],
    }
    for table, columns in keys.items():
        csv = _read_csv(out / f"{table}.csv")
        frame = getattr(frames, table)
        assert list(csv.columns) == list(frame.columns), table
        assert _as_text(frame, columns) == [tuple(r) for r in csv[columns].itertuples(index=False)], table
    # Every JSON line is the plan, readable by from_json, with its source path.
    lines = (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    sources = [json.loads(line)["source"] for line in lines]
    assert sources == [str(folder / n) for n in ("a.txt", "c.txt", "e-empty.html", "sub/b.MD")]
    assert taizhang.from_json(lines[0]) == taizhang.parse_file(EXAMPLE)
    failures = _read_csv(out / "failures.csv")
    assert list(failures["document"]) == [str(folder / "d-bad.txt")]
    assert list(failures["code"]) == ["invalid_utf8"]


AS_OF = datetime.date(2025, 7, 1)


def test_unit_workload_merges_by_full_name(folder: Path) -> None:
    plans = taizhang.parse_folder(folder, progress=False).plans
    table = taizhang.unit_workload(plans, as_of=AS_OF)
    assert list(table.columns) == list(taizhang.batch.UNIT_WORKLOAD_COLUMNS)
    ndrc = table[table["unit"] == "市发展和改革委员会"].iloc[0]
    assert ndrc["names"] == "市发改委、市发展和改革委员会"
    assert ndrc["documents"] == 3
    assert ndrc["months"]["2025-09"] == 1
    # Busiest first.
    assert list(table["milestones"]) == sorted(table["milestones"], reverse=True)


def test_unit_workload_status_by_document_name(folder: Path) -> None:
    plans = taizhang.parse_folder(folder, progress=False).plans
    done = taizhang.StatusTable.parse_csv("里程碑编号,状态,备注,日期\n1.1.1#2,已完成,,2025-06-20\n")
    before = taizhang.unit_workload(plans, as_of=AS_OF).set_index("unit")
    after = taizhang.unit_workload(plans, as_of=AS_OF, status={"a": done}).set_index("unit")
    assert after.loc["市住房和城乡建设局", "overdue"] == before.loc["市住房和城乡建设局", "overdue"] - 1


@requires_cli
def test_unit_workload_is_the_units_command(folder: Path, tmp_path: Path) -> None:
    assert CLI
    (folder / "d-bad.txt").unlink()
    status = tmp_path / "a.status.csv"
    status.write_text("里程碑编号,状态,备注,日期\n1.1.1#2,已完成,,2025-06-20\n", encoding="utf-8")
    done = subprocess.run([CLI, "units", str(folder), "--as-of", AS_OF.isoformat(), "--status", str(status)],
                          capture_output=True, check=True)
    csv = pd.read_csv(io.BytesIO(done.stdout), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    plans = taizhang.parse_folder(folder, progress=False).plans
    table = taizhang.unit_workload(plans, as_of=AS_OF, status={"a": taizhang.StatusTable.read_csv(status)})
    table["months"] = [";".join(f"{m}:{n}" for m, n in months.items()) for months in table["months"]]
    assert [tuple(str(v) for v in row) for row in table.itertuples(index=False)] == [
        tuple(row) for row in csv.itertuples(index=False)
    ]


def test_plot_workload_of_a_corpus(folder: Path) -> None:
    pytest.importorskip("matplotlib")
    plans = taizhang.parse_folder(folder, progress=False).plans
    table = taizhang.unit_workload(plans, as_of=AS_OF)
    ax = taizhang.plot.workload(table, top=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == table["unit"].iloc[0]  # the busiest on top
    assert len(labels) == 5
    assert any(t.get_text().startswith("逾期") for t in ax.texts)
