#!/usr/bin/env bash
# Concurrent writers: 8 processes each run 200 `kept add` (every 10th then renegotiated, every 20th
# closed) against one ledger at once, while 2 readers run list (and report, when it exists) in a
# loop. With the default busy timeout every command succeeds and nothing is lost or duplicated;
# with a 1 ms timeout, the commands that cannot get the lock exit 75 and the ledger holds exactly
# what the others wrote. See docs/reliability.md.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

WRITERS=8
# tests/sanitize.sh lowers this: a sanitized kept starts several times slower, and what the
# sanitizers look for does not need 1,600 processes to show.
ADDS=${KEPT_CONCURRENCY_ADDS:-200}

# writer W: the workload of writer W; logs "KIND NAME RC [ID]" lines to $TEST_DIR/wW.log and
# stderr to $TEST_DIR/wW.err.
writer() {
    local w=$1 i id rc
    exec 3>"$TEST_DIR/w$w.log" 2>"$TEST_DIR/w$w.err"
    for ((i = 1; i <= ADDS; i++)); do
        id=$("$KEPT" --ledger "$LEDGER" add "w$w-$i" --client "client$w" --owner "owner$((i % 3))" \
            --due 2026-12-01 --effort 1h --tag "w$w" -q)
        rc=$?
        echo "add w$w-$i $rc $id" >&3
        [ "$rc" = 0 ] || continue
        if ((i % 10 == 0)); then
            "$KEPT" --ledger "$LEDGER" renegotiate "$id" --due 2026-12-08 --reason "w$w-$i" \
                >/dev/null
            echo "renegotiate w$w-$i $? $id" >&3
        fi
        if ((i % 20 == 0)); then
            "$KEPT" --ledger "$LEDGER" close "$id" --delivered >/dev/null
            echo "close w$w-$i $? $id" >&3
        fi
    done
}

# reader R: lists (and reports) until $TEST_DIR/stop exists; logs like writer. It starts once a
# writer has created the ledger, and pauses 50 ms between rounds: a reader that never pauses spends
# as much CPU as all the writers together, and on two cores that only slows the test.
reader() {
    local r=$1
    exec 3>"$TEST_DIR/r$r.log" 2>"$TEST_DIR/r$r.err"
    until [ -e "$TEST_DIR/stop" ] || "$KEPT" --ledger "$LEDGER" list >/dev/null 2>&1; do
        sleep 0.05
    done
    while [ ! -e "$TEST_DIR/stop" ]; do
        "$KEPT" --ledger "$LEDGER" list --state all --format json >/dev/null
        echo "list r$r $?" >&3
        "$KEPT" --ledger "$LEDGER" report >/dev/null
        echo "report r$r $?" >&3
        sleep 0.05
    done
}

# run_all: runs the writers and readers to completion; prints the seconds it took.
run_all() {
    local start=$SECONDS pids=() w
    rm -f "$TEST_DIR/stop"
    for ((w = 1; w <= WRITERS; w++)); do
        writer "$w" &
        pids+=($!)
    done
    reader 1 &
    local r1=$!
    reader 2 &
    local r2=$!
    wait "${pids[@]}"
    touch "$TEST_DIR/stop"
    wait "$r1" "$r2"
    echo $((SECONDS - start))
}

logs() { cat "$TEST_DIR"/w*.log "$TEST_DIR"/r*.log; }
# Overload warnings are expected (the writers pile work on three owners); anything else is not.
errors() { cat "$TEST_DIR"/w*.err "$TEST_DIR"/r*.err | grep -v '^kept: warning: '; }

