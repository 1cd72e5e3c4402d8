#!/usr/bin/env python3
"""Rule evidence: for every row of every rule table, in how many corpus
documents and from how many issuers it occurs.

A rule must be a convention of Chinese government writing seen from more than
one issuer, or an entry of an official list (ministry names, GB/T 9704, legal
measure units). This script counts, for each row of every table the build
embeds (src/**/*.tsv, see cmake/embed.cmake), the documents of the shared
corpus in which the row's word occurs in the context its rule reads, and the
distinct issuers of those documents. A row seen from fewer than two issuers
must carry an explanation (docs/design.md, "Rules as data"):

    # general: official short names of State Council ministries
    科技部	科学技术部
    …

A comment paragraph holding a `# general: <reason>` line explains the run of
rows right after it, up to the next blank line or comment line. The table
reader (src/text/tsv.cpp) skips it like any comment.

Output: per table, each row with its document and issuer counts; then the
unexplained rows; then `rule_evidence: N unexplained rows (max M)`. M is
stored in tests/data/rule_evidence_max.txt: the script exits 1 when N > M.
`--update` lowers M to N; it never raises M (edit the file by hand, in a
reviewed commit, if a row truly must stay unexplained).

Every document of the corpus counts, held-out ones included: this counts
words of the project's own tables and prints no text of any document.
Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
from corpus import ROOT, corpus_dir, fold, why_absent  # noqa: E402

MAX_FILE = ROOT / "tests" / "data" / "rule_evidence_max.txt"
EXPLANATION = re.compile(r"#\s*general:\s*(\S.*)$")

# ---------------------------------------------------------------- issuers

_NOTE = re.compile(r"[（(\[［【]")
_GOVERNMENT = re.compile(r"^(.+?)人民政府(?:办公厅|办公室)?$")


def issuing_body(cell: str) -> str:
    """The issuing body named in the README's issuer column.

    Notes in brackets are dropped (安徽省（记录标注） → 安徽省); of a joint issue
    the first body counts (山东省工业和信息化厅、省发展改革委… → the first;
    河北省人力资源和社会保障厅等 → without 等). A government and its general
    office are one issuer: the office issues on the government's behalf in its
    drafting conventions (河北省人民政府办公厅, 河北省人民政府 and 河北省 → 河北省;
    国务院办公厅 → 国务院). A department stays a body of its own.
    """
    m = _NOTE.search(cell)
    body = (cell[: m.start()] if m else cell).strip()
    body = body.split("、")[0].strip()
    if body.endswith("等"):
        body = body[:-1]
    if body == "国务院办公厅":
        return "国务院"
    g = _GOVERNMENT.match(body)
    return g.group(1) if g else body


def issuers(corpus: Path) -> dict[str, str]:
    """File name → issuing body, from the table in the corpus README."""
    out: dict[str, str] = {}
    readme = corpus / "README.md"
    if not readme.exists():
        return out
    header: list[str] | None = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        if "file" not in header or "issuer" not in header or len(cells) != len(header):
            continue
        name, issuer = cells[header.index("file")], cells[header.index("issuer")]
        if name.endswith(".txt"):
            body = issuing_body(issuer)
            if body and body not in {"—", "-", "?", "不详", "未知"}:
                out[name] = body
    return out


# ---------------------------------------------------------------- documents


@dataclass
class Doc:
    name: str
    issuer: str
    text: str  # folded (full-width ASCII → ASCII, ideographic space → space)
    lines: list[str] = field(default_factory=list)  # trimmed lines of text
    units: str = ""  # the unit-name view: 人民政府 → 政府, no spaces


def unit_view(s: str) -> str:
    """Unit names as the ledger compares them (src/ledger: normalize_unit_name)."""
    return fold(s).replace("人民政府", "政府").replace(" ", "").replace("\t", "")


def load_docs(corpus: Path) -> list[Doc]:
    named = issuers(corpus)
    docs = []
    for path in sorted(corpus.glob("*.txt")):
        text = fold(path.read_text(encoding="utf-8", errors="replace"))
        # A document whose issuer is unknown is an issuer of its own.
        issuer = named.get(path.name, "?" + path.stem)
        docs.append(Doc(path.name, issuer, text,
                        [ln.strip() for ln in text.splitlines()], unit_view(text)))
    return docs


# ---------------------------------------------------------------- matching
#
# A matcher turns a row into (the string shown, a predicate on a document).
# Each table's rows are looked for in the context their rule reads, so that a
# one-character cue (比, 到, 个) counts where it does its work, not wherever
# the character occurs. The contexts are deliberately simple: they answer "is
# this convention used by this document", not "would the parser fire here".

Pred = Callable[[Doc], bool]
Matcher = Callable[[list[str]], "tuple[str, Pred]"]

CN_DIGITS = "〇零一二三四五六七八九十"
NUMERAL = f"[0-9{CN_DIGITS}百千万亿两]"
CLAUSE = r"[^。,;!?\n]"  # within one clause (after folding: ，；！？ → ,;!?)
SENTENCE = r"[^。;!?\n]"  # within one sentence (。；！？)
BOUNDARY = "。!?\n,;:、| \t\r()"  # src/deadlines/scan.cpp is_boundary, folded
DATE_START = rf"\s*(?:[0-9]{{1,4}}|[{CN_DIGITS}]{{1,4}})\s*(?:年|月|季度)"
DATE_END = rf"[0-9{CN_DIGITS}]\s*[年月日](?:底|末|初)?\s*"


def substring(key: str) -> Pred:
    return lambda d: key in d.text


def pattern(rx: str, word: str) -> Pred:
    """The regular expression rx, which holds word, occurs (a document without
    the word is ruled out by a substring test first, which is much faster)."""
    compiled = re.compile(rx)
    return lambda d: word in d.text and compiled.search(d.text) is not None


def column(i: int, pred: Callable[[str, list[str]], Pred]) -> Matcher:
    def make(row: list[str]) -> tuple[str, Pred]:
        key = fold(row[i].strip()) if i < len(row) else ""
        if not key:
            return key, lambda d: False
        return key, pred(key, row)
    return make


def first_column_substring() -> Matcher:
    return column(0, lambda k, row: substring(k))


# --- src/deadlines/date_cues.tsv: class, word. The word stands next to a date:
# *_before words right before one (比2020年, 到2025年), *_after words right after
# one (2022年度, 2020年以来); open_ended standing alone between clause marks;
# closing opening a sentence; document right before 印发.
def date_cue(word: str, row: list[str]) -> Pred:
    w = re.escape(word)
    cls = row[0].strip()
    if cls.endswith("_before"):
        return pattern(w + DATE_START, word)
    if cls.endswith("_after"):
        return pattern(DATE_END + w, word)
    if cls == "open_ended":
        edge = re.escape(BOUNDARY)
        return pattern(rf"(?<![^{edge}]){w}(?![^{edge}])", word)
    if cls == "closing":
        return pattern(rf"(?:^|[。!?\n])\s*{w}", word)
    if cls == "document":
        return pattern(w + "印发", word)
    return substring(word)


# --- src/outline/chrome.tsv: kind, text. prefix: a trimmed line (or the line
# without spaces) starts with the text; exact: a line equals it; contains: a
# line of at most 40 characters holds it. As src/outline/outline.cpp reads it.
def chrome(text: str, row: list[str]) -> Pred:
    kind = row[0].strip()
    if kind == "prefix":
        return lambda d: any(ln.startswith(text) or ln.replace(" ", "").startswith(text)
                             for ln in d.lines)
    if kind == "exact":
        return lambda d: any(ln == text for ln in d.lines)
    if kind == "contains":
        return lambda d: any(len(ln) <= 40 and text in ln for ln in d.lines)
    return substring(text)


# --- src/outline/non_measure_headings.tsv: title. The title is a heading: after
# a heading marker (一、 (一) 1. 第一章) and before the end of the heading
# (end of line, 。 : ; or a space in texts without line breaks).
def heading(title: str, row: list[str]) -> Pred:
    return pattern(rf"(?:^|[\n、.)．]|章|节|部分)\s*{re.escape(title)}(?=[\s。:;]|$)", title)


# --- src/ledger/collectives.tsv: how, collective, member rule, member. The
# collective text (second column) in the unit-name view of the document, where
# it is compared (人民政府 → 政府, spaces removed).
def collective(text: str, row: list[str]) -> Pred:
    key = unit_view(text)
    return lambda d: key in d.units


# --- src/units/abbreviations.tsv: abbreviation, full name. The abbreviation
# standing as a unit name: at a clause edge, after a level prefix or after a
# joining word (市发改委, 、科技部, 会同财政部), not inside a longer word (平台办理
# holds no 台办) and not as the start of 部门 (科技部门 is no 科技部).
ABBREVIATION_BEFORE = re.escape(BOUNDARY + "省市区县州镇乡各由请和与及同“《")


def abbreviation(word: str, row: list[str]) -> Pred:
    return pattern(rf"(?<![^{ABBREVIATION_BEFORE}]){re.escape(word)}(?!门)", word)


# --- src/units/subject_cues.tsv: word, role. Function words of the subject rule
# (suffixes, modals, cues, openers): a document containing the word. So is
# matched any table that matchers() does not name: its first column, anywhere.


# --- src/targets/units.tsv: word, unit, factor, kind. Right after a numeral
# (5000万元, 3个月, 85%).
def unit_word(word: str, row: list[str]) -> Pred:
    return pattern(rf"{NUMERAL}\s*{re.escape(word)}", word)


# --- src/targets/comparators.tsv: word, cmp, where. before: the number follows
# in the same clause (a one-character word right before the numeral: 约30%,
# 近万人); after: within five characters after a number (85%以上, 100万元以上);
# infix: right after a numeral (1000余个, 十余).
def comparator(word: str, row: list[str]) -> Pred:
    w = re.escape(word)
    where = row[2].strip() if len(row) > 2 else ""
    if where == "before":
        return pattern(rf"{w}{NUMERAL}" if len(word) == 1 else rf"{w}{CLAUSE}{{0,20}}?[0-9]", word)
    if where == "after":
        return pattern(rf"[0-9]{CLAUSE}{{0,4}}?{w}", word)
    if where == "infix":
        return pattern(rf"{NUMERAL}{w}", word)
    return substring(word)


# --- src/targets/target_cues.tsv: word, cue. growth and baseline right before
# the number (增长6.2%, 由71.2%); the others before a number in the same clause
# (力争…达到90%, 分别达到50%).
def target_cue(word: str, row: list[str]) -> Pred:
    w = re.escape(word)
    cue = row[1].strip() if len(row) > 1 else ""
    if cue in ("growth", "baseline"):
        return pattern(rf"{w}\s*[0-9]", word)
    return pattern(rf"{w}{CLAUSE}{{0,30}}?[0-9]", word)


# --- src/targets/target_negatives.tsv: text, where. phrase: anywhere; before:
# right before a numeral (第八批, 每万人); cap: before a number, alone or with a
# comparator of comparators.tsv between (最高不超过15万元); permissive: before a
# number in the same sentence (可申请…50%).
def target_negative(text: str, row: list[str], comparators: list[str]) -> Pred:
    w = re.escape(text)
    where = row[1].strip() if len(row) > 1 else ""
    if where == "before":
        return pattern(rf"{w}{NUMERAL}", text)
    if where == "cap":
        cmp = "|".join(re.escape(c) for c in sorted(comparators, key=len, reverse=True))
        return pattern(rf"{w}(?:{cmp})?\s*[0-9]" if cmp else rf"{w}\s*[0-9]", text)
    if where == "permissive":
        return pattern(rf"{w}{SENTENCE}*?[0-9]", text)
    return substring(text)


# --- src/targets/subject_words.tsv: word, role. Within twelve characters of a
# number, in the same clause (the window the subject finder reads).
def subject_word(word: str, row: list[str]) -> Pred:
    w = re.escape(word)
    return pattern(rf"{w}{CLAUSE}{{0,12}}?[0-9]|[0-9]{CLAUSE}{{0,12}}?{w}", word)


def matchers(root: Path) -> dict[str, Matcher]:
    """Table (path under the checkout) → how its rows are looked for. A table
    not named here is matched by its first column as a substring."""
    comparators = [r[0].strip() for r in rows_of(root / "src/targets/comparators.tsv")
                   if len(r) > 2 and r[2].strip() == "before"]
    return {
        "src/deadlines/date_cues.tsv": column(1, date_cue),
        "src/ledger/collectives.tsv": column(1, collective),
        "src/outline/chrome.tsv": column(1, chrome),
        "src/outline/non_measure_headings.tsv": column(0, heading),
        "src/targets/comparators.tsv": column(0, comparator),
        "src/targets/subject_words.tsv": column(0, subject_word),
        "src/targets/target_cues.tsv": column(0, target_cue),
        "src/targets/target_negatives.tsv":
            column(0, lambda t, r: target_negative(t, r, comparators)),
        "src/targets/units.tsv": column(0, unit_word),
        "src/units/abbreviations.tsv": column(0, abbreviation),
        "src/units/subject_cues.tsv": first_column_substring(),
    }


# ---------------------------------------------------------------- tables


@dataclass
class Row:
    line: int
    fields: list[str]
    explanation: str | None


def read_table(path: Path) -> list[Row]:
    """The rows as src/text/tsv.cpp reads them (blank and '#' lines skipped,
    a CR before the LF dropped), each with the explanation that covers it: a
    `# general: …` line in the comment paragraph right before its run of rows."""
    rows: list[Row] = []
    paragraph: str | None = None  # explanation of the current comment paragraph
    current: str | None = None  # explanation of the current run of rows
    previous = "blank"
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        if line.startswith("#"):
            if previous != "comment":
                paragraph = None
            m = EXPLANATION.match(line)
            if m:
                paragraph = m.group(1).strip()
            previous = "comment"
            continue
        if not line:
            previous = "blank"
            continue
        if previous == "comment":
            current = paragraph
        elif previous == "blank":
            current = None
        rows.append(Row(n, line.split("\t"), current))
        previous = "row"
    return rows


def rows_of(path: Path) -> list[list[str]]:
    return [r.fields for r in read_table(path)] if path.exists() else []


def tables(root: Path) -> list[Path]:
    """The tables the build embeds: every src/**/*.tsv (CMakeLists.txt)."""
    return sorted((root / "src").rglob("*.tsv"))


# ---------------------------------------------------------------- report


@dataclass
class Evidence:
    table: str
    row: Row
    key: str
    docs: int
    issuers: int

    @property
    def unexplained(self) -> bool:
        return self.issuers < 2 and self.row.explanation is None


def evidence(root: Path, docs: list[Doc]) -> list[Evidence]:
    how = matchers(root)
    out = []
    for path in tables(root):
        rel = path.relative_to(root).as_posix()
        make = how.get(rel, first_column_substring())
        for row in read_table(path):
            key, pred = make(row.fields)
            hits = [d for d in docs if pred(d)]
            out.append(Evidence(rel, row, key, len(hits), len({d.issuer for d in hits})))
    return out


def stored_max() -> int | None:
    try:
        return int(MAX_FILE.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def print_report(found: list[Evidence], docs: list[Doc], quiet: bool) -> int:
    by_table: dict[str, list[Evidence]] = {}
    for e in found:
        by_table.setdefault(e.table, []).append(e)
    n_issuers = len({d.issuer for d in docs})
    print(f"rule evidence over {len(docs)} documents from {n_issuers} issuers "
          "(docs / issuers per row; G = explained as general, ! = unexplained)")
    for table, rows in by_table.items():
        bad = sum(e.unexplained for e in rows)
        print(f"\n{table}: {len(rows)} rows, {bad} unexplained")
        if quiet:
            continue
        for e in rows:
            mark = "!" if e.unexplained else ("G" if e.row.explanation else " ")
            shown = "\t".join(e.row.fields)
            print(f"  {mark} {e.docs:3d} {e.issuers:3d}  {e.row.line:4d}: {shown}")
    unexplained = [e for e in found if e.unexplained]
    print(f"\nunexplained rows (fewer than 2 issuers, no `# general:` explanation): "
          f"{len(unexplained)}")
    for e in unexplained:
        print(f"  {e.table}:{e.row.line}: {e.key}  ({e.docs} docs, {e.issuers} issuers)")
    return len(unexplained)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true",
                    help=f"lower the stored maximum ({MAX_FILE.relative_to(ROOT)}) to today's count")
    ap.add_argument("--quiet", action="store_true", help="per-table totals only, no rows")
    args = ap.parse_args(argv)

    corpus = corpus_dir()
    if corpus is None:
        print("rule_evidence: " + why_absent())
        return 0
    docs = load_docs(corpus)
    n = print_report(evidence(ROOT, docs), docs, args.quiet)
    m = stored_max()
    if args.update:
        if m is not None and n > m:
            print(f"rule_evidence: {n} unexplained rows (max {m}): --update never raises the "
                  "maximum; explain the new rows, or raise it by hand in a reviewed commit")
            return 1
        if m is None or n < m:
            MAX_FILE.write_text(f"{n}\n", encoding="utf-8")
            m = n
    shown = "none stored" if m is None else str(m)
    print(f"rule_evidence: {n} unexplained rows (max {shown})")
    if m is None:
        print(f"rule_evidence: no maximum in {MAX_FILE.relative_to(ROOT)}; run with --update")
        return 1
    if n > m:
        print("rule_evidence: more unexplained rows than allowed: give each new row evidence "
              "from a second issuer or a `# general: <reason>` comment (docs/testing.md)")
        return 1
    if n < m:
        print("rule_evidence: fewer than allowed: run `tests/rule_evidence.py --update` to lower "
              "the maximum")
    return 0


if __name__ == "__main__":
    sys.exit(main())
