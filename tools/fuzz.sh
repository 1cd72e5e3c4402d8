#!/usr/bin/env bash
# Fuzzes every libFuzzer target (tests/fuzz/) for a while, with ASan and
# UBSan, keeping going past hangs; for a long run by hand.
#   tools/fuzz.sh [SECONDS]        default 300 per target
#   TARGETS="parse" tools/fuzz.sh  some targets (names as in tests/fuzz/CMakeLists.txt)
# Uses the build of tools/sanitize.sh (BUILD_DIR, default build-san), which CI
# runs with 60 seconds per target and no forking. New corpus entries go to a
# temporary directory; crash-*/timeout-* files are written to BUILD_DIR.
# Once a finding is fixed, copy its file into tests/fuzz/corpus/ so the
# replay (ctest -R fuzz_) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
build="${BUILD_DIR:-build-san}"
BUILD_DIR="$build" FUZZ_SECONDS=0 SANITIZE_TESTS=0 tools/sanitize.sh
for fuzzer in "$build"/tests/fuzz/taizhang_*_fuzzer; do
  name="$(basename "$fuzzer" _fuzzer)"
  name="${name#taizhang_}"
  if [ -n "${TARGETS:-}" ] && ! [[ " $TARGETS " == *" $name "* ]]; then continue; fi
  work="$(mktemp -d)"
  echo "== $name: $seconds s"
  # Leak checking is off: the shared parser and the ICU data live for the
  # process on purpose. Fork mode keeps fuzzing past a hang (saved as a
  # timeout-* file) and stops at the first crash.
  (cd "$build" && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "$OLDPWD/$fuzzer" -fork=1 -ignore_timeouts=1 -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=4096 "$work" "$OLDPWD/tests/fuzz/corpus") || true
  rm -rf "$work"
done
