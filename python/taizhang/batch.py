"""A corpus of plans: a folder on one machine, and the units across it.

- ``read_folder(path, jobs=None)``: every document under a folder parsed on
  all cores, as the four DataFrames of ``taizhang.frames`` (the same rows as
  ``taizhang batch``'s CSV tables, docs/batch.md);
- ``parse_folder``: the same as plans, with the documents that failed;
- ``unit_workload(plans)``: every responsible unit across many plans, merged
  by full name, with its milestones per month and overdue count (the table of
  ``taizhang units``).

pandas is needed for the frames (``pip install taizhang[pandas]``); tqdm, when
installed, draws a progress bar in notebooks and on terminals.
"""

from __future__ import annotations

import datetime
import os
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _core
from ._core import Ledger, Parser, Plan, StatusTable, TaizhangError, Unit
from .dataframes import Frames, _label, _pandas, frames

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FailedDocumentWarning",
    "Folder",
    "UNIT_WORKLOAD_COLUMNS",
    "document_paths",
    "parse_folder",
    "read_folder",
    "unit_workload",
]

# What a directory is searched for (any letter case), as `taizhang batch`.
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")


class FailedDocumentWarning(UserWarning):
    """A document of a folder could not be parsed (not UTF-8, unreadable)."""


class Folder(NamedTuple):
    """The plans of a folder by path, in path order, and the documents that failed."""

    plans: dict[str, Plan]
    failures: dict[str, TaizhangError]


def document_paths(*paths: str | os.PathLike[str]) -> list[str]:
    """Every document under the paths, sorted, each once: the files a directory
    holds (recursively) with a suffix in DOCUMENT_SUFFIXES, and every file
    named directly. Paths are the argument joined with the path below it, as
    ``taizhang batch`` writes them in its ``document`` column."""
    found: set[str] = set()
    for path in paths:
        root = os.fspath(path)
        if os.path.isdir(root):
            for folder, _dirs, files in os.walk(root):
                found.update(
                    os.path.join(folder, f) for f in files if f.lower().endswith(DOCUMENT_SUFFIXES)
                )
        elif os.path.exists(root):
            found.add(root)
        else:
            raise FileNotFoundError(root)
    # Code point order is UTF-8 byte order: the CLI's order.
    return sorted(found)


