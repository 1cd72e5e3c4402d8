#!/usr/bin/env python3
"""taizhang and its peers on the same sentences: throughput and accuracy.

    bench/peers/run.sh            installs the peers, then runs this
    python3 bench/peers/run.py [--seconds S] [--tools a,b] [--details]

Every tool reads the sentences of answers.tsv (deadline and target sentences
written for this benchmark), one at a time, through a runner in runners/
that speaks one protocol (runners/protocol.py): each sentence once (warm-up,
and the answers scored below), then the whole set again and again for S
seconds of CPU time; throughput is characters per CPU second after the
warm-up. taizhang is also timed on one plan that holds every sentence, the
way it reads documents.

Each tool is scored only on what it claims to do:
  chrono-node         dates: a date counts when it lies in the period the
                      sentence names (6月底前 → any day of June 2024)
  recognizers-text    numbers, and dates as for chrono-node
  jionlp              deadlines: the last day of a time span must be the
                      due date (6月底前 → 2024-06-30); it does not claim to
                      tell a start date (7月1日起) from a deadline, so times
                      listed under `dates` are not held against it
  cn2an               numbers (Chinese numerals turned into digits)
  taizhang            deadlines (as jionlp, and a start date reported as a
                      deadline is wrong) and numbers (its targets' values,
                      range ends and baselines)
Numbers in the `ignore` column (years, months, days, 第三季度's 三) are
neither credited nor counted wrong. Scores are micro precision / recall / F1
over all sentences.
"""
import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LOCAL = pathlib.Path(os.environ.get("PEERS_DIR", HERE / ".local"))
REFERENCE = "2024-03-01"


def read_answers(path):
    rows = []
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        cols = dict(zip(header, line.split("\t")))
        split = lambda k: [x for x in cols.get(k, "").split(";") if x]
        rows.append({
            "id": cols["id"], "sentence": cols["sentence"],
            "deadlines": [period(p) for p in split("deadlines")],
            "dates": [period(p) for p in split("dates")],
            "numbers": [float(x) for x in split("numbers")],
            "ignore": [float(x) for x in split("ignore")],
        })
    return rows


def period(text):
    """'2024', '2024-06', '2024-Q3', '2024-H1', '2024-06-30', 'A..B' → (first day, last day)."""
    if ".." in text:
        a, b = text.split("..")
        return period(a)[0], period(b)[1]
    d = datetime.date
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return d(year, 1, 1), d(year, 12, 31)
    if parts[1].startswith("Q"):
        q = int(parts[1][1:])
        return d(year, 3 * q - 2, 1), month_end(year, 3 * q)
    if parts[1].startswith("H"):
        h = int(parts[1][1:])
        return d(year, 6 * h - 5, 1), month_end(year, 6 * h)
    month = int(parts[1])
    if len(parts) == 2:
        return d(year, month, 1), month_end(year, month)
    day = d(year, month, int(parts[2]))
    return day, day


def month_end(year, month):
    nxt = datetime.date(year + month // 12, month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


# ---- runners -----------------------------------------------------------------

def runners(tools):
    node = ["node"]
    peer_py = str(LOCAL / "venv" / "bin" / "python")
    taizhang_py = os.environ.get("TAIZHANG_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
    r = HERE / "runners"
    table = {
        "taizhang": [taizhang_py, str(r / "taizhang_runner.py")],
        "chrono-node": node + [str(r / "chrono.js")],
        "recognizers-text": node + [str(r / "recognizers.js")],
        "jionlp": [peer_py, str(r / "jionlp_runner.py")],
        "cn2an": [peer_py, str(r / "cn2an_runner.py")],
    }
    return {k: v for k, v in table.items() if not tools or k in tools}


def call(command, request):
    env = dict(os.environ, NODE_PATH=str(LOCAL / "node_modules"), PYTHONPATH=str(HERE / "runners"))
    p = subprocess.run(command, input=json.dumps(request), capture_output=True, text=True, env=env,
                       cwd=HERE / "runners")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{p.stderr[-3000:]}")
    # The answer is the last line: a library may print a banner first (jionlp does).
    return json.loads(p.stdout.strip().splitlines()[-1])


# ---- scoring -----------------------------------------------------------------

def match_counts(found, expected, ignore, same, ignorable):
    """(true positives, false positives, false negatives) for one sentence."""
    left, spare, tp, fp = list(expected), list(ignore), 0, 0
    for f in found:
        hit = next((e for e in left if same(f, e)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
            continue
        free = next((e for e in spare if ignorable(f, e)), None)
        if free is not None:
            spare.remove(free)
        else:
            fp += 1
    return tp, fp, len(left)


def day(text):
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def inside(f, p):
    d = day(f)
    return d is not None and p[0] <= d <= p[1]


def due(f, p):
    return day(f) == p[1]


def same_number(f, e):
    return abs(f - e) <= 1e-6 * max(1.0, abs(e))


def score(tool, claim, rows, outputs):
    tp = fp = fn = 0
    for row, out in zip(rows, outputs):
        if claim == "dates":
            c = match_counts(out.get("dates", []), row["deadlines"] + row["dates"], [], inside, inside)
        elif claim == "deadlines":
            # taizhang claims to tell a start date from a deadline; jionlp does not.
            ignore = [] if tool == "taizhang" else row["dates"]
            c = match_counts(out.get("deadlines", []), row["deadlines"], ignore, due, inside)
        else:
            c = match_counts(out.get("numbers", []), row["numbers"], row["ignore"], same_number, same_number)
        tp, fp, fn = tp + c[0], fp + c[1], fn + c[2]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def details(tool, rows, outputs):
    for row, out in zip(rows, outputs):
        print(f"  {tool} #{row['id']} {row['sentence']}\n      {json.dumps(out, ensure_ascii=False)}")


# ---- main --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3.0, help="CPU seconds of timed runs per tool (3)")
    ap.add_argument("--tools", default="", help="comma-separated subset")
    ap.add_argument("--details", action="store_true", help="print every tool's output per sentence")
    args = ap.parse_args()
    rows = read_answers(HERE / "answers.tsv")
    request = {"sentences": [r["sentence"] for r in rows], "reference": REFERENCE, "seconds": args.seconds}
    chars = sum(len(r["sentence"]) for r in rows)
    print(f"{len(rows)} sentences, {chars} characters; reference date {REFERENCE}; "
          f"{args.seconds:g} CPU s per tool after warm-up")
    claims = ["deadlines", "dates", "numbers"]
    print(f"\n| tool | chars/s | " + " | ".join(f"{c} P / R / F1" for c in claims) + " |")
    print("|---|---:|" + "---|" * len(claims))
    for tool, command in runners([t for t in args.tools.split(",") if t]).items():
        try:
            result = call(command, request)
        except (RuntimeError, OSError) as e:
            print(f"| {tool} | not run: {str(e).splitlines()[0][:120]} |")
            continue
        cells = []
        for claim in claims:
            if claim in result["claims"]:
                p, r, f1 = score(tool, claim, rows, result["outputs"])
                cells.append(f"{p:.2f} / {r:.2f} / {f1:.2f}")
            else:
                cells.append("—")
        print(f"| {tool} | {result['chars_per_s']:,.0f} | " + " | ".join(cells) + " |", flush=True)
        if tool == "taizhang":
            whole = call(command + ["--whole-plan"], request)
            print(f"| taizhang, one plan of all sentences | {whole['chars_per_s']:,.0f} | "
                  + " | ".join("″" for _ in claims) + " |", flush=True)
        if args.details:
            details(tool, rows, result["outputs"])


if __name__ == "__main__":
    sys.exit(main())
