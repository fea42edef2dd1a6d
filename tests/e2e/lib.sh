# Shared helpers for the end-to-end tests: each test script sources this, runs the real kept
# binary ($KEPT) in a fresh temporary directory with its own ledger, and checks exit codes,
# stdout and stderr. A script exits 1 when any check failed, 77 when it skips itself.

set -u
: "${KEPT:?KEPT must name the kept binary}"

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kept-e2e.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
cd "$TEST_DIR" || exit 1
export HOME="$TEST_DIR/home" XDG_DATA_HOME="$TEST_DIR/data" XDG_CONFIG_HOME="$TEST_DIR/config"
export KEPT_TODAY=2026-11-23 KEPT_NOW=2026-11-23T09:00:00Z KEPT_USER=tester
unset KEPT_CONFIG NO_COLOR KEPT_BUSY_TIMEOUT_MS COLUMNS PAGER LESS
# A table on a terminal (script(1), tmux) prints directly unless a test names a pager.
export KEPT_PAGER=cat
mkdir -p "$HOME"
LEDGER="$TEST_DIR/team.db"
FAILURES=0

# kept ARGS...: runs kept on $LEDGER; sets OUT, ERR and RC.
kept() {
    OUT=$("$KEPT" --ledger "$LEDGER" "$@" 2>"$TEST_DIR/.stderr")
    RC=$?
    ERR=$(cat "$TEST_DIR/.stderr")
}

# kept_raw ARGS...: like kept, without adding --ledger.
kept_raw() {
    OUT=$("$KEPT" "$@" 2>"$TEST_DIR/.stderr")
    RC=$?
    ERR=$(cat "$TEST_DIR/.stderr")
}

fail() {
    FAILURES=$((FAILURES + 1))
    printf 'FAIL (line %s): %s\n' "${BASH_LINENO[1]:-?}" "$*" >&2
}

expect_rc() {
    [ "$RC" = "$1" ] || fail "expected exit $1, got $RC; stderr: $ERR; stdout: $OUT"
}

expect_out() {
    [ "$OUT" = "$1" ] || fail "stdout differs:
--- expected
$1
--- actual
$OUT"
}

expect_err() {
    [ "$ERR" = "$1" ] || fail "stderr differs:
--- expected
$1
--- actual
$ERR"
}

expect_out_has() {
    case "$OUT" in *"$1"*) ;; *) fail "stdout lacks \"$1\"; stdout: $OUT" ;; esac
}

expect_err_has() {
    case "$ERR" in *"$1"*) ;; *) fail "stderr lacks \"$1\"; stderr: $ERR" ;; esac
}

expect_eq() {
    [ "$1" = "$2" ] || fail "${3:-values differ}: expected \"$2\", got \"$1\""
}

# ok ARGS...: runs kept and requires exit 0 with nothing on stderr.
ok() {
    kept "$@"
    [ "$RC" = 0 ] || fail "kept $* exited $RC: $ERR"
    [ -z "$ERR" ] || fail "kept $* wrote to stderr: $ERR"
}

# warns MESSAGE ARGS...: kept ARGS must exit 0 with exactly "kept: warning: MESSAGE" on stderr.
warns() {
    local message=$1
    shift
    kept "$@"
    [ "$RC" = 0 ] || fail "kept $* exited $RC: $ERR"
    expect_err "kept: warning: $message"
}

# succeeds ARGS...: runs kept and requires exit 0 with nothing but warnings on stderr: for
# generated histories, whose changes may well break a promise.
succeeds() {
    kept "$@"
    [ "$RC" = 0 ] || fail "kept $* exited $RC: $ERR"
    [ -z "$(printf '%s' "$ERR" | grep -v '^kept: warning: ')" ] ||
        fail "kept $* wrote more than warnings to stderr: $ERR"
}

# skip MESSAGE: ends the test as skipped (CTest's SKIP_RETURN_CODE), saying why.
skip() {
    echo "SKIP: $*" >&2
    exit 77
}

# event_count: the number of events in $LEDGER (0 when it does not exist).
event_count() {
    if [ -f "$LEDGER" ]; then
        sqlite3 -cmd '.timeout 5000' "$LEDGER" 'SELECT count(*) FROM events'
    else
        echo 0
    fi
}

# rejects CODE MESSAGE ARGS...: kept ARGS must exit CODE, print exactly "kept: MESSAGE" on
# stderr, nothing on stdout, and write no event. REJECTS_RUN names another runner than kept.
rejects() {
    local code=$1 message=$2
    shift 2
    local before
    before=$(event_count)
    "${REJECTS_RUN:-kept}" "$@"
    expect_rc "$code"
    expect_err "kept: $message"
    expect_out ""
    expect_eq "$(event_count)" "$before" "event count after kept $*"
}

finish() {
    if [ "$FAILURES" -ne 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    exit 0
}