def _progress_wanted(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    if "ipykernel" in sys.modules:  # a notebook: stderr is no terminal there
        return True
    return sys.stderr is not None and sys.stderr.isatty()


def _progress_bar(total: int, wanted: bool) -> Any:
    if not wanted:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None  # tqdm is optional: no bar without it
    return tqdm(total=total, unit="doc", desc="taizhang", smoothing=0.1)


def _parse_chunk(
    parser: Parser | None, texts: list[bytes], jobs: int | None
) -> list[Plan | TaizhangError]:
    """Parses a chunk on all cores; when one text fails, parses the chunk one
    by one so that only the failing documents are lost."""
    try:
        many = parser.parse_many(texts, jobs) if parser else _core.parse_many(texts, threads=jobs)
        return list(many)
    except TaizhangError:
        pass
    out: list[Plan | TaizhangError] = []
    for text in texts:
        try:
            out.append(parser.parse(text) if parser else _core.parse(text))
        except TaizhangError as e:
            out.append(e)
    return out


def parse_folder(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    jobs: int | None = None,
    *,
    parser: Parser | None = None,
    progress: bool | None = None,
) -> Folder:
    """Parses every document under ``path`` (a folder, a file, or a list of
    them) on ``jobs`` threads (None: one per core), with one shared parser.

    A document that cannot be read or is not UTF-8 does not stop the others:
    it is in ``failures`` with its TaizhangError (code ``io`` or
    ``invalid_utf8``). ``progress``: a tqdm bar (None: in notebooks and on
    terminals, when tqdm is installed).
    """
    roots = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    paths = document_paths(*roots)
    bar = _progress_bar(len(paths), _progress_wanted(progress))
    plans: dict[str, Plan] = {}
    failures: dict[str, TaizhangError] = {}
    # Chunks keep all cores busy while the bar moves and memory stays bounded.
    chunk = max(16, 4 * (jobs or os.cpu_count() or 1))
    try:
        for first in range(0, len(paths), chunk):
            names = paths[first : first + chunk]
            texts: list[bytes] = []
            readable: list[str] = []
            for name in names:
                try:
                    texts.append(Path(name).read_bytes())
                    readable.append(name)
                except OSError as e:
                    failures[name] = TaizhangError(f"cannot read {name}: {e.strerror}", "io")
            for name, result in zip(readable, _parse_chunk(parser, texts, jobs)):
                if isinstance(result, TaizhangError):
                    failures[name] = result
                else:
                    plans[name] = result
            if bar is not None:
                bar.update(len(names))
    finally:
        if bar is not None:
            bar.close()
    return Folder(plans=plans, failures=dict(sorted(failures.items())))


def read_folder(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    jobs: int | None = None,
    *,
    parser: Parser | None = None,
    progress: bool | None = None,
) -> Frames:
    """The frames (measures, milestones, targets, units) of every document
    under ``path``, with the document's path in the ``document`` column: the
    rows of ``taizhang batch``'s tables. Documents that fail are left out
    with a FailedDocumentWarning each (``parse_folder`` returns them)."""
    folder = parse_folder(path, jobs, parser=parser, progress=progress)
    for name, error in folder.failures.items():
        warnings.warn(f"{name}: {error}", FailedDocumentWarning, stacklevel=2)
    return frames(folder.plans)


# --- units across plans -----------------------------------------------------------

UNIT_WORKLOAD_COLUMNS: dict[str, str] = {
    "unit": "string",
    "names": "string",
    "documents": "int64",
    "lead_measures": "int64",
    "co_measures": "int64",
    "milestones": "int64",
    "implied": "int64",
    "overdue": "int64",
    "months": "object",
}


class _Share:
    __slots__ = ("names", "documents", "lead_measures", "co_measures", "milestones", "implied",
                 "overdue", "months")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.documents = 0
        self.lead_measures = 0
        self.co_measures = 0
        self.milestones = 0
        self.implied = 0
        self.overdue = 0
        self.months: dict[str, int] = {}


def _key(unit: Unit) -> str:
    """Units merge by the full name the lexicon gives, else by the name."""
    return unit.full_name if unit.full_name is not None else unit.name


def _status_for(label: str, status: Mapping[str, StatusTable]) -> StatusTable | None:
    if label in status:
        return status[label]
    stem = Path(label).stem
    for key in (stem, stem + ".status"):
        if key in status:
            return status[key]
    return None


def _add_plan(
    totals: dict[str, _Share], plan: Plan, status: StatusTable, as_of: datetime.date
) -> None:
    in_plan: dict[str, _Share] = {}

    def share(unit: Unit) -> _Share:
        key = _key(unit)
        s = totals.setdefault(key, _Share())
        if key not in in_plan:
            in_plan[key] = s
            s.documents += 1
        if unit.name not in s.names:
            s.names.append(unit.name)
        return s

    measures = {}
    for m in plan.measures:
        measures[m.id] = m
        seen: set[str] = set()
        for u in m.lead_units:
            if _key(u) not in seen:
                seen.add(_key(u))
                share(u).lead_measures += 1
        for u in m.co_units:
            if _key(u) not in seen:
                seen.add(_key(u))
                share(u).co_measures += 1
    for row, progress, _entry in Ledger(plan).progress(status, as_of):
        measure = measures.get(row.measure_id)
        if measure is None:
            continue
        seen = set()
        for u in measure.lead_units:
            if _key(u) in seen:
                continue
            seen.add(_key(u))
            s = share(u)
            s.milestones += 1
            s.implied += row.deadline_kind == "implied"
            s.overdue += progress == "overdue"
            if row.due is not None:
                month = row.due.strftime("%Y-%m")
                s.months[month] = s.months.get(month, 0) + 1


def unit_workload(
    plans: Iterable[Plan] | Mapping[str, Plan],
    *,
    status: Mapping[str, StatusTable] | None = None,
    as_of: datetime.date | None = None,
) -> pd.DataFrame:
    """Every responsible unit across the plans, one row each, busiest first:
    the table of ``taizhang units`` (docs/batch.md).

    ``unit`` is the full name when the lexicon knows it, else the name;
    ``names`` the names the documents use (、-joined); ``documents``,
    ``lead_measures``, ``co_measures``; ``milestones`` the ledger rows of the
    measures the unit leads (recurring ones once per occurrence), of which
    ``implied`` have no stated date and ``overdue`` are not done and due
    before ``as_of`` (default today); ``months`` a dict ``{"2025-06": 3}`` of
    milestones per month (``pd.DataFrame(list(df.months), index=df.unit)``
    makes it a unit × month table).

    ``status`` maps documents to their status tables: by the document's label
    (the mapping key or document number, as in ``taizhang.frames``) or by its
    file stem, so ``{"plan-a": table}`` applies to ``"dir/plan-a.txt"``.
    """
    pandas = _pandas()
    if isinstance(plans, Mapping):
        labelled = [(str(k), p) for k, p in plans.items()]
    else:
        labelled = [(_label(p, i), p) for i, p in enumerate(plans)]
    as_of = as_of or datetime.date.today()
    none = StatusTable.parse_csv("")
    totals: dict[str, _Share] = {}
    for label, plan in labelled:
        table = _status_for(label, status) if status else None
        _add_plan(totals, plan, table if table is not None else none, as_of)

    order = sorted(totals.items(), key=lambda kv: (-kv[1].milestones, -kv[1].lead_measures, kv[0]))
    columns: dict[str, list[Any]] = {name: [] for name in UNIT_WORKLOAD_COLUMNS}
    for key, s in order:
        columns["unit"].append(key)
        columns["names"].append("、".join(s.names))
        for name in ("documents", "lead_measures", "co_measures", "milestones", "implied", "overdue"):
            columns[name].append(getattr(s, name))
        columns["months"].append(dict(sorted(s.months.items())))
    return pandas.DataFrame(
        {name: pandas.Series(columns[name], dtype=dtype) for name, dtype in UNIT_WORKLOAD_COLUMNS.items()},
        columns=list(UNIT_WORKLOAD_COLUMNS),
    )
