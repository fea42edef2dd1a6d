#!/usr/bin/env bash
# Crashes: kill -9 a loop of add and renegotiate at 20 random moments, then a bulk import at 20
# random moments (once kept has import). After each kill the database is sound, verify passes,
# every commitment has exactly the events that made it, and an import is all or nothing.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

ROUNDS=20
export KEPT LEDGER

# kill_at_random SECONDS_MAX COMMAND...: runs COMMAND in its own process group and kill -9s the
# whole group after a random 1..SECONDS_MAX*1000 ms.
kill_at_random() {
    local max_ms=$(($1 * 1000))
    shift
    set -m
    "$@" &
    local pid=$!
    set +m
    sleep "$(awk -v ms=$((RANDOM % max_ms + 1)) 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

# The commitments table agrees with the events: one `added` event per commitment, and each
# commitment's renegotiation and close counts match its events.
expect_state_matches_events() {
    expect_eq "$(q "SELECT count(*) FROM commitments")" \
        "$(q "SELECT count(*) FROM events WHERE kind = 'added'")" "commitments vs added events"
    expect_eq "$(q "SELECT count(*) FROM commitments c WHERE renegotiations <>
                    (SELECT count(*) FROM events e WHERE e.commitment_id = c.id
                     AND kind = 'renegotiated')")" 0 "renegotiation counts"
    expect_eq "$(q "SELECT count(*) FROM commitments c WHERE (state <> 'open') <>
                    EXISTS (SELECT 1 FROM events e WHERE e.commitment_id = c.id
                            AND kind = 'closed')")" 0 "closed states"
}

# 1. A long loop of writes, killed mid-flight.
add_loop() {
    local i=0 id
    while :; do
        i=$((i + 1))
        id=$("$KEPT" --ledger "$LEDGER" add "loop $i" --client c --due 2026-12-01 --effort 1h -q \
            2>/dev/null) || continue
        "$KEPT" --ledger "$LEDGER" renegotiate "$id" --effort +1h --reason "more" >/dev/null 2>&1
        ((i % 3 == 0)) && "$KEPT" --ledger "$LEDGER" close "$id" --delivered >/dev/null 2>&1
    done
}

ok add "first" --client c --due 2026-12-01 --effort 1h
for ((round = 1; round <= ROUNDS; round++)); do
    before=$(event_count)
    kill_at_random 1 add_loop
    expect_verified
    expect_state_matches_events
    after=$(event_count)
    [ "$after" -ge "$before" ] || fail "round $round: events went from $before to $after"
done
echo "add loop: killed $ROUNDS times; $(event_count) events survive, verified after each kill"

# 2. A bulk import, killed mid-flight: the events file comes from another ledger.
: "${KEPT_GEN_LEDGER:?KEPT_GEN_LEDGER must name the kept_gen_ledger tool}"
"$KEPT_GEN_LEDGER" --out "$TEST_DIR/source.db" --events 20000 || fail "kept_gen_ledger failed"
"$KEPT" --ledger "$TEST_DIR/source.db" export --events >"$TEST_DIR/events.ndjson" ||
    fail "export failed"
imported=$(wc -l <"$TEST_DIR/events.ndjson")
snapshot "$TEST_DIR/base.db"
base=$(event_count)

# How long a whole import takes here, so that the kills land inside it.
cp "$TEST_DIR/base.db" "$TEST_DIR/timing.db"
start=$(date +%s%N)
"$KEPT" --ledger "$TEST_DIR/timing.db" import "$TEST_DIR/events.ndjson" >/dev/null ||
    fail "import failed"
full_ms=$((($(date +%s%N) - start) / 1000000))
expect_eq "$(sqlite3 "$TEST_DIR/timing.db" 'SELECT count(*) FROM events')" $((base + imported)) \
    "events after a whole import"

import_once() { "$KEPT" --ledger "$LEDGER" import "$TEST_DIR/events.ndjson" >/dev/null 2>&1; }
seconds=$(((full_ms + 999) / 1000))
whole=0
for ((round = 1; round <= ROUNDS; round++)); do
    rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
    cp "$TEST_DIR/base.db" "$LEDGER"
    kill_at_random "$seconds" import_once
    count=$(q 'SELECT count(*) FROM events')
    case $count in
    "$base") ;;
    "$((base + imported))") whole=$((whole + 1)) ;;
    *) fail "round $round: $count events after a killed import (all or nothing: $base or $((base + imported)))" ;;
    esac
    expect_verified
    expect_state_matches_events
done
echo "bulk import of $imported events (${full_ms} ms whole): killed $ROUNDS times," \
    "$whole finished before the kill, the rest left nothing"
finish
