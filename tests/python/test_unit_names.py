"""Unit names read from the development corpus are names, not pieces of a note.

Over every development document (00–69; 70–96 are held out and never parsed
here), no lead or co unit name may

- hold a colon (: or ：): a label and its content read as one name;
- be a label word of src/units/labels.tsv (牵头单位, 配合单位, 完成时限 …) or
  hold one anywhere but at its end, where the word is the head noun of a
  described body (各相关责任单位, 政务新媒体主办单位);
- hold a scope word of a standing rule (下同, 不再, 以下);
- end with a role verb of src/units/role_verbs.tsv (负责, 牵头, 配合, 落实 …):
  the verb closes the clause, it is no part of the name.

Offenders are printed per document. Needs the built CLI (TAIZHANG_CLI) and the
corpus (tests/golden/corpus.py); skipped without the corpus.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "golden"))
import score  # noqa: E402
from corpus import corpus_dir, why_absent  # noqa: E402

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason=why_absent())

HELD_OUT_FROM = 70  # documents 70 and later are for first-sight evaluation only


def development_documents() -> list[Path]:
    """The corpus documents numbered 00–69, never one of the held-out set."""
    if CORPUS is None:
        return []
    out = []
    for p in sorted(CORPUS.glob("*.txt")):
        m = re.match(r"(\d{2})-", p.name)
        if m and int(m.group(1)) < HELD_OUT_FROM:
            out.append(p)
    return out


def first_column(table: str) -> list[str]:
    """The words of a src/units table (first column, comments skipped)."""
    words = []
    for line in (ROOT / "src" / "units" / table).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.append(line.split("\t")[0])
    return words


LABELS = first_column("labels.tsv")
ROLE_VERBS = first_column("role_verbs.tsv")
SCOPE_WORDS = ("下同", "不再", "以下")


def offences(name: str) -> list[str]:
    """Why `name` is not the name of a unit (empty when it may be one)."""
    why = []
    if ":" in name or "：" in name:
        why.append("colon")
    for label in LABELS:
        at = name.find(label)
        # At the end after words that describe the body, the label word is the
        # name's head noun (各相关责任单位); alone or followed by more, a label.
        if at >= 0 and not (name.endswith(label) and at > 0):
            why.append(f"label {label}")
    why += [f"scope word {w}" for w in SCOPE_WORDS if w in name]
    ending = [v for v in ROLE_VERBS if name.endswith(v)]
    if ending:
        why.append(f"ends with role verb {max(ending, key=len)}")
    return why


def test_the_check_tells_names_from_pieces_of_notes() -> None:
    assert offences("牵头单位：市发改委") == ["colon", "label 牵头单位"]
    assert offences("配合单位市财政局") == ["label 配合单位"]
    assert offences("责任单位") == ["label 责任单位"]
    assert offences("市发改委牵头") == ["ends with role verb 牵头"]
    assert offences("各县区政府负责落实") == ["ends with role verb 负责落实"]
    assert offences("各县区政府(含青川高新区,下同)") == ["scope word 下同"]
    assert offences("以下均需各县区政府") == ["scope word 以下"]
    for name in ("市发改委", "工业和信息化部", "各相关责任单位", "其他配合单位", "政务新媒体主办单位", "有关部门",
                 "青川市就业创业指导中心", "各县(市、区)人民政府"):
        assert offences(name) == [], name


@pytest.fixture(scope="module")
def cli() -> str:
    path = os.environ.get("TAIZHANG_CLI")
    if not path:
        pytest.skip("TAIZHANG_CLI is not set (path of the built taizhang command-line tool)")
    return path


def test_the_development_set_is_00_to_69() -> None:
    docs = development_documents()
    assert docs, f"no development document in {CORPUS}"
    assert all(int(p.name[:2]) < HELD_OUT_FROM for p in docs)


@pytest.mark.parametrize("path", development_documents(), ids=lambda p: p.name[:2])
def test_unit_names_are_names(cli: str, path: Path) -> None:
    plan = score.parse_with_cli(cli, path)
    found = []
    for where, m in score.parsed_measures(plan):
        for role in ("lead_units", "co_units"):
            for u in m.get(role, []):
                why = offences(u["name"])
                if why:
                    found.append(f"{m.get('id', where)} {role[:-6]} 「{u['name']}」: {', '.join(why)}")
    for line in found:
        print(f"{path.stem}: {line}")
    assert not found, f"{len(found)} unit name(s) of {path.stem} are not names:\n  " + "\n  ".join(found)
