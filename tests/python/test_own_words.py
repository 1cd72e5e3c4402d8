"""The project holds only its own words: no corpus text in any tracked file.

The corpus documents are read from $TAIZHANG_CORPUS or ../shared/corpus/dev
(tests/golden/corpus.py) and are never copied into the project, nor are
sentences taken from them. Two checks over every file `git ls-files` lists:

- no corpus sentence (a piece of a document between 。；;！？ or line ends) of
  24 characters or more occurs in the file;
- no run of 40 or more consecutive characters is shared with a document.

Both compare text folded the same way (full-width ASCII to ASCII, then every
space removed). Golden files (tests/data/golden/*.json) are read as JSON and
only their string values are scanned; the unit names in them (lead_units,
co_units, leaders) are names, not sentences, and are left out of the run check.
Binary files and files that are not UTF-8 are skipped. Corpus absent: the
module is skipped.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "golden"))
from corpus import corpus_dir, fold, why_absent  # noqa: E402

CORPUS = corpus_dir()
if CORPUS is None:
    pytest.skip(why_absent(), allow_module_level=True)

SENTENCE = 24  # shortest corpus sentence that may not appear in the project
RUN = 40  # longest run of characters the project may share with a document
SHOWN = 30  # characters of each hit shown in a failure
UNIT_KEYS = frozenset({"lead_units", "co_units", "leaders"})

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。；;！？\r\n]")


def norm(text: str) -> str:
    """The folding both sides are compared in: fold(), then no whitespace."""
    return _SPACE.sub("", fold(text))


class Corpus:
    """Kept sentences keyed by their first SENTENCE characters, and the hashes
    of every RUN-character window of each document (checked back against the
    text itself, so a hash collision never reports a hit)."""

    def __init__(self, folder: Path) -> None:
        self.sentences: dict[str, set[str]] = {}
        self.windows: set[int] = set()
        texts = []
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            for piece in _SENTENCE_END.split(raw):
                s = norm(piece)
                if len(s) >= SENTENCE:
                    self.sentences.setdefault(s[:SENTENCE], set()).add(s)
            t = norm(raw)
            texts.append(t)
            self.windows.update(hash(t[i : i + RUN]) for i in range(len(t) - RUN + 1))
        self.documents = len(texts)
        self.joined = "\0".join(texts)

    def sentence_hits(self, t: str) -> Iterator[str]:
        """The corpus sentences found in folded text t, once each."""
        seen: set[str] = set()
        for i in range(len(t) - SENTENCE + 1):
            candidates = self.sentences.get(t[i : i + SENTENCE])
            if candidates:
                for s in candidates:
                    if s not in seen and t.startswith(s, i):
                        seen.add(s)
                        yield s

    def run_hits(self, t: str) -> Iterator[str]:
        """The start of each maximal run of RUN+ characters shared with the corpus."""
        windows, i, n = self.windows, 0, len(t)
        while i + RUN <= n:
            w = t[i : i + RUN]
            if hash(w) in windows and w in self.joined:
                j = i + 1
                while j + RUN <= n and hash(t[j : j + RUN]) in windows:
                    j += 1
                yield t[i:]
                i = j
            else:
                i += 1


@functools.lru_cache(maxsize=None)
def corpus() -> Corpus:
    assert CORPUS is not None
    return Corpus(CORPUS)


def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"not a git checkout ({e}): no list of tracked files")
    return [p for p in out.decode("utf-8").split("\0") if p]


def _strings(node: object, key: str | None) -> Iterator[tuple[str | None, str]]:
    """Every string value of a JSON document, with the key it sits under."""
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)


def is_golden(rel: str) -> bool:
    return rel.startswith("tests/data/golden/") and rel.endswith(".json")


def segments(rel: str) -> tuple[list[str], list[str]] | None:
    """The folded text of a tracked file for the sentence check and for the run
    check, or None when the file is missing, binary or not UTF-8."""
    path = ROOT / rel
    if not path.is_file():
        return None
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if is_golden(rel):
        try:
            values = list(_strings(json.loads(text), None))
        except ValueError:
            pass  # a golden file mid-edit: scanned as plain text below
        else:
            every = [norm(v) for _, v in values]
            return every, [norm(v) for k, v in values if k not in UNIT_KEYS]
    t = norm(text)
    return [t], [t]


@functools.lru_cache(maxsize=None)
def scan() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentence hits, run hits), each as 'file: first SHOWN characters'."""
    c = corpus()
    sentence_hits: list[str] = []
    run_hits: list[str] = []
    for rel in tracked_files():
        seg = segments(rel)
        if seg is None:
            continue
        for_sentences, for_runs = seg
        for t in for_sentences:
            sentence_hits += [f"{rel}: {s[:SHOWN]}" for s in c.sentence_hits(t)]
        for t in for_runs:
            run_hits += [f"{rel}: {s[:SHOWN]}" for s in c.run_hits(t)]
    return tuple(sentence_hits), tuple(run_hits)


def test_the_corpus_is_read() -> None:
    c = corpus()
    assert c.documents > 0, f"no *.txt document in {CORPUS}"
    assert c.sentences, "no corpus sentence of 24+ characters"


def test_the_checks_find_what_they_look_for() -> None:
    c = corpus()
    sentence = min(s for group in c.sentences.values() for s in group)
    assert sentence in list(c.sentence_hits("甲乙" + sentence + "丙丁"))
    doc = c.joined.split("\0")[0]
    run = doc[: RUN + 5]
    assert list(c.run_hits("甲乙" + run + "丙丁"))
    assert not list(c.run_hits("甲乙" + run[: RUN - 1] + "丙丁"))
    # The folding: full-width letters and spaces do not hide a sentence.
    wide = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in sentence)
    assert sentence in list(c.sentence_hits(norm(" ".join(wide))))


def test_no_corpus_sentence_in_the_project() -> None:
    hits, _ = scan()
    assert not hits, (
        f"{len(hits)} corpus sentence(s) of {SENTENCE}+ characters in tracked files "
        "(the project holds only its own words; rewrite them):\n  " + "\n  ".join(hits))


def test_no_long_run_of_corpus_text_in_the_project() -> None:
    _, hits = scan()
    assert not hits, (
        f"{len(hits)} run(s) of {RUN}+ characters shared with a corpus document in tracked "
        "files (the project holds only its own words; rewrite them):\n  " + "\n  ".join(hits))
