#!/usr/bin/env python3
"""Scores the parser against the golden files, field by field.

    python3 tests/golden/score.py [--cli PATH] [--docs STEM_PREFIX ...] [--diff] [--json OUT]

Runs `taizhang parse --format json` (the CLI named by --cli, $TAIZHANG_CLI, or
build/taizhang) on each corpus document that has a golden file, aligns its
measures with the golden ones and prints precision, recall and F1 per field:

  header      issuer, doc_number, signed_on, plan_year, title
  measures    measures aligned by (chapter, section, number); unnumbered ones
              by the first 10 characters of their title
  titles      titles of aligned measures (prefix and suffix of an abbreviated
              golden title)
  lead_units, co_units    unit names per aligned measure
  deadlines   due dates per measure, plus the goals' horizons (plan level)
  targets     value (or low-high), unit and comparator, per measure and goal
  deadline_kinds   for each golden deadline annotated with its `kind`: the
              parsed deadline of the same measure and due date has that kind
              (a missed deadline is a miss here too)
  target_subjects  for each golden target annotated with its `subject`: the
              parsed target of the same measure and key names that subject
              (one contains the other once spaces and widths are folded;
              a missed target is a miss here too)

Parsed measures that the golden file does not list count as extras in every
field. Optional golden items count neither way. The same scorer records
first-sight figures (run it with an older CLI) and checks the floors
(tests/python/test_golden.py); docs/testing.md explains the format.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import ROOT, corpus_dir, fold  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "golden"
FIELDS = ["header", "measures", "titles", "lead_units", "co_units", "deadlines", "targets",
          "deadline_kinds", "target_subjects"]
ELLIPSIS = "…"


def squeeze(s: str | None) -> str:
    return re.sub(r"\s+", "", fold(s or ""))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, o: "Score") -> "Score":
        self.tp += o.tp
        self.fp += o.fp
        self.fn += o.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    stem: str
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    diff: list[str] = field(default_factory=list)


def compare(expected: Counter, got: Counter, optional: Counter, what: str, diff: list[str]) -> Score:
    s = Score()
    left = Counter(got)
    for item, n in expected.items():
        hit = min(n, left[item])
        s.tp += hit
        s.fn += n - hit
        left[item] -= hit
        for _ in range(n - hit):
            diff.append(f"  - missing {what}: {item}")
    for item, n in left.items():
        spare = n - optional[item]
        if spare > 0:
            s.fp += spare
            for _ in range(spare):
                diff.append(f"  + extra   {what}: {item}")
    return s


def num(v) -> str:
    return f"{float(v):.10g}"


def target_key(t: dict) -> str:
    if t.get("low") is not None and t.get("high") is not None:
        k = f"{num(t['low'])}-{num(t['high'])}"
    elif t.get("value") is not None:
        k = num(t["value"])
    else:
        k = "?"
    return f"{k} {t.get('unit', '')} {t.get('cmp', '=')}"


def title_matches(gold: str, got: str) -> bool:
    g, p = squeeze(gold), squeeze(got)
    if ELLIPSIS in g and len(g) > 1:
        head, _, tail = g.partition(ELLIPSIS)
        return p.startswith(head) and p.endswith(tail) and len(p) > len(head) + len(tail)
    return g == p


def opt(v) -> str:
    return "null" if v is None or v == "" else str(v)


def measure_key(chapter, section, number, title: str) -> str:
    tail = str(number) if number is not None else "«" + squeeze(title)[:10] + "»"
    return f"c{opt(chapter)}.s{opt(section)}.{tail}"


def within_part(m: dict) -> tuple:
    """(chapter, section) of a measure of a package's plan named without the
    plan: its path (the measure id) after the part's own step, whose first
    step is the plan's chapter and whose second, when the measure lies
    deeper, its section. Steps are printed numbers ("3") or positions
    ("u2", "p1")."""
    steps = m.get("id", "").split(".")[1:-1]

    def number(step: str):
        return int(step) if step.isdigit() else None
    return (number(steps[0]) if steps else None, number(steps[1]) if len(steps) > 1 else None)


def parsed_measures(plan: dict, golden_keys: set[str] = frozenset()) -> list[tuple[str, dict]]:
    """(key, measure) in document order.

    A chapter or section is named by its printed number (sections may run
    straight through the chapters: 三、 holds （四）–（六）) or by its ordinal
    (the first, second … in its chapter): golden files write the ordinal of
    the enclosing （一）, which readers take either way. A measure of one plan
    of a package (a chapter with no marker: the plan's title line) is named
    by the plan's position or, as readers also write it, within its plan
    alone (the plan's 一、 as chapter). The printed reading is used unless
    only another one names a golden measure."""
    out = []
    for m in plan.get("loose_measures", plan.get("measures", [])):
        out.append(((None, None), (None, None), None, m))
    for ci, c in enumerate(plan.get("chapters", []), 1):
        cn = c.get("number") or ci
        part = not c.get("marker")
        for m in c.get("measures", []):
            out.append(((cn, None), (ci, None), within_part(m) if part else None, m))
        for si, s in enumerate(c.get("sections", []), 1):
            sn = s.get("number") or si
            for m in s.get("measures", []):
                out.append(((cn, sn), (ci, si), within_part(m) if part else None, m))
    out.sort(key=lambda x: x[3]["span"]["start"])

    def key(where, m):
        return measure_key(*where, m.get("number"), m.get("title", ""))

    # A reader names a whole plan of a package one way: within the plan
    # when that names more golden measures than the package's chapters do.
    by_part: dict[int, list[int]] = {}
    for printed, _, inner, m in out:
        if inner is not None:
            votes = by_part.setdefault(printed[0], [0, 0])
            votes[0] += key(printed, m) in golden_keys
            votes[1] += key(inner, m) in golden_keys
    keys = []
    for printed, ordinal, inner, m in out:
        if inner is not None and by_part[printed[0]][1] > by_part[printed[0]][0]:
            keys.append((key(inner, m), m))
            continue
        kp, ko = key(printed, m), key(ordinal, m)
        keys.append((ko if kp not in golden_keys and ko in golden_keys else kp, m))
    return keys


def parsed_deadlines(m: dict) -> list[str]:
    out = []
    for ms in m.get("milestones", []):
        d = ms.get("deadline", {})
        if d.get("kind") != "implied" and not d.get("implied") and d.get("due"):
            out.append(d["due"])
    return out


def parsed_deadline_kinds(m: dict) -> list[tuple[str, str]]:
    """(due, kind) of the deadlines parsed_deadlines() counts."""
    out = []
    for ms in m.get("milestones", []):
        d = ms.get("deadline", {})
        if d.get("kind") != "implied" and not d.get("implied") and d.get("due"):
            out.append((d["due"], d.get("kind", "")))
    return out


def subject_matches(gold: str, got: str) -> bool:
    g, p = squeeze(gold), squeeze(got)
    if g == p:
        return True
    return min(len(g), len(p)) >= 2 and (g in p or p in g)


def kind_items(k: str, gold: list, parsed: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Expected and got items of deadline_kinds for one measure or for the goals:
    only golden deadlines with a `kind` count, and of the parsed ones only
    those whose due date such a golden deadline has."""
    expected = [f"{k} {d['due']} {d['kind']}" for d in gold
                if isinstance(d, dict) and d.get("kind") and d.get("due") and not d.get("optional")]
    wanted = Counter(item.rsplit(" ", 1)[0] for item in expected)
    got = []
    for due, kind in parsed:
        if wanted[f"{k} {due}"] > 0:
            wanted[f"{k} {due}"] -= 1
            got.append(f"{k} {due} {kind}")
    return expected, got


def subject_items(k: str, gold: list[dict], parsed: list[dict]) -> tuple[list[str], list[str]]:
    """Expected and got items of target_subjects: each annotated golden target
    is paired with an unpaired parsed target of the same key, preferring one
    whose subject matches."""
    expected, got = [], []
    pool: dict[str, list[str]] = {}
    for t in parsed:
        pool.setdefault(target_key(t), []).append(t.get("subject") or "")
    for t in gold:
        if not t.get("subject") or t.get("optional"):
            continue
        key = target_key(t)
        item = f"{k} {key} «{t['subject']}»"
        expected.append(item)
        candidates = pool.get(key, [])
        hit = next((i for i, s in enumerate(candidates) if subject_matches(t["subject"], s)), None)
        if hit is not None:
            candidates.pop(hit)
            got.append(item)
        elif candidates:
            got.append(f"{k} {key} «{candidates.pop(0)}»")
    return expected, got


def parsed_targets(m: dict) -> list[dict]:
    # A goal or measure lists its targets once (taizhang.plan/1 and later).
    return list(m.get("targets", []))


def header_items(h: dict) -> dict[str, str]:
    return {k: opt(h.get(k)) for k in ("issuer", "doc_number", "signed_on", "plan_year")}


def score_plan(stem: str, gold: dict, plan: dict) -> Result:
    r = Result(stem)
    d = r.diff
    # Header: the title by its abbreviated form.
    gh = gold["header"]
    ph = {"issuer": plan.get("issuer") or None,
          "doc_number": (plan.get("doc_number") or {}).get("text"),
          "signed_on": plan.get("signed_on"), "plan_year": plan.get("plan_year")}
    e, g = Counter(), Counter()
    for k, v in header_items(gh).items():
        e[f"{k}={v}"] += 1
    for k, v in header_items(ph).items():
        g[f"{k}={v}"] += 1
    gt, pt = gh.get("title"), plan.get("title") or ""
    e["title"] += 1
    g["title" if gt and title_matches(gt, pt) or (not gt and not pt) else f"title={squeeze(pt)[:30]}"] += 1
    r.fields["header"] = compare(e, g, Counter(), "header", d)

    # Measures.
    gby: dict[str, dict] = {}
    for gm in gold["measures"]:
        gby.setdefault(measure_key(gm.get("chapter"), gm.get("section"), gm.get("number"),
                                   gm.get("title", "")), gm)
    parsed = parsed_measures(plan, set(gby))
    pby: dict[str, dict] = {}
    for k, m in parsed:
        pby.setdefault(k, m)
    r.fields["measures"] = compare(Counter(list(gby)), Counter(k for k, _ in parsed), Counter(), "measure", d)

    bags = {f: (Counter(), Counter(), Counter()) for f in ("titles", "lead_units", "co_units", "deadlines", "targets",
                                                          "deadline_kinds", "target_subjects")}

    def add(fieldname, which, item):
        bags[fieldname][which][item] += 1

    def add_pairs(fieldname, pairs):
        for which, items in enumerate(pairs):
            for item in items:
                add(fieldname, which, item)

    for k, gm in gby.items():
        m = pby.get(k)
        if "title" in gm and not gm.get("partial"):
            add("titles", 0, f"{k} «{gm['title']}»")
            if m is not None:
                ok = title_matches(gm["title"], m.get("title", ""))
                add("titles", 1, f"{k} «{gm['title']}»" if ok else f"{k} «{m.get('title', '')[:30]}»")
        units_optional = gm.get("optional", False)
        for role in ("lead_units", "co_units"):
            if role not in gm:
                continue
            for u in gm[role]:
                add(role, 2 if units_optional else 0, f"{k} {squeeze(u)}")
            if m is not None:
                for u in m.get(role, []):
                    add(role, 1, f"{k} {squeeze(u['name'])}")
        if "deadlines" in gm:
            for dl in gm["deadlines"]:
                if isinstance(dl, dict):
                    if dl.get("due"):
                        add("deadlines", 2 if dl.get("optional") else 0, f"{k} {dl['due']}")
                else:
                    add("deadlines", 0, f"{k} {dl}")
            if m is not None:
                for due in parsed_deadlines(m):
                    add("deadlines", 1, f"{k} {due}")
            add_pairs("deadline_kinds", kind_items(k, gm["deadlines"], parsed_deadline_kinds(m) if m else []))
        if "targets" in gm:
            for t in gm["targets"]:
                add("targets", 2 if t.get("optional") else 0, f"{k} {target_key(t)}")
            if m is not None:
                for t in parsed_targets(m):
                    add("targets", 1, f"{k} {target_key(t)}")
            add_pairs("target_subjects", subject_items(k, gm["targets"], parsed_targets(m) if m else []))
    for k, m in pby.items():  # measures the reader did not see: all extras
        if k in gby:
            continue
        for role in ("lead_units", "co_units"):
            for u in m.get(role, []):
                add(role, 1, f"{k} {squeeze(u['name'])}")
        for due in parsed_deadlines(m):
            add("deadlines", 1, f"{k} {due}")
        for t in parsed_targets(m):
            add("targets", 1, f"{k} {target_key(t)}")

    # Goals: plan-level horizons and targets, pooled.
    for goal in gold.get("goals", []):
        for dl in goal.get("deadlines", []):
            due = dl.get("due") if isinstance(dl, dict) else dl
            if due:
                add("deadlines", 2 if isinstance(dl, dict) and dl.get("optional") else 0, f"goal {due}")
        for t in goal.get("targets", []):
            add("targets", 2 if t.get("optional") else 0, f"goal {target_key(t)}")
    for goal in plan.get("goals", []):
        for due in parsed_deadlines(goal):
            add("deadlines", 1, f"goal {due}")
        for t in parsed_targets(goal):
            add("targets", 1, f"goal {target_key(t)}")
    gold_goals = gold.get("goals", [])
    add_pairs("deadline_kinds", kind_items("goal", [d for g in gold_goals for d in g.get("deadlines", [])],
                                           [x for g in plan.get("goals", []) for x in parsed_deadline_kinds(g)]))
    add_pairs("target_subjects", subject_items("goal", [t for g in gold_goals for t in g.get("targets", [])],
                                               [t for g in plan.get("goals", []) for t in parsed_targets(g)]))

    for f, (exp, got, optional) in bags.items():
        r.fields[f] = compare(exp, got, optional, f.rstrip("s").replace("_unit", " unit"), d)
    return r


def golden_files(prefixes: list[str] | None = None) -> list[Path]:
    files = sorted(GOLDEN.glob("[0-9]*.json"))
    if prefixes:
        files = [f for f in files if any(f.stem.startswith(p) for p in prefixes)]
    return files


def default_cli() -> str:
    return os.environ.get("TAIZHANG_CLI") or str(ROOT / "build" / "taizhang")


def parse_with_cli(cli: str, path: Path) -> dict:
    out = subprocess.run([cli, "parse", str(path), "--format", "json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def score_document(stem: str, cli: str | None = None) -> Result:
    gold = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    src = corpus_dir()
    if src is None:
        raise FileNotFoundError("no corpus")
    plan = parse_with_cli(cli or default_cli(), src / f"{stem}.txt")
    return score_plan(stem, gold, plan)


def total(results: list[Result]) -> dict[str, Score]:
    t = {f: Score() for f in FIELDS}
    for r in results:
        for f in FIELDS:
            t[f] += r.fields[f]
    return t


def table(results: list[Result]) -> str:
    lines = [f"{'document':<58}" + "".join(f"{f:>11}" for f in FIELDS)]
    for r in results:
        lines.append(f"{r.stem[:57]:<58}" + "".join(f"{r.fields[f].f1:>11.3f}" for f in FIELDS))
    t = total(results)
    lines.append("micro P/R/F1 over these documents:")
    for f in FIELDS:
        s = t[f]
        lines.append(f"  {f:<11} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"
                     f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    return "\n".join(lines)


def markdown(results: list[Result]) -> str:
    """Totals as a Markdown table (docs/accuracy.md)."""
    t = total(results)
    lines = [f"{len(results)} documents", "", "| field | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for f in FIELDS:
        s = t[f]
        lines.append(f"| {f} | {s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | {s.tp} | {s.fp} | {s.fn} |")
    return "\n".join(lines)


def write_floors(results: list[Result]) -> None:
    """Floors only go up: a document's floor is max(old floor, today's F1 rounded down)."""
    path = GOLDEN / "floors.json"
    floors = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for r in results:
        old = floors.get(r.stem, {})
        floors[r.stem] = {f: max(old.get(f, 0.0), int(r.fields[f].f1 * 1000) / 1000) for f in FIELDS}
    path.write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=default_cli())
    ap.add_argument("--docs", nargs="*", help="stem prefixes (e.g. 30 31 5)")
    ap.add_argument("--diff", action="store_true", help="print each document's differences")
    ap.add_argument("--json", help="write per-document scores to this file")
    ap.add_argument("--markdown", action="store_true", help="print the totals as a Markdown table row per field")
    ap.add_argument("--floors", action="store_true",
                    help="raise tests/data/golden/floors.json to today's F1 (floors never go down)")
    args = ap.parse_args(argv)
    if corpus_dir() is None:
        print("no corpus at $TAIZHANG_CORPUS or ../shared/corpus/dev", file=sys.stderr)
        return 2
    results = []
    for f in golden_files(args.docs):
        r = score_document(f.stem, args.cli)
        results.append(r)
        if args.diff and r.diff:
            print(f.stem)
            print("\n".join(r.diff))
    print(markdown(results) if args.markdown else table(results))
    if args.floors:
        write_floors(results)
    if args.json:
        data = {r.stem: {f: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for f, s in r.fields.items()} for r in results}
        Path(args.json).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
