"""Shared fixtures of the Python suite: the bundled reference plan and its gold."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

# Charts render off-screen; set before anything imports matplotlib.pyplot.
os.environ.setdefault("MPLBACKEND", "Agg")

import taizhang  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "examples" / "data" / "luoyang-2022.txt"
GOLD = ROOT / "tests" / "data" / "gold" / "00-luoyang-2022-platform-city.json"


def read_text(path: Path) -> str:
    # newline="" keeps line ends as they are in the file, so str indices
    # match what the C++ parser sees in parse_file.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return read_text(REFERENCE)


@pytest.fixture(scope="session")
def plan(reference_text: str) -> taizhang.Plan:
    return taizhang.parse(reference_text)


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    with open(GOLD, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
