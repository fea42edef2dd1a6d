#!/usr/bin/env bash
# A full disk: on a 1 MiB tmpfs, adds succeed until the disk fills; the one that does not fit exits
# 74 with one line and writes nothing, the ledger stays readable and verifiable, and once space is
# freed writing resumes. Needs root and mount (skipped otherwise).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
MNT="$TEST_DIR/small"
mkdir "$MNT"
mount -t tmpfs -o size=1m,mode=0700 kept-test "$MNT" 2>/dev/null || skip "mount is not permitted here"
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
LEDGER="$MNT/team.db"
FULL="kept: cannot write ledger $LEDGER: the disk is full; nothing was written"

# Room to free later: 384 KiB of the 1 MiB (a new ledger and one more add must fit in it).
head -c 393216 /dev/zero >"$MNT/spare"
title=$(head -c 20000 /dev/zero | tr '\0' x)

# 1. Add until the disk is full: every add before succeeds, the first that does not fit fails.
added=0
for ((i = 1; i <= 200; i++)); do
    kept add "$title $i" --client c --due 2026-12-01 --effort 1h -q
    [ "$RC" = 0 ] || break
    added=$((added + 1))
done
expect_rc 74
expect_err "$FULL"
expect_out ""
[ "$added" -gt 0 ] || fail "no add fitted on the disk"
echo "disk full after $added adds of 20 kB titles"

# Nothing of the failed add is in the ledger, which still reads and verifies on the full disk.
expect_verified
expect_eq "$(event_count)" "$added" "events after the failed add"
kept list --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq length)" "$added" "commitments listed"

# Other writes fail the same way (or fit in a page SQLite already has); either way the ledger
# stays consistent.
kept renegotiate 1 --effort +1h --reason more
case $RC in
0) expect_eq "$(event_count)" $((added + 1)) "events after a renegotiation that fitted" ;;
74) expect_err "$FULL" ;;
*) fail "renegotiate on a full disk exited $RC: $ERR" ;;
esac
events=$(event_count)

# 2. A new ledger on the full disk: 74, and no ledger that a reader could mistake for one.
LEDGER="$MNT/new.db"
kept add "new" --client c --due 2026-12-01 --effort 1h
expect_rc 74
expect_err "kept: cannot write ledger $LEDGER: the disk is full; nothing was written"
if [ -e "$LEDGER" ]; then
    expect_eq "$(stat -c %s "$LEDGER")" 0 "size of the new ledger left on a full disk"
    kept list
    expect_rc 66
    expect_err "kept: $LEDGER: the ledger is empty (no schema yet)"
fi

# 3. With space again, both ledgers take writes and verify.
rm "$MNT/spare"
ok add "new" --client c --due 2026-12-01 --effort 1h
expect_verified
LEDGER="$MNT/team.db"
ok add "after" --client c --due 2026-12-01 --effort 1h
expect_eq "$(event_count)" $((events + 1)) "events once space was freed"
expect_verified
finish
