#!/usr/bin/env bash
# A read-only ledger: a file without write permission, a read-only directory, and a read-only
# file system. Every write command exits 77 with one line naming the ledger, nothing beside the
# ledger changes, and every read command still works.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

# Root ignores file permissions, so as root the commands run as the unprivileged user nobody.
RUN=()
BIN=$KEPT
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null || skip "running as root without setpriv"
    RUN=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    BIN="$TEST_DIR/kept"
    cp "$KEPT" "$BIN"
    chmod 755 "$TEST_DIR" "$BIN"
fi
DIR="$TEST_DIR/ledgers"
mkdir "$DIR"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$DIR"
LEDGER="$DIR/team.db"

# user ARGS...: runs kept as the unprivileged user on $LEDGER; sets OUT, ERR and RC.
user() {
    OUT=$("${RUN[@]}" "$BIN" --ledger "$LEDGER" "$@" 2>"$TEST_DIR/.stderr")
    RC=$?
    ERR=$(cat "$TEST_DIR/.stderr")
}

# state: names, modes and sizes of everything in the ledger's directory, and the checksums of the
# ledger and its WAL (not of the -shm index, which readers update).
state() { (cd "$DIR" && ls -l --time-style=+ . && md5sum team.db* | grep -v -- '-shm$') 2>&1; }

# expect_read_only REASON: writes fail with 77 and "cannot write ledger LEDGER: REASON", nothing
# in the directory changes, reads succeed.
expect_read_only() {
    local reason=$1 before
    before=$(state)
    for args in "add new --client c --due 2026-12-01 --effort 1h" \
        "renegotiate 1 --due 2026-12-09 --reason later" "close 1 --delivered" \
        "reopen 2 --reason again"; do
        # shellcheck disable=SC2086 # each string is the argument list of one command
        user $args
        expect_rc 77
        expect_err "kept: cannot write ledger $LEDGER: $reason"
        expect_out ""
    done
    user list --state all --format json
    expect_rc 0
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].title]')" '["first","second"]' "list"
    user show 1
    expect_rc 0
    user log
    expect_rc 0
    expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 4 "log lines (header and 3 events)"
    user verify
    expect_rc 0
    expect_out "ok: 3 events, hash chain intact, database sound"
    expect_eq "$(state)" "$before" "the ledger's directory after the refused writes"
}

user add first --client c --due 2026-12-01 --effort 1h
expect_rc 0
user add second --client c --due 2026-12-01 --effort 1h
user close 2 --dropped
expect_rc 0

# 1. The ledger file is not writable (its -wal and -shm are).
chmod 0400 "$LEDGER"
expect_read_only "permission denied"
chmod 0600 "$LEDGER"

# 2. The directory is read-only and the ledger was checkpointed into one file: SQLite cannot
# create the -wal it needs to write, nor the -shm a reader normally uses.
sqlite3 "$LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$LEDGER-wal" "$LEDGER-shm"
chmod 0500 "$DIR"
expect_read_only "attempt to write a readonly database"
chmod 0700 "$DIR"

# 3. A read-only file system (a read-only bind mount), with and without -wal beside the ledger.
if [ "$(id -u)" != 0 ]; then
    echo "read-only file system: skipped (needs root to mount)"
    finish
fi
mkdir "$TEST_DIR/ro"
if ! mount --bind "$DIR" "$TEST_DIR/ro" 2>/dev/null; then
    echo "read-only file system: skipped (mount is not permitted here)"
    finish
fi
trap 'umount "$TEST_DIR/ro" 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
if mount -o remount,bind,ro "$TEST_DIR/ro" 2>/dev/null; then
    writable_dir=$DIR
    DIR="$TEST_DIR/ro"
    LEDGER="$DIR/team.db"
    expect_read_only "the file system is read-only"
    # Now with a WAL that holds the latest commit, as a crash leaves it: the commit is made
    # while another process holds the ledger open, and that process is killed.
    umount "$TEST_DIR/ro"
    hold_open "$writable_dir/team.db"
    "${RUN[@]}" "$BIN" --ledger "$writable_dir/team.db" reopen 2 --reason back >/dev/null
    release_hold crash
    mount --bind "$writable_dir" "$TEST_DIR/ro" && mount -o remount,bind,ro "$TEST_DIR/ro"
    [ -s "$LEDGER-wal" ] || fail "expected a WAL with content beside the ledger"
    user list --state open --format json
    expect_rc 0
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].title]')" '["first","second"]' \
        "list sees the commit in the WAL"
    user add third --client c --due 2026-12-01 --effort 1h
    expect_rc 77
    expect_err "kept: cannot write ledger $LEDGER: the file system is read-only"
    umount "$TEST_DIR/ro"
else
    echo "read-only file system: skipped (cannot remount read-only here)"
fi
finish
