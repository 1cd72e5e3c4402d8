"""The ledger (台账) and numerals bindings: the C++ queries seen from Python."""

from __future__ import annotations

import datetime

import pytest

import taizhang


@pytest.fixture(scope="module")
def ledger(plan: taizhang.Plan) -> taizhang.Ledger:
    return taizhang.Ledger(plan)


def test_rows_are_the_milestones(plan: taizhang.Plan, ledger: taizhang.Ledger) -> None:
    milestones = [ms for m in plan.measures for ms in m.milestones]
    assert len(ledger) == len(ledger.rows) == len(milestones)
    assert [r.milestone_id for r in ledger.rows] == [ms.id for ms in milestones]
    assert [r.due for r in ledger.rows] == [ms.due for ms in milestones]
    row = ledger.find(milestones[1].id)
    assert row is not None and row.lead_units == ["市发改委", "轨道集团"]
    assert ledger.find("no such id") is None
    assert ledger.title == plan.title and ledger.plan_year == 2022


def test_queries_agree_with_the_frames(plan: taizhang.Plan, ledger: taizhang.Ledger) -> None:
    frame = plan.milestones_frame()
    june = ledger.due_in_month(2022, 6)
    assert len(june) == int(((frame["due"].dt.year == 2022) & (frame["due"].dt.month == 6)).sum())
    assert all(r.due == datetime.date(2022, 6, 30) or r.due.month == 6 for r in june if r.due)
    q3 = ledger.due_between(datetime.date(2022, 7, 1), datetime.date(2022, 9, 30))
    assert [r.due for r in q3] == sorted(r.due for r in q3)
    assert sum(c for _, _, c in ledger.per_month()) == int(frame["due"].notna().sum())
    busiest, count = ledger.workload()[0]
    assert count == max(c for _, c in ledger.workload())
    # 发改委 finds 市发改委 through the lexicon and the level prefix.
    assert {r.milestone_id for r in ledger.for_unit("发改委")} >= {
        r.milestone_id for r in ledger.rows if "市发改委" in r.lead_units}


def test_status_progress_and_exports(ledger: taizhang.Ledger) -> None:
    first = ledger.due_in_month(2022, 6)[0].milestone_id
    status = taizhang.StatusTable.parse_csv(
        f"milestone_id,status,note,date\n{first},已完成,按期完成,2022-06-20\nnope,不知道,,\n")
    assert [e.status for e in status.entries] == ["已完成"]
    assert [p.line for p in status.problems] == [3]
    entry = status.current(first, datetime.date(2022, 7, 1))
    assert entry is not None and entry.date == datetime.date(2022, 6, 20)
    progress = {row.milestone_id: p for row, p, _ in ledger.progress(status, datetime.date(2022, 7, 1))}
    assert progress[first] == "done"
    overdue = ledger.overdue(status, datetime.date(2022, 7, 1))
    assert first not in {r.milestone_id for r in overdue}
    assert all(progress[r.milestone_id] == "overdue" for r in overdue)
    assert ledger.unknown_ids(status) == []
    assert "2022年6月" in ledger.monthly_report(2022, 6, status=status)
    assert ledger.to_csv().startswith("\ufeff")
    assert ledger.to_icalendar().startswith("BEGIN:VCALENDAR\r\n")
    assert '"taizhang.ledger/1"' in ledger.to_json()
    assert ledger.to_markdown().count("\n|") >= len(ledger)


def test_rows_outlive_the_ledger(plan: taizhang.Plan) -> None:
    row = taizhang.Ledger(plan).rows[0]
    assert row.milestone_id.endswith("#1")


def test_parse_numeral() -> None:
    n = taizhang.parse_numeral("5.7万户")
    assert n is not None and n.value == 57000 and n.scaled
    assert (n.length, n.byte_length) == (4, 6)
    pct = taizhang.parse_numeral("百分之九十五以上")
    assert pct is not None and pct.value == 95 and pct.percent and pct.chinese
    assert taizhang.parse_numeral("一万万") is None
    assert taizhang.parse_numeral("牵头") is None


def test_collective_units() -> None:
    assert taizhang.is_collective_unit("各县区政府")
    assert not taizhang.is_collective_unit("市发改委")
    assert taizhang.collective_includes("各县区政府", "涧西区政府")
