#!/usr/bin/env python3
"""Checks golden files (tests/data/golden/*.json) for form, not for truth.

    python3 tests/golden/check.py [FILE.json ...]     (default: every golden file)

A golden file is a reader's record of one corpus document (docs/testing.md).
This script checks what can be checked without reading it again:
- the keys and value types of the format;
- every measure title and the header title, abbreviated or whole, is found in
  the document (prefix and suffix of an abbreviated one), after folding
  full-width forms and dropping spaces;
- every unit name is in the document, or is built by a documented
  distribution (shared suffix, inherited level prefix) — those are printed as
  notes, not errors;
- no run of 24 or more characters of the document appears in the file outside
  unit names: the project holds its own words (titles are abbreviated for
  that; a long collective unit is a name, not a sentence).
Exit status 1 when a file has an error.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from corpus import corpus_dir, fold  # noqa: E402

ELLIPSIS = "…"
TARGET_KEYS = {"value", "low", "high", "unit", "cmp", "baseline", "aspirational", "cumulative",
               "increment", "growth", "optional", "note", "subject"}
CMPS = {"=", ">=", "<=", "~", "range"}
MEASURE_KEYS = {"number", "chapter", "section", "title", "lead_units", "co_units", "leaders",
                "deadlines", "targets", "optional", "partial", "note"}
UNIT_KEYS = {"lead_units", "co_units", "leaders"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How a deadline is written: the names of taizhang::DeadlineKind (implied is
# never written, so never annotated).
KINDS = {"day", "month", "month_part", "quarter", "half_year", "year", "relative", "range",
         "start", "recurring", "open_ended"}


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", fold(s))


def title_found(title: str, doc: str) -> bool:
    t = squeeze(title)
    if ELLIPSIS in t and len(t) > 1:
        head, _, tail = t.partition(ELLIPSIS)
        i = doc.find(head)
        while i >= 0:
            window = doc[i: i + 400]
            if tail in window[len(head):]:
                return True
            i = doc.find(head, i + 1)
        return False
    return t in doc


def long_runs(golden_text: str, doc: str, n: int = 24) -> list[str]:
    """Runs of n+ characters of the document found in the golden file's strings."""
    hits = []
    strings: list[str] = []

    def walk(v):
        if isinstance(v, str):
            strings.append(squeeze(v))
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                if k not in UNIT_KEYS:  # names of organisations, not sentences
                    walk(x)

    walk(json.loads(golden_text))
    for s in strings:
        for i in range(0, max(0, len(s) - n + 1)):
            if s[i: i + n] in doc:
                hits.append(s[i: i + n])
                break
    return hits


def check_deadline(d, where: str, errors: list[str]) -> None:
    if isinstance(d, str):
        if not ISO.match(d):
            errors.append(f"{where}: deadline {d!r} is not YYYY-MM-DD")
    elif isinstance(d, dict):
        due = d.get("due")
        if due is not None and not ISO.match(due):
            errors.append(f"{where}: deadline due {due!r} is not YYYY-MM-DD")
        extra = set(d) - {"due", "kind", "optional", "note"}
        if extra:
            errors.append(f"{where}: unknown deadline keys {sorted(extra)}")
        if "kind" in d and d["kind"] not in KINDS:
            errors.append(f"{where}: deadline kind {d['kind']!r} not one of {sorted(KINDS)}")
    else:
        errors.append(f"{where}: deadline must be a string or an object")


def check_target(t, where: str, errors: list[str]) -> None:
    if not isinstance(t, dict):
        errors.append(f"{where}: target must be an object")
        return
    extra = set(t) - TARGET_KEYS
    if extra:
        errors.append(f"{where}: unknown target keys {sorted(extra)}")
    cmp = t.get("cmp", "=")
    if cmp not in CMPS:
        errors.append(f"{where}: cmp {cmp!r} not one of {sorted(CMPS)}")
    if cmp == "range":
        if not isinstance(t.get("low"), (int, float)) or not isinstance(t.get("high"), (int, float)):
            errors.append(f"{where}: a range needs numeric low and high")
    elif not isinstance(t.get("value"), (int, float)):
        errors.append(f"{where}: target needs a numeric value")
    if "unit" not in t:
        errors.append(f"{where}: target needs a unit (\"\" when there is none)")
    subject = t.get("subject")
    if subject is not None and (not isinstance(subject, str) or not subject or len(subject) > 16):
        errors.append(f"{where}: subject must be a short non-empty phrase (at most 16 characters)")


