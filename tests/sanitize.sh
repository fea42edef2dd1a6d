#!/usr/bin/env bash
# Builds kept and its tests with -fsanitize=address,undefined (in build-sanitize/, or
# $KEPT_SANITIZE_BUILD_DIR) and runs the whole ctest suite under it. Any sanitizer report fails
# the test that triggered it. Extra arguments go to ctest (e.g. -j2).
# Usage: tests/sanitize.sh [CTEST_ARGS...]
set -uo pipefail
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${KEPT_SANITIZE_BUILD_DIR:-$SOURCE/build-sanitize}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# -O1 with line tables only: the usual sanitizer build, and well over twice as fast to compile
# as -O2 -g; assertions stay on.
# In batches (KEPT_UNITY_BUILD): twice as fast to compile; the test build compiles file by file.
cmake -S "$SOURCE" -B "$BUILD" "${generator[@]}" -DKEPT_SANITIZE=ON -DKEPT_BUILD_TESTS=ON -DKEPT_UNITY_BUILD=ON \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" >/dev/null || exit 1
cmake --build "$BUILD" || exit 1
# detect_leaks: kept is short-lived, but a leak still means a missing owner.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}
# The concurrency test at full size takes minutes under the sanitizers; 25 adds per writer still
# runs every path (creation race, busy, renegotiate, close) with 8 writers and 2 readers.
export KEPT_CONCURRENCY_ADDS=${KEPT_CONCURRENCY_ADDS:-25}
cd "$BUILD" && ctest --output-on-failure --no-tests=error "$@"
