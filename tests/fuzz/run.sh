#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in build-fuzz/, or $KEPT_FUZZ_BUILD_DIR) and runs each
# for SECONDS (default 30) from its seed corpus in tests/fuzz/corpus/<target>/. Exits 1 when a
# target crashes (the input is kept in the build dir's artifacts/), 77 when clang or libFuzzer is
# missing, 0 otherwise. Usage: tests/fuzz/run.sh [SECONDS]
set -uo pipefail
SECONDS_EACH=${1:-30}
SOURCE=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${KEPT_FUZZ_BUILD_DIR:-$SOURCE/build-fuzz}
TARGETS=(fuzz_date fuzz_effort fuzz_config fuzz_import_event_line fuzz_import_commitment_row)

skip() {
    echo "fuzz: skipped: $*" >&2
    exit 77
}
command -v clang++ >/dev/null || skip "no clang++"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }\n' \
    >"$probe/probe.cpp"
clang++ -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" 2>/dev/null ||
    skip "clang++ cannot link -fsanitize=fuzzer (install libclang-rt-dev)"

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# In batches (KEPT_UNITY_BUILD), as the test and sanitizer builds: half the CPU on two cores.
CXX=clang++ CC=clang cmake -S "$SOURCE" -B "$BUILD" "${generator[@]}" -DKEPT_FUZZ=ON \
    -DKEPT_BUILD_TESTS=OFF -DKEPT_UNITY_BUILD=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null ||
    exit 1
cmake --build "$BUILD" --target "${TARGETS[@]}" || exit 1

mkdir -p "$BUILD/artifacts"
failed=()
for target in "${TARGETS[@]}"; do
    # New inputs go to a scratch corpus; the seeds in the source tree are only read.
    scratch="$BUILD/corpus/$target"
    mkdir -p "$scratch"
    echo "fuzz: $target for ${SECONDS_EACH}s"
    if ! "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_EACH" -timeout=10 \
        -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$BUILD/artifacts/$target-" \
        "$scratch" "$SOURCE/tests/fuzz/corpus/$target" >"$BUILD/$target.log" 2>&1; then
        tail -n 40 "$BUILD/$target.log" >&2
        failed+=("$target")
    else
        grep -E '^stat::number_of_executed_units|^Done' "$BUILD/$target.log" | tr '\n' ' '
        echo
    fi
done
if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz: crashed: ${failed[*]} (inputs in $BUILD/artifacts/)" >&2
    exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets ran ${SECONDS_EACH}s each without a crash"
