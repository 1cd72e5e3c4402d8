"""Charts of a plan's ledger (matplotlib; ``pip install taizhang[plot]``).

Both functions take a Plan, or a milestones DataFrame (``plan.milestones_frame()``
or ``taizhang.frames(plans).milestones`` for many plans), draw on ``ax`` (a new
figure when None) and return the Axes. ``workload`` also takes the table of
``taizhang.unit_workload(plans)``.

Chinese labels need a CJK font. ``cjk_font()`` looks for one among the fonts
matplotlib knows (Noto Sans CJK, Source Han Sans, WenQuanYi, …); when there is
none the charts still draw, with a CJKFontWarning saying how to install one
(Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Any, Literal

from ._core import Plan

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["CJKFontWarning", "cjk_font", "timeline", "workload"]

# Preferred first: sans-serif families covering Simplified Chinese.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Sarasa Gothic SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "SimSun",
)

OTHER = "其他"  # the bucket for series beyond `top`
GOALS = "总体目标"  # the series of the plan's own goal horizons


class CJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found: labels will show as boxes."""


@functools.lru_cache(maxsize=None)
def cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can use, or None."""
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in available:
            return family
    # Any other family whose name says it covers Chinese.
    for name in sorted(available):
        if any(tag in name for tag in ("CJK", "Han Sans", "WenQuanYi", " SC", " CN")):
            return name
    return None


def _font() -> str | None:
    family = cjk_font()
    if family is None:
        warnings.warn(
            "taizhang.plot: no CJK font found, Chinese labels will render as boxes. "
            "Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; or any of "
            + ", ".join(CJK_FAMILIES[:6])
            + ") and clear matplotlib's font cache if it was installed after matplotlib.",
            CJKFontWarning,
            stacklevel=3,
        )
    return family


def _use_font(ax: Axes, family: str | None) -> None:
    """Sets the CJK family on everything already drawn and on future ticks."""
    if family is None:
        return
    ax.tick_params(labelfontfamily=family)
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        text.set_fontfamily(family)
    legend = ax.get_legend()
    if legend is not None:
        for text in [*legend.get_texts(), legend.get_title()]:
            text.set_fontfamily(family)


def _milestones(source: Plan | pd.DataFrame, implied: bool) -> pd.DataFrame:
    if isinstance(source, Plan):
        frame = source.milestones_frame()
    else:
        frame = source
    frame = frame[frame["due"].notna()]
    if not implied:
        frame = frame[frame["kind"] != "implied"]
    return frame


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    axes: Axes = new
    return axes


def _clip(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _goal_rows(frame: pd.DataFrame) -> list[bool]:
    """Which rows are a goal's horizon (plan level); a frame from before goals has none."""
    if "goal" not in frame.columns:
        return [False] * len(frame)
    return [isinstance(g, str) for g in frame["goal"]]


def _first_unit(cell: Any) -> str:
    if not isinstance(cell, str) or not cell:
        return "（未列明）"  # no lead unit named
    return cell.split("、")[0]


