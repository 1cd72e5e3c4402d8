"""Where the shared corpus is, and the text folding every golden comparison uses.

The documents are never copied into the project (docs/testing.md): they are
read from $TAIZHANG_CORPUS, or from ../shared/corpus/dev beside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path | None:
    """The corpus folder, or None when this checkout has none beside it."""
    env = os.environ.get("TAIZHANG_CORPUS")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared" / "corpus" / "dev")
    for c in candidates:
        if c.is_dir():
            return c
    return None


def why_absent() -> str:
    return ("corpus tests skipped: no corpus at $TAIZHANG_CORPUS or ../shared/corpus/dev "
            "(the documents are not part of the project; see docs/testing.md)")


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold(s: str) -> str:
    """Full-width ASCII to ASCII and the ideographic space to a space, as the parser folds."""
    return s.translate(_FOLD)
