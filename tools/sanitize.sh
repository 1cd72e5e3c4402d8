#!/usr/bin/env bash
# The C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer, then
# every libFuzzer target for a while (CI runs this: .ci/run). One clang build
# serves both: the library is instrumented for ASan, UBSan and libFuzzer's
# coverage (fuzzer-no-link); the tests link it as they are, the fuzz targets
# add libFuzzer's main.
#
#   tools/sanitize.sh              build, tests, then each fuzz target 60 s
#   FUZZ_SECONDS=0 tools/sanitize.sh        tests only
#   SANITIZE_TESTS=0 tools/sanitize.sh      fuzzing only
#
# Environment: BUILD_DIR (default build-san), FUZZ_SECONDS (default 60).
# A fuzzing finding fails the run: the reproducer is printed (base64) and
# kept in $BUILD_DIR/fuzz-findings/; once the bug is fixed, copy it into
# tests/fuzz/corpus/ so that ctest replays it for ever (docs/performance.md).
# The consumption tests (find_package_*, add_subdirectory_test) are left to
# the normal build: they build the library again, which under the
# sanitizers costs minutes and checks nothing more.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-san}"
seconds="${FUZZ_SECONDS:-60}"
run_tests="${SANITIZE_TESTS:-1}"

tools/bootstrap.sh --sanitizers
# Debug: assertions stay on; -O1 keeps the tests fast enough.
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="$flags" -DTAIZHANG_BUILD_TESTS=ON -DTAIZHANG_BUILD_FUZZERS=ON \
    -DTAIZHANG_BUILD_CLI=ON -DTAIZHANG_INSTALL=OFF >/dev/null
targets=(taizhang_fuzzers)
[ "$run_tests" = 1 ] && targets+=(taizhang_tests taizhang_cli readme_example taizhang_fuzz_replay
                                  taizhang_numerals_fuzz_replay)
SECONDS=0
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
echo "== sanitizer build: ${SECONDS} s"

# Leak checking is off: the shared default parser, its tables and ICU's data
# live for the process on purpose. Any other ASan or UBSan report aborts.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

if [ "$run_tests" = 1 ]; then
  SECONDS=0
  # The C API tests run under ASan in .ci/embedding (a C build with its own flags).
  ctest --test-dir "$build" --output-on-failure -j"$(nproc)" \
        -E '^(find_package_|add_subdirectory_test|pkg_config|capi_|concurrency_test|exported_symbols)'
  echo "== tests under ASan + UBSan: ${SECONDS} s"
fi

[ "$seconds" -gt 0 ] || exit 0
findings="$build/fuzz-findings"
rm -rf "$findings"
mkdir -p "$findings"
status=0
for fuzzer in "$build"/tests/fuzz/taizhang_*_fuzzer; do
  name="$(basename "$fuzzer")"
  work="$(mktemp -d)"
  echo "== $name: ${seconds} s (seed corpus tests/fuzz/corpus)"
  # A fixed seed: the same commit explores the same way, as far as time allows.
  if ! "$fuzzer" -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/$name-" \
        "$work" tests/fuzz/corpus > "$findings/$name.log" 2>&1; then
    status=1
    tail -n 60 "$findings/$name.log"
    for f in "$findings/$name"-*; do
      [ -f "$f" ] || continue
      echo "!!! fuzz finding $(basename "$f") ($(stat -c %s "$f") bytes); base64:"
      base64 -w 0 "$f" | head -c 200000
      echo
    done
    echo "!!! $name found a bug: fix it, then add the reproducer to tests/fuzz/corpus/"
  else
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$findings/$name.log" || true
  fi
  rm -rf "$work"
done
exit "$status"