def timeline(
    source: Plan | pd.DataFrame,
    *,
    by: Literal["chapter", "lead_unit"] = "chapter",
    implied: bool = True,
    top: int = 8,
    ax: Axes | None = None,
) -> Axes:
    """Milestones due per month, stacked by chapter or by lead unit.

    ``by="lead_unit"`` stacks on the first lead unit of each milestone (the
    unit 排在第一位, conventionally the one in charge), keeping the ``top``
    busiest and gathering the rest as 其他. ``implied=False`` leaves out
    milestones whose date the document did not state (the plan-year end).
    The horizons of the plan's own goals (``Plan.goals``) are one series,
    总体目标, either way.
    """
    import pandas as pd

    family = _font()
    frame = _milestones(source, implied)
    ax = _axes(ax, (10, 4.5))
    goals = _goal_rows(frame)
    if by == "chapter":
        keys = [
            GOALS if g else "（无章）" if pd.isna(n) else f"{int(n)}. {_clip(str(t))}"
            for n, t, g in zip(frame["chapter"], frame["chapter_title"], goals)
        ]
        legend_title = "章"
    elif by == "lead_unit":
        keys = [GOALS if g else _first_unit(c) for c, g in zip(frame["lead_units"], goals)]
        legend_title = "牵头单位"
    else:
        raise ValueError(f"by must be 'chapter' or 'lead_unit', not {by!r}")

    data = pd.DataFrame({"month": frame["due"].dt.to_period("M"), "key": keys})
    if data.empty:
        ax.set_title("没有里程碑 (no milestones)")
        _use_font(ax, family)
        return ax
    busiest = data["key"].value_counts()
    if by == "lead_unit" and len(busiest) > top:
        keep = set(busiest.index[:top])
        data["key"] = [k if k in keep else OTHER for k in data["key"]]
    # Month bars through the end of the busiest year; a few far-off dates
    # (确保2025年底) share one last bar instead of stretching the axis.
    busiest_year = int(data["month"].dt.year.value_counts().idxmax())
    last = pd.Period(year=busiest_year, month=12, freq="M")
    later = f"{busiest_year + 1}年起"
    labels = [str(p) if p <= last else later for p in data["month"]]
    months = pd.period_range(min(data["month"].min(), last), last, freq="M")
    order_x = [str(p) for p in months] + ([later] if later in labels else [])
    data["bar"] = labels
    counts = data.groupby(["bar", "key"]).size().unstack("key", fill_value=0)
    counts = counts.reindex(order_x, fill_value=0)
    order = sorted(counts.columns, key=lambda k: (k == OTHER, k if by == "chapter" else -counts[k].sum()))
    counts = counts[order]

    x = range(len(counts))
    bottom = [0] * len(counts)
    for key in counts.columns:
        heights = counts[key].tolist()
        ax.bar(x, heights, bottom=bottom, label=key, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(list(x), list(counts.index), rotation=45, ha="right")
    ax.set_ylabel("里程碑数 (milestones)")
    ax.set_xlabel("到期月份 (month due)")
    ax.set_title("里程碑时间分布")
    ax.legend(title=legend_title, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    _use_font(ax, family)
    return ax


def _is_unit_workload(source: Plan | pd.DataFrame) -> bool:
    columns = getattr(source, "columns", ())
    return "unit" in columns and "milestones" in columns and "lead_units" not in columns


def _workload_counts(table: pd.DataFrame, implied: bool) -> pd.DataFrame:
    """Stated/implied/total per unit from a unit_workload table."""
    import pandas as pd

    stated = (table["milestones"] - table["implied"]).astype("int64")
    implied_counts = table["implied"].astype("int64") if implied else stated * 0
    counts = pd.DataFrame(
        {False: stated.to_numpy(), True: implied_counts.to_numpy(), "overdue": table["overdue"].to_numpy()},
        index=pd.Index(table["unit"].astype(str), name="unit"),
    )
    counts["total"] = counts[False] + counts[True]
    return counts[counts["total"] > 0]


def _milestone_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Stated/implied/total per lead unit from a milestones frame."""
    import pandas as pd

    rows: list[tuple[str, bool]] = []
    for cell, is_implied in zip(frame["lead_units"], frame["kind"] == "implied"):
        units = cell.split("、") if isinstance(cell, str) and cell else ["（未列明）"]
        rows.extend((u, bool(is_implied)) for u in units)
    data = pd.DataFrame(rows, columns=["unit", "implied"])
    if data.empty:
        return pd.DataFrame(columns=[False, True, "total"])
    counts = data.groupby(["unit", "implied"]).size().unstack("implied", fill_value=0)
    for column in (False, True):
        if column not in counts.columns:
            counts[column] = 0
    counts["total"] = counts[False] + counts[True]
    return counts


def workload(
    source: Plan | pd.DataFrame,
    *,
    implied: bool = True,
    top: int = 20,
    ax: Axes | None = None,
) -> Axes:
    """Milestones per lead unit (every lead unit of a milestone counts it),
    the ``top`` busiest units, stated and implied deadlines shown apart.
    Goal horizons (no unit answers for them) are left out.

    ``source`` may also be the table of ``taizhang.unit_workload(plans)``
    (units across a corpus, merged by full name): its counts are drawn as
    they are, with each unit's overdue count beside its bar."""
    family = _font()
    ax = _axes(ax, (8, 0.35 * top + 1.5))
    if _is_unit_workload(source):
        counts = _workload_counts(source, implied)
    else:
        frame = _milestones(source, implied)
        # A goal's horizon is the plan's, not a unit's work.
        if "goal" in frame.columns:
            frame = frame[frame["goal"].isna()]
        counts = _milestone_counts(frame)
    if counts.empty:
        ax.set_title("没有里程碑 (no milestones)")
        _use_font(ax, family)
        return ax
    counts = counts.sort_values("total", ascending=False, kind="stable").head(top).iloc[::-1]

    y = range(len(counts))
    ax.barh(y, counts[False], label="期限明确 (stated)")
    if counts[True].any():
        ax.barh(y, counts[True], left=counts[False], label="未写期限 (implied)", alpha=0.5)
    ax.set_yticks(list(y), list(counts.index))
    if "overdue" in counts.columns:
        for i, (total, overdue) in enumerate(zip(counts["total"], counts["overdue"])):
            if overdue:
                label = ax.annotate(f"逾期 {int(overdue)}", (total, i), xytext=(3, 0),
                                    textcoords="offset points", va="center", fontsize="small")
                if family is not None:
                    label.set_fontfamily(family)
    ax.set_xlabel("里程碑数 (milestones)")
    ax.set_title("牵头单位工作量")
    ax.legend(fontsize="small", loc="lower right")
    _use_font(ax, family)
    return ax
