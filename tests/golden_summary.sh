#!/usr/bin/env bash
# Prints the per-field precision/recall/F1 of the golden corpus
# (tests/data/golden) and, with --floors, rewrites golden/floors.json to the
# current F1 values (floors only ratchet up: review the diff before committing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${TAIZHANG_TESTS:-$here/../build/tests/taizhang_tests}"
out="$(TAIZHANG_GOLDEN_SUMMARY=1 "$bin" --gtest_filter='GoldenSummary.*' 2>&1)"
printf '%s\n' "$out" | sed -n '/^document/,/targets  *P=/p'
if [ "${1:-}" = "--floors" ]; then
  printf '%s\n' "$out" | python3 -c '
import json, sys
fields = ["header", "measures", "lead_units", "co_units", "deadlines", "targets"]
floors = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 7 and parts[0][:2].isdigit():
        floors[parts[0]] = {f: max(0.0, round(float(v) - 0.0005, 4)) for f, v in zip(fields, parts[1:])}  # printed values are rounded
json.dump(floors, open(sys.argv[1], "w"), indent=1)
print("wrote", sys.argv[1])
' "$here/data/golden/floors.json"
fi
