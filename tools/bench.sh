#!/usr/bin/env bash
# Benchmarks (docs/performance.md): builds Release with the Google Benchmark
# programs, runs them, then times `taizhang parse` on generated 10 MB and
# 100 MB plans (peak RSS too) and prints the 100 MB / 10 MB time ratio, which
# a linear parser keeps near 10.
#
#   tools/bench.sh                 everything
#   tools/bench.sh --cli-only      skip Google Benchmark, only the CLI runs
#   tools/bench.sh --no-cli        only Google Benchmark
#   BENCH_FILTER=Parse tools/bench.sh   a --benchmark_filter regex
#
# Environment: BUILD_DIR (default build-bench), BENCH_MIN_TIME (seconds per
# benchmark, default 0.5), BIG_MB (default 100). Inputs go to a temporary
# directory that is removed on exit; nothing is written into the tree but the
# build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="${BUILD_DIR:-build-bench}"
min_time="${BENCH_MIN_TIME:-0.5}"
big_mb="${BIG_MB:-100}"
run_gbench=1
run_cli=1
case "${1:-}" in
  --cli-only) run_gbench=0 ;;
  --no-cli) run_cli=0 ;;
  "") ;;
  *) echo "usage: tools/bench.sh [--cli-only|--no-cli]" >&2; exit 2 ;;
esac

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTAIZHANG_BUILD_BENCHMARKS=ON \
      -DTAIZHANG_BUILD_CLI=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target taizhang_parse_bench taizhang_cli

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$run_gbench" = 1 ]; then
  echo "== Google Benchmark (bytes_per_second is input text per second; stage counters in MB/s = 1e6 B/s)"
  "$build/bench/taizhang_parse_bench" --benchmark_min_time="$min_time" \
      ${BENCH_FILTER:+--benchmark_filter="$BENCH_FILTER"} --benchmark_counters_tabular=true
fi

[ "$run_cli" = 1 ] || exit 0

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Inputs: the reference plan repeated (blank line between copies) to 10 MB,
# and that file repeated to BIG_MB.
ref="$root/examples/data/qingchuan-2025-city-renewal.txt"
: > "$tmp/10mb.txt"
while [ "$(stat -c %s "$tmp/10mb.txt")" -lt $((10 * 1000 * 1000)) ]; do
  cat "$ref" >> "$tmp/10mb.txt"
  printf '\n\n' >> "$tmp/10mb.txt"
done
: > "$tmp/big.txt"
for _ in $(seq "$big_mb" | awk 'NR % 10 == 1'); do cat "$tmp/10mb.txt" >> "$tmp/big.txt"; done

# measure FILE → prints "seconds(wall) cpu_seconds max_rss_kib"
measure() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time.out" "$build/taizhang" parse "$1" > /dev/null
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$tmp/time.out"
  else
    python3 - "$build/taizhang" "$1" <<'EOF'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run([sys.argv[1], "parse", sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} {ru.ru_utime + ru.ru_stime:.2f} {ru.ru_maxrss}")
EOF
  fi
}

echo "== taizhang parse (CLI, text output to /dev/null)"
printf '%-8s %10s %8s %8s %8s %12s\n' input bytes wall_s cpu_s MB/s peak_RSS_MB
declare -A cpu
for f in 10mb big; do
  bytes=$(stat -c %s "$tmp/$f.txt")
  best=""
  runs=3
  [ "$f" = big ] && runs=1
  for _ in $(seq $runs); do
    read -r wall c rss < <(measure "$tmp/$f.txt")
    if [ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best="$c"; best_wall="$wall"; best_rss="$rss"
    fi
  done
  cpu[$f]="$best"
  awk -v n="$f" -v b="$bytes" -v w="$best_wall" -v c="$best" -v r="$best_rss" \
      'BEGIN { printf "%-8s %10d %8.2f %8.2f %8.1f %12.1f\n", n, b, w, c, (c > 0 ? b / c / 1e6 : 0), r / 1024 }'
done
awk -v a="${cpu[10mb]}" -v b="${cpu[big]}" -v m="$big_mb" 'BEGIN {
  r = (a > 0 ? b / a : 0); expect = m / 10
  printf "linearity: cpu(%d MB) / cpu(10 MB) = %.2f (linear: %.1f)%s\n", m, r, expect,
         (r > 1.25 * expect ? "  <-- worse than linear" : "") }'
