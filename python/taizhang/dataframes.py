"""pandas views of a plan: the ledger as DataFrames.

pandas is optional (``pip install taizhang[pandas]``): it is imported when a
frame is asked for, never by ``import taizhang``.

Every frame has a fixed schema (the same columns and dtypes for an empty
plan), one row per thing, in document order:

- ``measures_frame``: one row per measure;
- ``milestones_frame``: one row per milestone (due date as ``datetime64``);
- ``targets_frame``: one row per quantitative target;
- ``units_frame``: one row per (measure, responsible unit).

``measure`` (the measure's stable id, e.g. ``"2.4.25"``) joins the frames;
``frames(plans)`` concatenates many plans with a ``document`` column in front.

The plan's own goals (``Plan.goals``: 工作目标, 主要目标, a preamble's
horizon) are in the milestones and targets frames too, in document order:
their rows have ``goal`` set (the goal's id, ``"goal2"``) and every measure
column (``measure``, ``number``, chapter, section, ``measure_title``, units)
empty (<NA>). A measure's row has ``goal`` <NA>. ``frame[frame["goal"].isna()]``
keeps the measures' rows only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ._core import Chapter, Goal, Measure, Milestone, Plan, Section, Target, Unit

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Frames",
    "frames",
    "measures_frame",
    "milestones_frame",
    "targets_frame",
    "units_frame",
]

# Column → dtype. Nullable dtypes ("Int64", "string") so a missing number is
# <NA> rather than turning the column into float or object.
_PLACE = {
    "measure": "string",
    "number": "Int64",
    "chapter": "Int64",
    "chapter_title": "string",
    "section": "Int64",
    "section_title": "string",
}

MEASURE_COLUMNS: dict[str, str] = {
    **_PLACE,
    "marker": "string",
    "title": "string",
    "lead_units": "string",
    "co_units": "string",
    "leaders": "string",
    "milestones": "int64",
    "first_due": "datetime64[ns]",
    "last_due": "datetime64[ns]",
    "targets": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
}

MILESTONE_COLUMNS: dict[str, str] = {
    **_PLACE,
    "goal": "string",
    "measure_title": "string",
    "lead_units": "string",
    "co_units": "string",
    "milestone": "string",
    "due": "datetime64[ns]",
    "period_start": "datetime64[ns]",
    "deadline": "string",
    "kind": "string",
    "targets": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
}

TARGET_COLUMNS: dict[str, str] = {
    **_PLACE,
    "goal": "string",
    "milestone": "string",
    "due": "datetime64[ns]",
    "lead_units": "string",
    "subject": "string",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "unit": "string",
    "cmp": "string",
    "baseline": "float64",
    "aspirational": "bool",
    "cumulative": "bool",
    "increment": "bool",
    "growth": "bool",
    "start": "int64",
    "end": "int64",
    "text": "string",
}

UNIT_COLUMNS: dict[str, str] = {
    **_PLACE,
    "role": "string",
    "position": "int64",
    "name": "string",
    "raw": "string",
    "full_name": "string",
    "collective": "bool",
    "milestones": "int64",
    "start": "int64",
    "end": "int64",
}

# How unit lists are joined into one cell: the separator the documents use.
UNIT_SEPARATOR = "、"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "taizhang's DataFrames need pandas: pip install 'taizhang[pandas]'"
        ) from e
    return pandas


def _frame(rows: dict[str, list[Any]], schema: dict[str, str]) -> pd.DataFrame:
    pandas = _pandas()
    columns = {}
    for name, dtype in schema.items():
        values = rows[name]
        if dtype.startswith("datetime64"):
            # None → NaT; datetime.date → Timestamp at midnight.
            columns[name] = pandas.Series(pandas.to_datetime(values), dtype=dtype)
        else:
            columns[name] = pandas.Series(values, dtype=dtype)
    return pandas.DataFrame(columns, columns=list(schema))


def _rows(schema: dict[str, str]) -> dict[str, list[Any]]:
    return {name: [] for name in schema}


class _Place(NamedTuple):
    chapter: Chapter | None
    section: Section | None
    measure: Measure


def _walk(plan: Plan) -> Iterator[_Place]:
    """Every measure with its chapter and section, in document order."""
    places: list[_Place] = []
    for chapter in plan.chapters:
        for section in chapter.sections:
            places.extend(_Place(chapter, section, m) for m in section.measures)
        places.extend(_Place(chapter, None, m) for m in chapter.measures)
    places.extend(_Place(None, None, m) for m in plan.loose_measures)
    places.sort(key=lambda p: p.measure.span.start)
    return iter(places)


def _place_row(rows: dict[str, list[Any]], place: _Place) -> None:
    m = place.measure
    rows["measure"].append(m.id)
    rows["number"].append(m.number)
    rows["chapter"].append(place.chapter.number if place.chapter else None)
    rows["chapter_title"].append(place.chapter.title if place.chapter else None)
    rows["section"].append(place.section.number if place.section else None)
    rows["section_title"].append(place.section.title if place.section else None)


class _Owner(NamedTuple):
    """What milestones and targets belong to: a measure in its place, or a goal."""

    start: int
    place: _Place | None
    goal: Goal | None


def _owners(plan: Plan) -> list[_Owner]:
    """Measures and goals in document order."""
    owners = [_Owner(p.measure.span.start, p, None) for p in _walk(plan)]
    owners += [_Owner(g.span.start, None, g) for g in plan.goals]
    owners.sort(key=lambda o: o.start)
    return owners


def _owner_row(rows: dict[str, list[Any]], owner: _Owner) -> None:
    """The place columns and ``goal``: a goal's row leaves the measure's empty."""
    if owner.place is not None:
        _place_row(rows, owner.place)
        rows["goal"].append(None)
        return
    for name in _PLACE:
        rows[name].append(None)
    rows["goal"].append(owner.goal.id if owner.goal is not None else None)


def _dated(owner: _Owner) -> Measure | Goal:
    """The measure or goal that holds the owner's milestones and targets."""
    if owner.place is not None:
        return owner.place.measure
    assert owner.goal is not None
    return owner.goal


