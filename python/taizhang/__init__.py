"""taizhang (台账): Chinese government plan documents into a structured ledger.

    >>> import taizhang
    >>> plan = taizhang.parse_file("qingchuan-2025-city-renewal.txt")
    >>> plan.measures[0].lead_units
    [Unit('市发改委', full_name='市发展和改革委员会')]
    >>> plan.milestones_frame()        # pandas, optional

The objects are read-only views of the C++ model (``taizhang._core``); spans
are ``str`` indices into the text that was parsed.
"""

from __future__ import annotations

from ._core import (
    Chapter,
    Deadline,
    Diagnostic,
    DocNumber,
    Goal,
    Ledger,
    LedgerRow,
    Measure,
    Milestone,
    OutlineNode,
    Parser,
    Plan,
    Section,
    Span,
    StatusEntry,
    StatusProblem,
    StatusTable,
    TaizhangError,
    Target,
    Unit,
    collective_includes,
    from_json,
    is_collective_unit,
    parse,
    parse_file,
    parse_many,
    parse_numeral,
    version,
)
from . import plot  # matplotlib is imported only when a chart is drawn
from .dataframes import Frames, frames
from .batch import parse_folder, read_folder, unit_workload

__version__ = version()

__all__ = [
    "Chapter",
    "Deadline",
    "Diagnostic",
    "DocNumber",
    "Frames",
    "Goal",
    "Ledger",
    "LedgerRow",
    "Measure",
    "Milestone",
    "OutlineNode",
    "Parser",
    "Plan",
    "Section",
    "Span",
    "StatusEntry",
    "StatusProblem",
    "StatusTable",
    "TaizhangError",
    "Target",
    "Unit",
    "__version__",
    "collective_includes",
    "frames",
    "from_json",
    "is_collective_unit",
    "parse",
    "parse_file",
    "parse_folder",
    "parse_many",
    "parse_numeral",
    "plot",
    "read_folder",
    "unit_workload",
    "version",
]
