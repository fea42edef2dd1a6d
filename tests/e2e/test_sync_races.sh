#!/usr/bin/env bash
# Syncs that run into each other: two replicas pushing at the same moment (the loser's push is
# rejected as non-fast-forward or by the remote's ref lock, and retried), a second sync of one
# replica waiting for the first, and a git that hangs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b
command -v flock >/dev/null || { echo "flock (util-linux) is not installed: skipping"; exit 77; }

a sync --remote "$TEST_DIR/remote.git"
b sync --remote "$TEST_DIR/remote.git"

# Two replicas syncing at once, many rounds: every sync succeeds.
rounds=20
failures=0
for round in $(seq "$rounds"); do
    for r in a b; do
        "$r" add "$r round $round" --client acme --owner alice --due 2026-12-04 --effort 1h -q
    done
    "$KEPT" --ledger a.db sync > a.out 2>&1 &
    pid_a=$!
    "$KEPT" --ledger b.db sync > b.out 2>&1 &
    pid_b=$!
    wait "$pid_a" || { failures=$((failures + 1)); cat a.out >&2; }
    wait "$pid_b" || { failures=$((failures + 1)); cat b.out >&2; }
done
expect_eq "$failures" 0 "failed syncs in $rounds rounds of two at once"
a sync
b sync
a sync
for r in a b; do
    sqlite3 "$r.db" "SELECT uuid FROM events ORDER BY uuid" > "$r.events"
done
expect_eq "$(wc -l < a.events)" $((2 * rounds)) "events on a"
cmp -s a.events b.events || fail "a and b hold different events"

# A second sync of the same replica waits for the first, up to the busy timeout, then exit 75.
flock a.db.sync.lock sleep 3 &
holder=$!
sleep 0.5
KEPT_BUSY_TIMEOUT_MS=200 a sync
expect_rc 75
expect_err "kept: sync: another sync of this ledger is running (it holds $TEST_DIR/a.db.sync.lock); try again"
wait "$holder"
a sync
expect_rc 0

# A git that hangs (a network that never answers) is stopped after KEPT_SYNC_TIMEOUT seconds.
mkdir -p bin
real_git=$(command -v git)
printf '#!/bin/sh\ncase "$*" in *" fetch "*) exec sleep 30 ;; esac\nexec "%s" "$@"\n' "$real_git" > bin/git
chmod +x bin/git
PATH="$TEST_DIR/bin:$PATH" KEPT_SYNC_TIMEOUT=1 a sync
expect_rc 74
expect_err "kept: sync: git fetch timed out after 1 s (KEPT_SYNC_TIMEOUT)"
a sync
expect_rc 0

finish
