#!/usr/bin/env python3
"""Checks an embedding example (Java, Go, C#) against the CLI: each reads
the same plan through the same library's C API, so its monthly listing must
be exactly what `taizhang ledger PLAN --month M --format csv` says, grouped
by lead unit.

    check_monthly.py --cli build/taizhang --plan PLAN.txt --month 2025-06 [--name go] OUTPUT
"""
from __future__ import annotations

import argparse
import csv
import difflib
import io
import subprocess
import sys

NO_LEAD_UNIT = "（未明确牵头单位）"


def expected(cli: str, plan: str, month: str) -> list[str]:
    ledger = subprocess.run([cli, "ledger", plan, "--month", month, "--format", "csv"],
                            check=True, capture_output=True).stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(ledger, newline="")))
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.split()[-1]
    by_unit: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        for unit in row["牵头单位"].split("、") if row["牵头单位"] else [NO_LEAD_UNIT]:
            by_unit.setdefault(unit, []).append(row)
    lines = [f"taizhang {version}: {len(rows)} milestones due in {month}"]
    for unit, unit_rows in by_unit.items():
        lines.append(f"{unit} ({len(unit_rows)})")
        for r in unit_rows:
            measure = f"{r['序号']}. {r['措施']}" if r["序号"] else r["措施"]
            deadline = f"  [{r['时间节点']}]" if r["时间节点"] else ""
            lines.append(f"  {r['截止日期']}  {r['里程碑编号']}  {measure}{deadline}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--plan", required=True)
    ap.add_argument("--month", required=True)
    ap.add_argument("--name", default="java", help="the example's language, for the report")
    ap.add_argument("output")
    args = ap.parse_args()
    with open(args.output, encoding="utf-8") as f:
        got = f.read().splitlines()
    want = expected(args.cli, args.plan, args.month)
    if got != want or len(want) < 3:
        sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(want, got, "cli", args.name, lineterm=""))
        print(f"{args.name}: 0 passed, 1 failed")
        return 1
    print(f"{args.name} example: {len(want)} lines, as the CLI says")
    print(f"{args.name}: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
