#!/usr/bin/env bash
# The promise-quality simulation runs end to end at a tiny size (one simulated month) and writes
# its results; its numbers are not checked here (docs/promise-quality.md reads the full run).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

command -v python3 >/dev/null || exit 77
command -v jq >/dev/null || exit 77
: "${KEPT_SOURCE_DIR:=$(cd "$HERE/../.." && pwd)}"

python3 "$KEPT_SOURCE_DIR/bench/simulate" --kept "$KEPT" --tiny --out "$TEST_DIR/out/tiny.json" \
    >"$TEST_DIR/table.md" 2>"$TEST_DIR/sim.err"
RC=$?
ERR=$(cat "$TEST_DIR/sim.err")
expect_rc 0
[ -s "$TEST_DIR/out/tiny.json" ] || fail "no results file"
expect_eq "$(jq -c '.policies | keys' "$TEST_DIR/out/tiny.json")" '["calibrated","capacity","naive"]' \
    "three policies"
expect_eq "$(jq -r '.weeks' "$TEST_DIR/out/tiny.json")" 4 "one month"
for policy in naive capacity calibrated; do
    expect_eq "$(jq -r ".policies.$policy | has(\"on_time_first_rate\") and has(\"p90_lateness_days\") and has(\"overloaded_person_weeks\") and has(\"late_renegotiations\")" "$TEST_DIR/out/tiny.json")" \
        true "$policy metrics"
done
OUT=$(head -1 "$TEST_DIR/table.md")
expect_out "| metric | naive | capacity | calibrated |"
finish