def check_units(names, where: str, doc: str, errors: list[str], notes: list[str]) -> None:
    if not isinstance(names, list) or not all(isinstance(u, str) and u for u in names):
        errors.append(f"{where}: units must be a list of non-empty strings")
        return
    for u in names:
        if squeeze(u) not in doc:
            notes.append(f"{where}: unit {u!r} is not in the text as written (distributed or inherited?)")


def check_file(path: Path) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    raw = path.read_text(encoding="utf-8")
    try:
        g = json.loads(raw)
    except json.JSONDecodeError as e:
        return [f"not JSON: {e}"], notes
    stem = g.get("doc")
    if stem != path.stem:
        errors.append(f"doc is {stem!r}, the file stem is {path.stem!r}")
    src = corpus_dir() / f"{path.stem}.txt" if corpus_dir() else None
    if src is None or not src.exists():
        return errors + [f"document {path.stem}.txt not found in the corpus"], notes
    doc = squeeze(src.read_text(encoding="utf-8"))
    for key in ("complete", "header", "rules", "measures"):
        if key not in g:
            errors.append(f"missing key {key!r}")
    h = g.get("header", {})
    for key in ("issuer", "doc_number", "signed_on", "plan_year", "title"):
        if key not in h:
            errors.append(f"header: missing {key!r}")
    if h.get("signed_on") and not ISO.match(h["signed_on"]):
        errors.append("header: signed_on is not YYYY-MM-DD")
    if h.get("title") and not title_found(h["title"], doc):
        errors.append(f"header: title {h['title']!r} not found in the document")
    if not isinstance(g.get("rules"), list) or not g.get("rules"):
        errors.append("rules: a non-empty list of lines")
    for i, goal in enumerate(g.get("goals", [])):
        where = f"goal {i + 1}"
        for d in goal.get("deadlines", []):
            check_deadline(d, where, errors)
        for t in goal.get("targets", []):
            check_target(t, where, errors)
    seen_keys = set()
    for i, m in enumerate(g.get("measures", [])):
        where = f"measure {i + 1} (c{m.get('chapter')}.s{m.get('section')}.{m.get('number')})"
        extra = set(m) - MEASURE_KEYS
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        title = m.get("title")
        if not isinstance(title, str) or not title:
            errors.append(f"{where}: needs a title")
        elif not title_found(title, doc):
            errors.append(f"{where}: title {title!r} not found in the document")
        elif ELLIPSIS not in title and len(squeeze(title)) > 20:
            errors.append(f"{where}: title longer than 20 characters must be abbreviated (first 14 … last 4)")
        key = (m.get("chapter"), m.get("section"), m.get("number"))
        if m.get("number") is not None:
            if key in seen_keys:
                errors.append(f"{where}: (chapter, section, number) repeats an earlier measure")
            seen_keys.add(key)
        for role in ("lead_units", "co_units"):
            if role in m:
                check_units(m[role], f"{where} {role}", doc, errors, notes)
            elif not m.get("partial"):
                errors.append(f"{where}: missing {role}")
        for d in m.get("deadlines", []):
            check_deadline(d, where, errors)
        for t in m.get("targets", []):
            check_target(t, where, errors)
    for run in long_runs(raw, doc):
        errors.append(f"copies 24+ characters of the document: {run}")
    return errors, notes


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "tests/data/golden").glob("[0-9]*.json"))
    bad = 0
    for f in files:
        errors, notes = check_file(f)
        for n in notes:
            print(f"{f.name}: note: {n}")
        for e in errors:
            print(f"{f.name}: error: {e}")
        bad += bool(errors)
    print(f"{len(files)} golden file(s) checked, {bad} with errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
