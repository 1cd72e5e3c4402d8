"""pandas frames: fixed schemas (dtypes), one row per thing, values that
agree with the objects, many plans with a document column."""

from __future__ import annotations

import pandas as pd
import pytest

import taizhang
from taizhang import dataframes as frames_module


SCHEMAS = {
    "measures_frame": frames_module.MEASURE_COLUMNS,
    "milestones_frame": frames_module.MILESTONE_COLUMNS,
    "targets_frame": frames_module.TARGET_COLUMNS,
    "units_frame": frames_module.UNIT_COLUMNS,
}


def dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


@pytest.mark.parametrize("method", sorted(SCHEMAS))
def test_schema(plan: taizhang.Plan, method: str) -> None:
    frame = getattr(plan, method)()
    assert isinstance(frame, pd.DataFrame)
    assert dtypes(frame) == SCHEMAS[method]
    empty = getattr(taizhang.parse(""), method)()
    assert len(empty) == 0
    assert dtypes(empty) == SCHEMAS[method]


def test_schema_dtypes_are_the_useful_ones() -> None:
    m = frames_module.MILESTONE_COLUMNS
    assert m["due"] == "datetime64[ns]"
    assert m["chapter"] == m["section"] == m["number"] == "Int64"
    assert m["lead_units"] == m["text"] == "string"
    assert frames_module.TARGET_COLUMNS["value"] == "float64"


def test_measures_frame(plan: taizhang.Plan) -> None:
    frame = plan.measures_frame()
    assert len(frame) == 66
    assert frame["number"].tolist() == list(range(1, 67))
    assert frame["measure"].is_unique
    assert frame["lead_units"].iloc[1] == "市发改委、轨道集团"
    assert frame["chapter"].tolist() == [
        next(c.number for c in plan.chapters if m in _measures_of(c)) for m in plan.measures
    ]
    assert frame.loc[frame["chapter"] == 4, "section"].isna().all()
    assert (frame["milestones"] == [len(m.milestones) for m in plan.measures]).all()


def _measures_of(chapter: taizhang.Chapter) -> list[taizhang.Measure]:
    return [m for s in chapter.sections for m in s.measures] + list(chapter.measures)


def test_milestones_frame(plan: taizhang.Plan) -> None:
    frame = plan.milestones_frame()
    milestones = [(m, ms) for m in plan.measures for ms in m.milestones]
    assert len(frame) == len(milestones)
    assert frame["milestone"].tolist() == [ms.id for _, ms in milestones]
    assert frame["measure"].tolist() == [m.id for m, _ in milestones]
    expected_due = pd.Series(pd.to_datetime([ms.due for _, ms in milestones]), dtype="datetime64[ns]")
    assert frame["due"].reset_index(drop=True).equals(expected_due)
    assert frame["text"].tolist() == [ms.text for _, ms in milestones]


def test_targets_frame(plan: taizhang.Plan) -> None:
    frame = plan.targets_frame()
    # Each target once, as its measure stores it, with the milestone naming it.
    expected = sorted((t.span.start, t.span.end, ms.id if ms else None)
                      for m in plan.measures
                      for k, t in enumerate(m.targets)
                      for ms in [next((ms for ms in m.milestones if k in ms.target_indices), None)])
    assert expected, "the plan has targets"
    measures = frame[frame["goal"].isna()]
    got = sorted(zip(measures["start"], measures["end"],
                     (None if pd.isna(x) else x for x in measures["milestone"])))
    assert got == expected
    assert frame["cmp"].isin(["=", ">=", "<=", "~", "range"]).all()


def test_units_frame(plan: taizhang.Plan) -> None:
    frame = plan.units_frame()
    lead = frame[frame["role"] == "lead"]
    assert len(lead) == sum(len(m.lead_units) for m in plan.measures)
    assert len(frame) - len(lead) == sum(len(m.co_units) for m in plan.measures)
    assert "市发改委" in set(lead["name"])
    first = lead[lead["measure"] == plan.measures[1].id]
    assert first["name"].tolist() == ["市发改委", "轨道集团"]
    assert first["position"].tolist() == [0, 1]


def test_frames_of_many_plans(reference_text: str, plan: taizhang.Plan) -> None:
    other = taizhang.parse(reference_text.replace("洛政〔2022〕17号", "洛政〔2022〕18号"))
    many = taizhang.frames([plan, other, plan])
    assert isinstance(many, taizhang.Frames)
    assert many.measures.columns[0] == "document"
    assert str(many.measures["document"].dtype) == "string"
    assert many.measures["document"].unique().tolist() == [
        "洛政〔2022〕17号", "洛政〔2022〕18号", "洛政〔2022〕17号 (2)"]
    assert len(many.measures) == 3 * 66
    assert len(many.milestones) == 3 * len(plan.milestones_frame())
    assert {k: v for k, v in dtypes(many.milestones).items() if k != "document"} == \
        frames_module.MILESTONE_COLUMNS
    named = taizhang.frames({"a.txt": plan})
    assert set(named.units["document"]) == {"a.txt"}
    empty = taizhang.frames([])
    assert len(empty.targets) == 0 and empty.targets.columns[0] == "document"
