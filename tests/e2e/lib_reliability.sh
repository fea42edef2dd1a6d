# Helpers shared by the reliability tests (docs/reliability.md); sourced after lib.sh.

# q SQL: runs SQL on $LEDGER with the sqlite3 shell (waiting, like kept, up to 5 s for a lock: a
# process just killed may not have released its locks yet).
q() {
    sqlite3 -cmd '.timeout 5000' "$LEDGER" "$1"
}

# snapshot FILE: a copy of the ledger $LEDGER as one self-contained file (SQLite's backup, so the
# WAL's content is included and nothing beside FILE is needed).
snapshot() {
    rm -f "$1" "$1-wal" "$1-shm"
    sqlite3 "$LEDGER" ".backup '$1'"
}

# expect_verified: `kept verify` passes and the SQLite integrity check says ok.
expect_verified() {
    expect_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check of $LEDGER"
    kept verify
    [ "$RC" = 0 ] || fail "kept verify exited $RC: $ERR"
}

# hold_open FILE: another process (the sqlite3 shell) opens the ledger FILE and keeps it open,
# idle between queries, until release_hold; returns once it has read the file. While it holds
# it, a kept that exits is not the last to close the ledger, so the WAL stays beside it.
hold_open() {
    rm -f "$TEST_DIR/.holder.in" "$TEST_DIR/.holder.out"
    mkfifo "$TEST_DIR/.holder.in"
    sqlite3 "$1" <"$TEST_DIR/.holder.in" >"$TEST_DIR/.holder.out" 2>&1 &
    HOLDER=$!
    exec 9>"$TEST_DIR/.holder.in"
    echo "SELECT 'holding', count(*) FROM sqlite_master;" >&9
    local tries=0
    until grep -q holding "$TEST_DIR/.holder.out" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 500 ] || { fail "the holder never opened $1"; return 1; }
        sleep 0.01
    done
}

# release_hold [crash]: the holder closes the ledger (and, being the last, checkpoints it);
# with `crash` it is killed instead, leaving the WAL with whatever it holds, as a crash would.
release_hold() {
    if [ "${1:-}" = crash ]; then
        kill -KILL "$HOLDER" 2>/dev/null
    fi
    exec 9>&-
    wait "$HOLDER" 2>/dev/null
    rm -f "$TEST_DIR/.holder.in" "$TEST_DIR/.holder.out"
}
