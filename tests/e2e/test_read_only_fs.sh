#!/usr/bin/env bash
# A read-only file system (a read-only bind mount), with and without a -wal beside the ledger:
# every write exits 77 naming the ledger, every read works and sees what the WAL holds. Needs
# root and mount (skipped otherwise).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"
. "$HERE/lib_read_only.sh"

[ "$(id -u)" = 0 ] || skip "mounting a read-only file system needs root"
mkdir "$TEST_DIR/ro"
mount --bind "$DIR" "$TEST_DIR/ro" 2>/dev/null || skip "mount is not permitted here"
trap 'umount "$TEST_DIR/ro" 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
mount -o remount,bind,ro "$TEST_DIR/ro" 2>/dev/null || skip "cannot remount read-only here"
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
finish
