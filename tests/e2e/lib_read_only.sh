# shellcheck shell=bash
# Helpers of the read-only ledger tests (test_read_only*.sh); sourced after lib.sh and
# lib_reliability.sh. Makes a ledger with two commitments (the second dropped) in $DIR.

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
