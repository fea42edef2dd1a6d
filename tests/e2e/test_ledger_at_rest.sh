#!/usr/bin/env bash
# At rest the .db file alone is the ledger: after a kept command that wrote exits, with nobody
# else holding the ledger open, the file holds every change and no WAL is left beside it. So a
# plain copy of the file is a whole ledger (after 1, 69 and 1,000 adds), a deleted -wal loses
# nothing, and while another process keeps the ledger open the WAL stays bounded.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

command -v sqlite3 >/dev/null || { echo "skipped: needs sqlite3 (.ci/install-deps installs it)"; exit 77; }

# wal_bytes: the size of the ledger's WAL (0 when there is none).
wal_bytes() {
    stat -c %s "$LEDGER-wal" 2>/dev/null || echo 0
}

add_items() {
    local from=$1 to=$2 i
    for ((i = from; i <= to; i++)); do
        "$KEPT" --ledger "$LEDGER" add "Item $i" --client acme --owner bob --due 2027-06-01 \
            --effort 1h -q >/dev/null 2>&1 || fail "add $i failed"
    done
}

# copy_is_whole N: a copy of the .db file alone verifies and lists N commitments.
copy_is_whole() {
    rm -f copy.db copy.db-wal copy.db-shm
    cp "$LEDGER" copy.db
    kept_raw --ledger copy.db verify
    expect_rc 0
    expect_out_has "ok: $1 events"
    kept_raw --ledger copy.db list --format json
    expect_eq "$(jq length <<<"$OUT")" "$1" "commitments in a copy of the file after $1 adds"
    expect_eq "$(wal_bytes)" 0 "WAL bytes left after $1 adds"
}

# 1. Sequential adds, the way a team grows its ledger: the file alone holds them all.
add_items 1 1
copy_is_whole 1
add_items 2 69
copy_is_whole 69
add_items 70 1000
copy_is_whole 1000

# A read leaves nothing behind either.
ok list --owner bob
expect_eq "$(wal_bytes)" 0 "WAL bytes after a read"

# 2. Deleting the -wal after a command exited loses nothing, and the next id continues.
rm -f "$LEDGER-wal" "$LEDGER-shm"
kept list --format json
expect_eq "$(jq length <<<"$OUT")" 1000 "commitments after deleting the WAL"
kept add "After the delete" --client acme --owner bob --due 2027-06-01 --effort 1h -q
expect_rc 0
expect_out "1001"

# 3. Another process holds the ledger open (a reader between its queries): the WAL is not
# removed, but SQLite restarts it, and it stays within journal_size_limit plus one
# auto-checkpoint's worth (SQLite's 1,000 pages).
hold_open "$LEDGER"
largest=0
for ((round = 0; round < 15; round++)); do
    add_items $((1002 + round * 50)) $((1001 + (round + 1) * 50))
    size=$(wal_bytes)
    ((size > largest)) && largest=$size
done
bound=$((4 * 1024 * 1024 + 1000 * 4096 + 256 * 1024))
((largest <= bound)) || fail "WAL grew to $largest bytes while the ledger was held open (bound $bound)"
((largest > 0)) || fail "no WAL while the ledger was held open: the holder did not hold it"
release_hold
ok list --owner bob
expect_eq "$(wal_bytes)" 0 "WAL bytes once the holder closed and a command ran"
copy_is_whole 1751

finish
