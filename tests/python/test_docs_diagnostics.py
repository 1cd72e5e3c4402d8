"""docs/diagnostics.md lists every diagnostic code the code emits, and nothing else.

Codes are the string literals passed to Document::diagnose in src/ (a code is
`stage.what`). A reviewer looks a code up in the docs: a code missing there is
a diagnostic nobody can act on.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EMITTED = re.compile(r'diagnose\(\s*"([a-z_]+\.[a-z_]+)"')
DOCUMENTED = re.compile(r"^### `([a-z_]+\.[a-z_]+)`", re.M)


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for p in (ROOT / "src").rglob("*.cpp"):
        codes.update(EMITTED.findall(p.read_text(encoding="utf-8")))
    return codes


def test_codes_are_found() -> None:
    assert len(emitted_codes()) >= 8


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    documented = set(DOCUMENTED.findall((ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")))
    emitted = emitted_codes()
    assert emitted - documented == set(), "codes the docs do not explain"
    assert documented - emitted == set(), "documented codes nothing emits"
