# Helpers shared by the reliability tests (docs/reliability.md); sourced after lib.sh.

# has_command NAME: whether this kept has the subcommand NAME. (`kept NAME --help` alone does not
# tell: for an unknown NAME it prints the main help and exits 0.)
has_command() {
    "$KEPT" "$1" --help 2>/dev/null | grep -q "^Usage: kept $1 "
}

# skip MESSAGE: ends the test as skipped.
skip() {
    echo "SKIP: $*" >&2
    exit 77
}

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
