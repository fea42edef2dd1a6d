#!/usr/bin/env bash
# Eight kept processes create the same new ledger at once, 25 times over: every one of them waits
# its turn and succeeds. (Switching a new file to WAL made SQLite answer "database is locked" at
# once, without the busy timeout, to all but one; under load that was a few commands in every
# hundred. See docs/reliability.md, section 1.)
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

ROUNDS=25
WRITERS=8
for ((round = 1; round <= ROUNDS; round++)); do
    rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
    for ((w = 1; w <= WRITERS; w++)); do
        ("$KEPT" --ledger "$LEDGER" add "round $round writer $w" --client c --due 2026-12-01 \
            --effort 1h -q >/dev/null 2>"$TEST_DIR/err$w"
        echo $? >"$TEST_DIR/rc$w") &
    done
    wait
    for ((w = 1; w <= WRITERS; w++)); do
        rc=$(cat "$TEST_DIR/rc$w")
        [ "$rc" = 0 ] || fail "round $round, writer $w exited $rc: $(cat "$TEST_DIR/err$w")"
    done
    expect_eq "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM commitments')" "$WRITERS" \
        "round $round: commitments"
done
expect_verified
echo "$ROUNDS rounds of $WRITERS processes creating one ledger"
finish
