"""Charts: they draw what the ledger says, return the Axes, and render
Chinese with a CJK font (or say clearly that there is none)."""

from __future__ import annotations

import warnings

import pytest

import taizhang

plt = pytest.importorskip("matplotlib.pyplot")
from matplotlib.axes import Axes  # noqa: E402

import taizhang.plot as tplot  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures() -> None:
    plt.close("all")


def bar_total(ax: Axes) -> float:
    return float(sum(p.get_height() for p in ax.patches))


def test_timeline_by_chapter(plan: taizhang.Plan) -> None:
    ax = tplot.timeline(plan)
    assert isinstance(ax, Axes)
    milestones = [ms for m in plan.measures for ms in m.milestones if ms.due is not None]
    assert bar_total(ax) == len(milestones)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == len(plan.chapters)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "2022-06" in ticks and "2022-12" in ticks


def test_timeline_by_lead_unit_on_given_axes(plan: taizhang.Plan) -> None:
    _, ax = plt.subplots()
    assert tplot.timeline(plan, by="lead_unit", top=3, ax=ax) is ax
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == tplot.OTHER and len(labels) == 4
    stated = tplot.timeline(plan.milestones_frame(), implied=False)
    frame = plan.milestones_frame()
    assert bar_total(stated) == int((frame["due"].notna() & (frame["kind"] != "implied")).sum())
    with pytest.raises(ValueError):
        tplot.timeline(plan, by="section")  # type: ignore[arg-type]


def test_workload(plan: taizhang.Plan) -> None:
    ax = tplot.workload(plan, top=5)
    assert isinstance(ax, Axes)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 5
    counts: dict[str, int] = {}
    for m in plan.measures:
        for ms in m.milestones:
            for u in m.lead_units:
                counts[u.name] = counts.get(u.name, 0) + 1
    assert names[-1] == max(counts, key=lambda k: counts[k])  # busiest on top


def test_empty_plan_draws_an_empty_chart() -> None:
    empty = taizhang.parse("")
    assert bar_total(tplot.timeline(empty)) == 0
    assert bar_total(tplot.workload(empty)) == 0


def test_chinese_renders_with_the_cjk_font(plan: taizhang.Plan) -> None:
    family = tplot.cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    ax = tplot.workload(plan)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" is a UserWarning
        ax.figure.canvas.draw()
    assert ax.get_yticklabels()[0].get_fontfamily()[0] == family


def test_no_cjk_font_is_said_clearly(plan: taizhang.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tplot, "cjk_font", lambda: None)
    with pytest.warns(tplot.CJKFontWarning, match="no CJK font found"):
        ax = tplot.timeline(plan)
    assert bar_total(ax) > 0
