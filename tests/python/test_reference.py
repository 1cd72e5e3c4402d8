"""The reference document (洛阳平台城市建设2022年细化措施) against its gold
extraction: the same acceptance facts as the C++ golden test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import taizhang


def test_header(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    assert plan.issuer == gold["issuer"]
    assert plan.doc_number is not None
    assert plan.doc_number.text == gold["doc_number"]
    assert plan.doc_number.agency == "洛政"
    assert plan.doc_number.year == 2022
    assert plan.doc_number.serial == 17
    assert plan.signed_on == datetime.date.fromisoformat(gold["signed_on"])
    assert isinstance(plan.signed_on, datetime.date)
    assert plan.plan_year == gold["plan_year"]
    assert plan.title == gold["title"]


def test_outline(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    assert len(plan.chapters) == gold["chapters"]
    assert sum(len(c.sections) for c in plan.chapters) == gold["sections"]
    assert len(plan.measures) == len(gold["measures"]) == 66
    assert [m.number for m in plan.measures] == list(range(1, 67))


def _places(plan: taizhang.Plan) -> dict[int | None, tuple[int | None, int | None]]:
    """Measure number → (chapter number, section number)."""
    out: dict[int | None, tuple[int | None, int | None]] = {}
    for chapter in plan.chapters:
        for section in chapter.sections:
            for m in section.measures:
                out[m.number] = (chapter.number, section.number)
        for m in chapter.measures:
            out[m.number] = (chapter.number, None)
    return out


def test_measures_sit_in_their_chapter_and_section(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    places = _places(plan)
    expected = {g["number"]: (g["chapter"], g["section"]) for g in gold["measures"]}
    assert places == expected


def test_titles(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    assert [m.title for m in plan.measures] == [g["title"] for g in gold["measures"]]


def test_lead_units(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    got = {m.number: [u.name for u in m.lead_units] for m in plan.measures}
    expected = {g["number"]: g["lead_units"] for g in gold["measures"]}
    assert got == expected


def _stated_dues(m: taizhang.Measure) -> list[str]:
    return sorted(
        ms.deadline.due.isoformat()
        for ms in m.milestones
        if ms.deadline.kind != "implied" and ms.deadline.due is not None
    )


def test_deadlines(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    assert any(m.milestones for m in plan.measures)
    got = {m.number: _stated_dues(m) for m in plan.measures}
    expected = {g["number"]: sorted(g["deadlines"]) for g in gold["measures"]}
    assert got == expected


def test_undated_measures_get_the_implied_plan_year_end(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    assert any(m.milestones for m in plan.measures)
    undated = {g["number"] for g in gold["measures"] if not g["deadlines"]}
    for m in plan.measures:
        if m.number in undated:
            assert [ms.deadline.kind for ms in m.milestones] == ["implied"], m
            assert m.milestones[0].due == datetime.date(2022, 12, 31)


def _matches(t: taizhang.Target, g: dict[str, Any]) -> bool:
    if t.unit != g["unit"] or t.cmp != g["cmp"]:
        return False
    if g["cmp"] == "range":
        if t.low is None or t.high is None:
            return False
        if t.low != pytest.approx(g["low"]) or t.high != pytest.approx(g["high"]):
            return False
    elif t.value is None or t.value != pytest.approx(g["value"]):
        return False
    if "baseline" in g and (t.baseline is None or t.baseline != pytest.approx(g["baseline"])):
        return False
    return all(getattr(t, flag) for flag in ("aspirational", "cumulative") if g.get(flag))


def _all_targets(m: taizhang.Measure) -> list[taizhang.Target]:
    seen: dict[tuple[int, int], taizhang.Target] = {}
    for t in m.targets:
        seen.setdefault((t.span.start, t.span.end), t)
    return list(seen.values())


def test_targets(plan: taizhang.Plan, gold: dict[str, Any]) -> None:
    # No skip when nothing is found: a target stage that regresses to no
    # targets must fail here.
    assert any(_all_targets(m) for m in plan.measures), "no targets at all on the reference plan"
    problems = []
    by_number = {m.number: m for m in plan.measures}
    for g in gold["measures"]:
        extracted = _all_targets(by_number[g["number"]])
        unmatched = list(extracted)
        for item in g["targets"]:
            hit = next((t for t in unmatched if _matches(t, item)), None)
            if hit is not None:
                unmatched.remove(hit)
            elif not item.get("optional"):
                problems.append(f"measure {g['number']}: missing {item}")
        for t in unmatched:
            problems.append(f"measure {g['number']}: unexpected {t!r}")
    assert not problems, "\n".join(problems)
