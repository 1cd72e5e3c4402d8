"""taizhang (this project, Python bindings): deadlines (milestone due dates
that are stated, not implied) and target quantities (value, range ends,
baseline). Each sentence is parsed as a one-measure plan of the plan year of
the reference date. Also prints the throughput of one plan that holds every
sentence, the way taizhang reads documents. Protocol: protocol.py."""
import json
import sys
import time

import taizhang

from protocol import run

HEAD = "一、重点任务\n"
DIGITS = "零一二三四五六七八九"


def chinese(n):
    """1..99 in Chinese numerals, for measure markers (十一, 二十)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")) + (DIGITS[ones] if ones else "")


def read(plan):
    deadlines, numbers = [], []
    for m in plan.measures:
        for ms in m.milestones:
            d = ms.deadline
            # Stated deadlines only: not the plan-year end a measure without
            # a date gets (implied), not 长期坚持 (open_ended, no due date).
            if d.due is not None and str(d.kind) not in ("implied", "open_ended"):
                deadlines.append(d.due.isoformat())
        for t in m.targets:
            numbers += [v for v in (t.value, t.low, t.high, t.baseline) if v is not None]
    return {"deadlines": deadlines, "numbers": numbers}


def extract(text, ref):
    return read(taizhang.parse(HEAD + "（一）" + text, plan_year=ref.year, reference_date=ref))


if __name__ == "__main__":
    if "--whole-plan" in sys.argv:
        request = json.load(sys.stdin)
        import datetime
        ref = datetime.date.fromisoformat(request["reference"])
        doc = HEAD + "".join(f"（{chinese(k + 1)}）{s}\n" for k, s in enumerate(request["sentences"]))
        taizhang.parse(doc, plan_year=ref.year, reference_date=ref)
        chars, start, spent = 0, time.process_time(), 0.0
        while spent < request["seconds"]:
            taizhang.parse(doc, plan_year=ref.year, reference_date=ref)
            chars += len(doc)
            spent = time.process_time() - start
        sys.stdout.write("\n")
        json.dump({"chars_per_s": chars / spent}, sys.stdout)
    else:
        run("taizhang", ["deadlines", "numbers"], extract)
