#!/usr/bin/env bash
# examples/team/build-history.sh runs through the real binary and its report shows the flags
# its script sets up.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
command -v date >/dev/null && date -u -d "2026-11-23 + 1 days" +%F >/dev/null 2>&1 || exit 77

cp -r "$HERE/../../examples/team" "$TEST_DIR/team"
OUT=$(KEPT="$KEPT" bash "$TEST_DIR/team/build-history.sh" 2>"$TEST_DIR/.stderr")
RC=$?
ERR=$(cat "$TEST_DIR/.stderr")
expect_rc 0
expect_err_has "kept: warning: this puts alice at"
expect_out_has "kept report for platform, as of 2026-11-23"
expect_out_has "overdue   high      dave"
expect_out_has "overload  high      alice  2026-W48"
expect_out_has "late      medium    bob"
expect_out_has "creep     medium    alice"
expect_out_has "kind    internal"
"$KEPT" --config "$TEST_DIR/team/kept.toml" verify >/dev/null || fail "the example ledger does not verify"
finish
