#!/usr/bin/env python3
"""Python taizhang.parse against C++ Parser::parse on the same bytes.

    python bench/python_vs_cpp.py [--cpp build/bench/taizhang_parse_time] [--mb 10] [--runs 3] [--rounds 5]

The input is the reference plan (洛政〔2022〕17号, from the shared corpus;
the example plan when the corpus is absent) repeated to --mb MiB with a
blank line between copies, as BM_Parse_LargePlan10MB builds it. Both sides
are timed in CPU seconds (the machine may be shared): each round runs the
C++ program and then the Python calls, --runs parses each after one warm-up
(each parse counted with the freeing of its Plan), and the medians of the
rounds are printed.

Python is timed three ways, since a str hands the C++ code its UTF-8 bytes
only after CPython has encoded them once (and then caches them in the
object):
  - bytes: taizhang.parse(b) on UTF-8 bytes, no conversion at all;
  - str, cached: the same str object again, its UTF-8 already cached;
  - str, fresh: a new str each time (as read from a file), the encoding paid.
The taizhang imported is whatever `import taizhang` finds: put the build's
package first on PYTHONPATH to measure a build (see docs/performance.md).
"""
import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import taizhang

ROOT = Path(__file__).resolve().parent.parent


def reference_plan() -> bytes:
    corpus = Path(os.environ.get("TAIZHANG_CORPUS", ROOT.parent / "shared" / "corpus" / "dev"))
    ref = corpus / "00-luoyang-2022-platform-city.txt"
    if not ref.exists():
        ref = ROOT / "examples" / "data" / "qingchuan-2025-city-renewal.txt"
    return ref.read_bytes()


def repeat_to(unit: bytes, size: int) -> bytes:
    out = bytearray()
    while len(out) < size:
        out += unit + b"\n\n"
    return bytes(out)


def median_cpu(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpp", default=str(ROOT / "build" / "bench" / "taizhang_parse_time"))
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--runs", type=int, default=3, help="parses per side and round")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    data = repeat_to(reference_plan(), int(args.mb * (1 << 20)))
    text = data.decode("utf-8")

    def parse_bytes():
        taizhang.parse(data)

    def parse_str_cached():
        taizhang.parse(text)

    def parse_str_fresh():
        taizhang.parse(data.decode("utf-8"))  # decoding is timed too: subtracted below

    def decode_only():
        data.decode("utf-8")

    # Rounds alternate the C++ program and the Python calls, so that a burst
    # of load on a shared machine hits both sides alike; medians of rounds.
    results = {"cpp": [], "bytes": [], "cached": [], "fresh": []}
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        for _ in range(args.rounds):
            out = subprocess.run([args.cpp, path, str(args.runs)], check=True, capture_output=True, text=True)
            results["cpp"].append(float(out.stdout.strip()))
            results["bytes"].append(median_cpu(parse_bytes, args.runs))
            results["cached"].append(median_cpu(parse_str_cached, args.runs))
            results["fresh"].append(median_cpu(parse_str_fresh, args.runs) - median_cpu(decode_only, args.runs))
    finally:
        os.unlink(path)
    cpp, py_bytes, py_cached, py_fresh = (statistics.median(results[k]) for k in ("cpp", "bytes", "cached", "fresh"))

    mb = len(data) / 1e6
    print(f"taizhang {taizhang.__file__}")
    print(f"input: {mb:.2f} MB; CPU seconds per parse, median of {args.rounds} rounds of {args.runs}")
    print(f"{'':28} {'s':>8} {'MB/s':>7} {'vs C++':>7}")
    for name, t in [("C++ Parser::parse", cpp), ("Python parse(bytes)", py_bytes),
                    ("Python parse(str), cached", py_cached), ("Python parse(str), fresh", py_fresh)]:
        print(f"{name:28} {t:8.3f} {mb / t:7.1f} {t / cpp - 1:+7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
