#!/usr/bin/env bash
# The promise-quality simulation runs end to end at a tiny size (one simulated month, and two
# seeds of one week) and writes its results; its numbers are not checked here
# (docs/promise-quality.md reads the full runs).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

command -v python3 >/dev/null || exit 77
command -v jq >/dev/null || exit 77
: "${KEPT_SOURCE_DIR:=$(cd "$HERE/../.." && pwd)}"
POLICIES='["calibrated","capacity","clairvoyant","naive"]'
METRICS='has("on_time_first_rate") and has("mean_promised_days") and has("p90_lateness_days") and has("overloaded_person_weeks") and has("late_renegotiations") and has("no_date_found")'

python3 "$KEPT_SOURCE_DIR/bench/simulate" --kept "$KEPT" --tiny --out "$TEST_DIR/out/tiny.json" \
    >"$TEST_DIR/table.md" 2>"$TEST_DIR/sim.err"
RC=$?
ERR=$(cat "$TEST_DIR/sim.err")
expect_rc 0
[ -s "$TEST_DIR/out/tiny.json" ] || fail "no results file"
expect_eq "$(jq -c '.policies | keys' "$TEST_DIR/out/tiny.json")" "$POLICIES" "four policies"
expect_eq "$(jq -r '.weeks' "$TEST_DIR/out/tiny.json")" 4 "one month"
for policy in naive capacity calibrated clairvoyant; do
    expect_eq "$(jq -r ".policies.$policy | $METRICS" "$TEST_DIR/out/tiny.json")" true \
        "$policy metrics"
done
expect_eq "$(jq -r '.targets | has("calibrated_on_time_met") and has("lead_time_met")' \
    "$TEST_DIR/out/tiny.json")" true "targets"
OUT=$(head -1 "$TEST_DIR/table.md")
expect_out "| metric | naive | capacity | calibrated | clairvoyant |"

# Several seeds: each seed's results and their mean, in one file.
python3 "$KEPT_SOURCE_DIR/bench/simulate" --kept "$KEPT" --seeds 3,5 --weeks 1 \
    --out "$TEST_DIR/out/seeds.json" >"$TEST_DIR/seeds.md" 2>"$TEST_DIR/sim.err"
RC=$?
ERR=$(cat "$TEST_DIR/sim.err")
expect_rc 0
expect_eq "$(jq -c '.seeds' "$TEST_DIR/out/seeds.json")" '[3,5]' "seeds"
expect_eq "$(jq -c '.runs | keys' "$TEST_DIR/out/seeds.json")" '["3","5"]' "one run per seed"
expect_eq "$(jq -c '.runs."5".policies | keys' "$TEST_DIR/out/seeds.json")" "$POLICIES" \
    "four policies per seed"
expect_eq "$(jq -c '.mean.policies | keys' "$TEST_DIR/out/seeds.json")" "$POLICIES" \
    "four policies in the mean"
expect_eq "$(jq -r ".mean.policies.clairvoyant | $METRICS" "$TEST_DIR/out/seeds.json")" true \
    "mean metrics"
OUT=$(grep -c '^| metric | naive | capacity | calibrated | clairvoyant |$' "$TEST_DIR/seeds.md")
expect_out 3
finish
