"""The runner protocol of bench/peers/run.py for Python tools: read
{"sentences": [...], "reference": "YYYY-MM-DD", "seconds": S} on stdin;
extract from every sentence once (warm-up, and the answers), then again and
again for S seconds of CPU time; print
{"tool", "claims", "outputs": [{...} per sentence], "chars_per_s"}."""
import datetime
import json
import sys
import time


def run(tool, claims, extract):
    request = json.load(sys.stdin)
    ref = datetime.date.fromisoformat(request["reference"])
    outputs = [extract(s, ref) for s in request["sentences"]]
    chars = 0
    start = time.process_time()
    spent = 0.0
    while spent < request["seconds"]:
        for s in request["sentences"]:
            extract(s, ref)
            chars += len(s)
        spent = time.process_time() - start
    sys.stdout.write("\n")  # the answer is the last line (jionlp prints a banner on import)
    json.dump({"tool": tool, "claims": claims, "outputs": outputs,
               "chars_per_s": chars / spent}, sys.stdout)
