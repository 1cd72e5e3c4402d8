#!/usr/bin/env bash
# Builds the libFuzzer target with clang, ASan and UBSan, and fuzzes the
# whole public API (tests/fuzz/parse_fuzzer.cpp) for a while.
#   tools/fuzz.sh [SECONDS]        default 300
# Needs clang (apt-get install clang); CI does not: it replays
# tests/fuzz/corpus/ with the normal compiler (ctest -R fuzz_corpus_replay).
# New corpus entries go to a temporary directory; crash-*/timeout-* files are
# written to BUILD_DIR. Once a finding is fixed, copy its file into
# tests/fuzz/corpus/ so the replay keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
build="${BUILD_DIR:-build-fuzz}"
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="$flags" -DTAIZHANG_BUILD_FUZZERS=ON -DTAIZHANG_BUILD_TESTS=OFF \
    -DTAIZHANG_BUILD_CLI=OFF -DTAIZHANG_INSTALL=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target taizhang_parse_fuzzer
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$build"
# Leak checking is off: the shared parser and the ICU data live for the
# process on purpose. Fork mode keeps fuzzing past a hang (saved as a
# timeout-* file) and stops at the first crash.
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ./tests/fuzz/taizhang_parse_fuzzer -fork=1 -ignore_timeouts=1 -max_total_time="$seconds" \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 "$work" "$OLDPWD/tests/fuzz/corpus"