# check_ledger ADDS RENEGOTIATIONS CLOSES: the ledger holds exactly the commitments whose add
# succeeded (same ids and titles), exactly the successful changes, and nothing twice.
check_ledger() {
    local adds=$1 renegotiations=$2 closes=$3
    expect_eq "$(q 'SELECT count(*) FROM commitments')" "$adds" "commitments"
    expect_eq "$(q 'SELECT count(*) FROM events')" "$((adds + renegotiations + closes))" "events"
    expect_eq "$(q "SELECT count(*) FROM events WHERE kind = 'renegotiated'")" "$renegotiations" \
        "renegotiated events"
    expect_eq "$(q "SELECT count(*) FROM events WHERE kind = 'closed'")" "$closes" "closed events"
    expect_eq "$(q 'SELECT count(DISTINCT uuid) FROM events')" "$((adds + renegotiations + closes))" \
        "distinct event uuids"
    # Ids and titles of the successful adds, as the writers saw them, against the ledger's.
    expect_eq "$(logs | awk '$1 == "add" && $3 == 0 { print $4, $2 }' | sort -n | md5sum)" \
        "$(q 'SELECT id, title FROM commitments ORDER BY id' | tr '|' ' ' | md5sum)" \
        "ids and titles of the successful adds"
    expect_eq "$(logs | awk '$1 == "renegotiate" && $3 == 0 { print $4 }' | sort -n | md5sum)" \
        "$(q "SELECT id FROM commitments WHERE renegotiations = 1 AND due = '2026-12-08'
              ORDER BY id" | md5sum)" "renegotiated commitments"
    expect_eq "$(logs | awk '$1 == "close" && $3 == 0 { print $4 }' | sort -n | md5sum)" \
        "$(q "SELECT id FROM commitments WHERE state = 'delivered' ORDER BY id" | md5sum)" \
        "closed commitments"
    # One origin: its Lamport clock rises with every event, with no gap and no repeat.
    expect_eq "$(q 'SELECT count(*) FROM events WHERE clock <> seq')" 0 "clock = seq"
    expect_verified
}

# 1. Default busy timeout, on a ledger none of them has created yet: every command succeeds.
secs=$(run_all)
bad=$(logs | awk '$3 != 0' | head -5)
expect_eq "$bad" "" "commands that did not exit 0"
expect_eq "$(errors | head -5)" "" "stderr of writers and readers"
expect_eq "$(logs | grep -c '^add ')" $((WRITERS * ADDS)) "adds run"
check_ledger $((WRITERS * ADDS)) $((WRITERS * (ADDS / 10))) $((WRITERS * (ADDS / 20)))
reads=$(awk 'END { print NR }' "$TEST_DIR"/r*.log)
echo "default timeout: $((WRITERS * ADDS)) adds, $((WRITERS * (ADDS / 10))) renegotiations," \
    "$((WRITERS * (ADDS / 20))) closes and $reads reads in ${secs}s"

# 2. A 1 ms busy timeout, again on a ledger that does not exist yet: a command exits 0 or 75
# ("ledger is busy"), never anything else, and the ledger holds exactly what the successful ones
# wrote.
LEDGER="$TEST_DIR/busy.db"
rm -f "$TEST_DIR"/w*.log "$TEST_DIR"/r*.log
export KEPT_BUSY_TIMEOUT_MS=1
secs=$(run_all)
unset KEPT_BUSY_TIMEOUT_MS
expect_eq "$(logs | awk '$3 != 0 && $3 != 75' | head -5)" "" "exit codes other than 0 and 75"
busy=$(logs | awk '$3 == 75' | wc -l)
[ "$busy" -gt 0 ] || fail "no command was ever busy with a 1 ms timeout"
# Every failure said why, on one line each.
expect_eq "$(errors | grep -v '^kept: ledger is busy: ' | head -5)" "" \
    "stderr lines other than the busy message"
expect_eq "$(errors | wc -l)" "$busy" "one line per busy exit"
adds=$(logs | awk '$1 == "add" && $3 == 0' | wc -l)
renegotiations=$(logs | awk '$1 == "renegotiate" && $3 == 0' | wc -l)
closes=$(logs | awk '$1 == "close" && $3 == 0' | wc -l)
check_ledger "$adds" "$renegotiations" "$closes"
echo "1 ms timeout: $busy commands exited 75; $adds adds, $renegotiations renegotiations," \
    "$closes closes succeeded in ${secs}s"

finish