def _names(units: Iterable[Unit]) -> str:
    return UNIT_SEPARATOR.join(u.name for u in units)


def _dues(m: Measure) -> list[datetime.date]:
    return [d for d in (ms.deadline.due for ms in m.milestones) if d is not None]


def measures_frame(plan: Plan) -> pd.DataFrame:
    """One row per measure: where it sits, its units, milestone and target counts."""
    return _frame(_measure_rows(plan, _rows(MEASURE_COLUMNS)), MEASURE_COLUMNS)


def _measure_rows(plan: Plan, rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    for place in _walk(plan):
        m = place.measure
        _place_row(rows, place)
        dues = _dues(m)
        rows["marker"].append(m.marker)
        rows["title"].append(m.title)
        rows["lead_units"].append(_names(m.lead_units))
        rows["co_units"].append(_names(m.co_units))
        rows["leaders"].append(UNIT_SEPARATOR.join(m.leaders))
        rows["milestones"].append(len(m.milestones))
        rows["first_due"].append(min(dues) if dues else None)
        rows["last_due"].append(max(dues) if dues else None)
        rows["targets"].append(len(_targets(m)))
        rows["start"].append(m.span.start)
        rows["end"].append(m.span.end)
        rows["text"].append(m.text)
    return rows


def milestones_frame(plan: Plan) -> pd.DataFrame:
    """One row per milestone: measure, chapter, section, lead units, due date, text;
    a goal's horizons with ``goal`` set and the measure columns empty."""
    return _frame(_milestone_rows(plan, _rows(MILESTONE_COLUMNS)), MILESTONE_COLUMNS)


def _milestone_rows(plan: Plan, rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    for owner in _owners(plan):
        holder = _dated(owner)
        m = holder if isinstance(holder, Measure) else None
        lead = _names(m.lead_units) if m else None
        co = _names(m.co_units) if m else None
        for ms in holder.milestones:
            _owner_row(rows, owner)
            d = ms.deadline
            rows["measure_title"].append(m.title if m else None)
            rows["lead_units"].append(lead)
            rows["co_units"].append(co)
            rows["milestone"].append(ms.id)
            rows["due"].append(d.due)
            rows["period_start"].append(d.start)
            rows["deadline"].append(d.text)
            rows["kind"].append(d.kind)
            rows["targets"].append(len(ms.target_indices))
            rows["start"].append(ms.span.start)
            rows["end"].append(ms.span.end)
            rows["text"].append(ms.text)
    return rows


def _targets(m: Measure | Goal) -> list[tuple[Target, Milestone | None]]:
    """A measure's (or goal's) targets, each once (they are stored once, in
    their owner), with the milestone that names it by index, in text order."""
    targets = m.targets
    governing: list[Milestone | None] = [None] * len(targets)
    for ms in m.milestones:
        for k in ms.target_indices:
            if k < len(targets) and governing[k] is None:
                governing[k] = ms
    out = list(zip(targets, governing))
    out.sort(key=lambda pair: pair[0].span.start)
    return out


def targets_frame(plan: Plan) -> pd.DataFrame:
    """One row per quantitative target, with its milestone's due date; a
    goal's targets with ``goal`` set (due <NaT> when no horizon dates them)."""
    return _frame(_target_rows(plan, _rows(TARGET_COLUMNS)), TARGET_COLUMNS)


def _target_rows(plan: Plan, rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    for owner in _owners(plan):
        holder = _dated(owner)
        lead = _names(holder.lead_units) if isinstance(holder, Measure) else None
        for t, ms in _targets(holder):
            _owner_row(rows, owner)
            rows["milestone"].append(ms.id if ms is not None else None)
            rows["due"].append(ms.deadline.due if ms is not None else None)
            rows["lead_units"].append(lead)
            rows["subject"].append(t.subject)
            rows["value"].append(t.value)
            rows["low"].append(t.low)
            rows["high"].append(t.high)
            rows["unit"].append(t.unit)
            rows["cmp"].append(t.cmp)
            rows["baseline"].append(t.baseline)
            rows["aspirational"].append(t.aspirational)
            rows["cumulative"].append(t.cumulative)
            rows["increment"].append(t.increment)
            rows["growth"].append(t.growth)
            rows["start"].append(t.span.start)
            rows["end"].append(t.span.end)
            rows["text"].append(t.text)
    return rows


def units_frame(plan: Plan) -> pd.DataFrame:
    """One row per (measure, unit): role "lead" or "co", position in its list."""
    return _frame(_unit_rows(plan, _rows(UNIT_COLUMNS)), UNIT_COLUMNS)


def _unit_rows(plan: Plan, rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    for place in _walk(plan):
        m = place.measure
        for role, units in (("lead", m.lead_units), ("co", m.co_units)):
            for position, u in enumerate(units):
                _place_row(rows, place)
                rows["role"].append(role)
                rows["position"].append(position)
                rows["name"].append(u.name)
                rows["raw"].append(u.raw)
                rows["full_name"].append(u.full_name)
                rows["collective"].append(u.collective)
                rows["milestones"].append(len(m.milestones))
                rows["start"].append(u.span.start)
                rows["end"].append(u.span.end)
    return rows


class Frames(NamedTuple):
    """The four frames of many plans, each with a ``document`` column first."""

    measures: pd.DataFrame
    milestones: pd.DataFrame
    targets: pd.DataFrame
    units: pd.DataFrame


def _label(plan: Plan, index: int) -> str:
    if plan.doc_number is not None and plan.doc_number.text:
        return plan.doc_number.text
    if plan.title:
        return plan.title
    return f"plan {index}"


def frames(plans: Iterable[Plan] | Mapping[str, Plan]) -> Frames:
    """Concatenates the frames of many plans.

    ``document`` is the mapping's key when ``plans`` is a mapping (e.g. file
    names), else the document number (发文字号), else the title, else
    ``"plan <i>"``; repeated labels get `` (2)``, `` (3)`` … so the column
    stays a key.
    """
    pandas = _pandas()
    if isinstance(plans, Mapping):
        labelled = [(str(k), p) for k, p in plans.items()]
    else:
        labelled = [(_label(p, i), p) for i, p in enumerate(plans)]
    seen: dict[str, int] = {}
    unique: list[tuple[str, Plan]] = []
    for label, plan in labelled:
        seen[label] = seen.get(label, 0) + 1
        unique.append((label if seen[label] == 1 else f"{label} ({seen[label]})", plan))

    def combine(fill: Any, schema: dict[str, str]) -> pd.DataFrame:
        # One frame for all plans (a frame per plan and a concat would cost
        # more than the parse on a corpus of thousands).
        rows = _rows(schema)
        documents: list[str] = []
        for label, plan in unique:
            before = len(rows["measure"])
            fill(plan, rows)
            documents.extend([label] * (len(rows["measure"]) - before))
        frame = _frame(rows, schema)
        frame.insert(0, "document", pandas.Series(documents, dtype="string"))
        return frame

    return Frames(
        measures=combine(_measure_rows, MEASURE_COLUMNS),
        milestones=combine(_milestone_rows, MILESTONE_COLUMNS),
        targets=combine(_target_rows, TARGET_COLUMNS),
        units=combine(_unit_rows, UNIT_COLUMNS),
    )
