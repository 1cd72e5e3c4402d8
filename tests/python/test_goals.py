"""Goals (Plan.goals): the objects, their JSON, the ledger rows they make and
the milestones/targets frames they join. The plan is written for the test."""

from __future__ import annotations

import datetime
import json

import pandas as pd
import pytest

import taizhang
from taizhang import dataframes as frames_module

TEXT = (
    "云溪县2024年文旅融合行动方案\n"
    "为推动文旅融合发展，力争到2026年，全县接待游客达到800万人次以上，制定本方案。\n"
    "一、总体要求\n"
    "（一）指导思想。坚持以文塑旅，到2035年建成文旅强县。\n"
    "（二）主要目标。\n"
    "——产业规模稳步扩大。到2025年，全县旅游总收入达到50亿元。\n"
    "——服务品质持续提升。A级景区数量达到12家以上。\n"
    "二、重点任务\n"
    "1.打造精品线路。9月底前推出精品线路3条。\n"
    "牵头单位：县文旅局\n"
    "2.提升景区服务。年内完成景区标识改造20处。\n"
    "牵头单位：县文旅局、县交通局\n"
)


@pytest.fixture(scope="module")
def plan() -> taizhang.Plan:
    return taizhang.parse(TEXT)


def test_goal_objects(plan: taizhang.Plan) -> None:
    goals = plan.goals
    assert [g.id for g in goals] == ["goal1", "goal2", "goal3"]
    assert [g.heading for g in goals] == ["", "主要目标", "主要目标"]
    assert all(isinstance(g, taizhang.Goal) for g in goals)
    first, second, third = goals
    assert TEXT[first.span.slice()] == first.text
    assert [ms.id for ms in first.milestones] == ["goal1#1"]
    assert first.milestones[0].due == datetime.date(2026, 12, 31)
    assert [t.value for t in first.targets] == [8_000_000.0]
    assert second.milestones[0].deadline.text == "到2025年"
    assert second.targets[0].unit == "元"
    assert third.milestones == []  # no horizon: no guessed date
    assert third.targets[0].cmp == ">="
    assert "2035" not in "".join(g.text for g in goals)  # 指导思想 is no goal
    assert len(plan.measures) == 2  # goals are not measures
    assert repr(second).startswith("<Goal goal2 '主要目标' due [2025-12-31]")


def test_goals_in_json_and_back(plan: taizhang.Plan) -> None:
    doc = plan.to_dict()
    assert doc["schema"] == "taizhang.plan/3"
    assert [g["id"] for g in doc["goals"]] == ["goal1", "goal2", "goal3"]
    assert doc["goals"][1]["milestones"][0]["deadline"]["due"] == "2025-12-31"
    back = taizhang.Plan.from_json(plan.to_json())
    assert back == plan
    assert [g.heading for g in back.goals] == ["", "主要目标", "主要目标"]
    old = dict(doc, schema="taizhang.plan/1")
    del old["goals"]
    assert taizhang.from_json(json.dumps(old, ensure_ascii=False)).goals == []


def test_targets_are_stored_once_and_milestones_name_them(plan: taizhang.Plan) -> None:
    second = plan.goals[1]
    assert second.milestones[0].target_indices == [0]
    assert [t.text for t in second.milestone_targets(second.milestones[0])] == [t.text for t in second.targets]
    assert plan.goals[2].targets and not plan.goals[2].milestones  # no horizon dates it
    route = plan.measures[0]
    assert [t.text for t in route.milestone_targets(route.milestones[0])] == ["3条"]
    ms = plan.to_dict()["goals"][1]["milestones"][0]
    assert ms["target_indices"] == [0] and "targets" not in ms


def _as_plan_2(doc: dict) -> dict:
    """The /2 form of a /3 document: milestones carry copies of their owner's targets."""
    def owners(d: dict):
        for c in d["chapters"]:
            yield from c["measures"]
            for s in c["sections"]:
                yield from s["measures"]
        yield from d["loose_measures"]
        yield from d["goals"]
    for owner in owners(doc):
        for ms in owner["milestones"]:
            ms["targets"] = [owner["targets"][k] for k in ms.pop("target_indices")]
    return dict(doc, schema="taizhang.plan/2")


def test_plan_2_still_reads_with_the_same_model(reference_text: str) -> None:
    reference = taizhang.parse(reference_text)
    for source in (reference, taizhang.parse(TEXT)):
        old = _as_plan_2(source.to_dict())
        back = taizhang.from_json(json.dumps(old, ensure_ascii=False))
        assert back == source
        assert back.to_json() == source.to_json()
    assert sum(len(ms.target_indices) for m in reference.measures for ms in m.milestones) > 50


def test_ledger_rows(plan: taizhang.Plan) -> None:
    ledger = taizhang.Ledger(plan)
    rows = ledger.rows
    assert [r.milestone_id for r in rows][:2] == ["goal1#1", "goal2#1"]
    goal_row = rows[1]
    assert goal_row.goal and goal_row.goal_id == "goal2" and goal_row.goal_heading == "主要目标"
    assert goal_row.measure_id == "" and goal_row.lead_units == []
    assert not rows[2].goal and rows[2].goal_id == ""
    assert all(not r.goal for r in ledger.for_unit("县文旅局"))
    assert "类型" in ledger.to_csv().splitlines()[0]


def test_milestones_frame_has_goal_rows(plan: taizhang.Plan) -> None:
    frame = plan.milestones_frame()
    assert {n: str(t) for n, t in frame.dtypes.items()} == frames_module.MILESTONE_COLUMNS
    goals = frame[frame["goal"].notna()]
    assert goals["goal"].tolist() == ["goal1", "goal2"]
    assert goals["milestone"].tolist() == ["goal1#1", "goal2#1"]
    assert goals["measure"].isna().all() and goals["lead_units"].isna().all()
    assert goals["chapter"].isna().all() and goals["measure_title"].isna().all()
    assert goals["due"].tolist() == [pd.Timestamp("2026-12-31"), pd.Timestamp("2025-12-31")]
    measures = frame[frame["goal"].isna()]
    assert measures["measure"].tolist() == [m.id for m in plan.measures for _ in m.milestones]
    assert frame["start"].is_monotonic_increasing  # document order


def test_targets_frame_has_goal_targets(plan: taizhang.Plan) -> None:
    frame = plan.targets_frame()
    goals = frame[frame["goal"].notna()]
    assert goals["goal"].tolist() == ["goal1", "goal2", "goal3"]
    assert goals["milestone"].tolist()[:2] == ["goal1#1", "goal2#1"]
    assert pd.isna(goals["milestone"].iloc[2]) and pd.isna(goals["due"].iloc[2])
    assert goals["value"].tolist() == [8_000_000.0, 5_000_000_000.0, 12.0]
    assert goals["measure"].isna().all()
    assert len(frame[frame["goal"].isna()]) == sum(len(m.targets) for m in plan.measures)


def test_charts_keep_goals_apart(plan: taizhang.Plan) -> None:
    pytest.importorskip("matplotlib")
    ax = taizhang.plot.timeline(plan)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "总体目标" in labels
    ax = taizhang.plot.workload(plan)
    assert "（未列明）" not in [t.get_text() for t in ax.get_yticklabels()]
