"""The Python face: read-only objects with Pythonic types, reprs, Parser."""

from __future__ import annotations

import datetime
import re

import pytest

import taizhang


def test_version() -> None:
    assert taizhang.__version__ == taizhang.version()
    assert taizhang.__version__.count(".") == 2


def test_objects_are_read_only(plan: taizhang.Plan) -> None:
    m = plan.measures[0]
    with pytest.raises(AttributeError):
        plan.title = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.number = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.span.start = 0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.lead_units[0].name = "x"  # type: ignore[misc]


def test_python_types(plan: taizhang.Plan) -> None:
    assert isinstance(plan.signed_on, datetime.date)
    assert isinstance(plan.plan_year, int)
    assert isinstance(plan.chapters, list)
    m = plan.measures[0]
    assert isinstance(m.number, int)
    assert isinstance(m.span.start, int)
    assert all(isinstance(u, taizhang.Unit) for u in m.lead_units)
    for ms in m.milestones:
        assert ms.deadline.due is None or isinstance(ms.deadline.due, datetime.date)
        assert ms.due == ms.deadline.due
        assert ms.deadline.kind in {
            "day", "month", "month_part", "quarter", "half_year", "year", "relative",
            "range", "start", "recurring", "open_ended", "implied"}
    for t in (t for m in plan.measures for t in m.targets):
        assert t.cmp in {"=", ">=", "<=", "~", "range"}
        assert t.value is None or isinstance(t.value, float)


def test_measures_is_every_measure_in_document_order(plan: taizhang.Plan) -> None:
    nested = [m for c in plan.chapters for s in c.sections for m in s.measures]
    nested += [m for c in plan.chapters for m in c.measures] + list(plan.loose_measures)
    assert sorted(m.id for m in nested) == sorted(m.id for m in plan.measures)
    starts = [m.span.start for m in plan.measures]
    assert starts == sorted(starts)


def test_objects_outlive_their_plan(reference_text: str) -> None:
    measure = taizhang.parse(reference_text).measures[5]  # the plan is gone
    unit = measure.lead_units[0]
    del measure
    assert unit.name  # still valid: the unit keeps the plan alive


def test_reprs(plan: taizhang.Plan) -> None:
    r = repr(plan)
    assert r.startswith("<Plan '洛阳平台城市建设2022年细化措施'")
    assert "洛政〔2022〕17号" in r and "66 measures" in r and "2022-04-13" in r
    m = plan.measures[1]
    assert repr(m).startswith("<Measure 2.") and "'市发改委'" in repr(m)
    u = m.lead_units[0]
    assert repr(u).startswith("Unit('市发改委'")
    assert str(u) == "市发改委"
    assert repr(m.span) == f"Span({m.span.start}, {m.span.end})"
    assert repr(plan.doc_number) == "DocNumber('洛政〔2022〕17号')"
    assert repr(plan.chapters[0]).startswith("<Chapter ")
    for ms in m.milestones:
        assert ms.id in repr(ms)
        assert repr(ms.deadline).startswith("Deadline(")
    for t in (t for m in plan.measures for t in m.targets):
        assert repr(t).startswith("Target(")
    for d in plan.diagnostics:
        assert d.code in repr(d)


def test_span_equality(plan: taizhang.Plan) -> None:
    a, b = plan.measures[0].span, plan.measures[0].span
    assert a == b and hash(a) == hash(b)
    assert a != plan.measures[1].span
    assert a != (a.start, a.end)


def test_plan_equality_is_json_equality(reference_text: str, plan: taizhang.Plan) -> None:
    assert taizhang.parse(reference_text) == plan
    assert taizhang.parse(reference_text.replace("市发改委", "市财政局", 1)) != plan
    with pytest.raises(TypeError):
        hash(plan)


def test_parser_is_reusable_and_matches_parse(reference_text: str, plan: taizhang.Plan) -> None:
    parser = taizhang.Parser()
    assert parser.parse(reference_text) == plan
    assert parser.parse(reference_text) == plan
    assert "Parser" in repr(parser)


def test_parser_lexicon(reference_text: str) -> None:
    builtin = taizhang.Parser()
    assert builtin.lexicon  # the built-in abbreviations
    assert builtin.full_name("市发改委") == "市发展和改革委员会"
    custom = taizhang.Parser({"轨道集团": "洛阳市轨道交通集团有限责任公司"})
    assert custom.full_name("轨道集团") == "洛阳市轨道交通集团有限责任公司"
    assert custom.lexicon["轨道集团"] == "洛阳市轨道交通集团有限责任公司"
    empty = taizhang.Parser(builtin_lexicon=False)
    assert empty.lexicon == {}
    assert empty.full_name("市发改委") is None
    units = [u for m in custom.parse(reference_text).measures for u in m.lead_units]
    assert any(u.full_name == "洛阳市轨道交通集团有限责任公司" for u in units if u.name == "轨道集团")


def test_plan_year_and_reference_date_options(reference_text: str, plan: taizhang.Plan) -> None:
    other = taizhang.parse(reference_text, plan_year=2023)
    assert other.plan_year == 2023
    # The reference date defaults to the signing date (成文日期).
    assert taizhang.parse(reference_text, reference_date=datetime.date(2022, 4, 13)) == plan
    with pytest.raises(TypeError):
        taizhang.parse(reference_text, reference_date="2022-04-13")  # type: ignore[arg-type]
    pairs = [
        (a.deadline, b.deadline)
        for m, n in zip(plan.measures, other.measures)
        for a, b in zip(m.milestones, n.milestones, strict=True)
    ]
    assert pairs, "the reference plan has milestones"
    # Dates without a year of their own (6月底前) move to the given plan year;
    # 到2022年 and 确保2025年底 stay where they are.
    moved = 0
    for a, b in pairs:
        assert a.due is not None and b.due is not None
        if re.search(r"[0-9０-９]{4}", a.text):
            assert b.due == a.due, a
        else:
            assert b.due == a.due.replace(year=a.due.year + 1), a
            moved += 1
    assert moved > 60


def test_frames_and_plots_are_optional_imports() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['matplotlib'] = None\n"
        "import taizhang\n"
        "p = taizhang.parse('一、总体要求')\n"
        "try:\n    p.measures_frame()\nexcept ImportError as e:\n    print('needs', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert "pip install 'taizhang[pandas]'" in out.stdout
