"""Shared fixtures of the Python suite: the reference plan and its gold.

The reference plan (洛政〔2022〕17号) is a corpus document: it is read from
$TAIZHANG_CORPUS or ../shared/corpus/dev beside the checkout and never copied
into the project. Where the corpus is absent, the tests that need it are
skipped with one line saying why; the rest use the project's own example plan.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

# Charts render off-screen; set before anything imports matplotlib.pyplot.
os.environ.setdefault("MPLBACKEND", "Agg")

import taizhang  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "golden"))
from corpus import corpus_dir, why_absent  # noqa: E402

CORPUS = corpus_dir()
REFERENCE = (CORPUS / "00-luoyang-2022-platform-city.txt") if CORPUS else ROOT / "no-corpus"
GOLD = (CORPUS.parents[1] / "gold" / "00-luoyang-2022-platform-city.json") if CORPUS else ROOT / "no-corpus"
EXAMPLE = ROOT / "examples" / "data" / "qingchuan-2025-city-renewal.txt"
requires_corpus = pytest.mark.skipif(CORPUS is None, reason=why_absent())


def read_text(path: Path) -> str:
    # newline="" keeps line ends as they are in the file, so str indices
    # match what the C++ parser sees in parse_file.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="session")
def reference_text() -> str:
    if CORPUS is None:
        pytest.skip(why_absent())
    return read_text(REFERENCE)


@pytest.fixture(scope="session")
def plan(reference_text: str) -> taizhang.Plan:
    return taizhang.parse(reference_text)


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    if not GOLD.exists():
        pytest.skip(why_absent())
    with open(GOLD, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
