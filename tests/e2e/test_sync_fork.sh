#!/usr/bin/env bash
# A ledger whose history left its own replica file: restored from a backup older than its last
# sync, or copied to set up another replica. A restore that was not written to since takes its
# own events back from the file and carries on; one written to, and a copy that diverged, are
# told apart from damage: the ledger becomes a new replica, keeping every event, and says so.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b c

events() { sqlite3 "$1.db" "SELECT uuid FROM events ORDER BY uuid"; }
restore() { rm -f a.db a.db-wal a.db-shm && cp "$1" a.db; }

add a "one"
a sync --remote "$TEST_DIR/remote.git"
b sync --remote "$TEST_DIR/remote.git"
sqlite3 a.db ".backup backup.db"
add a "two"
add a "three"
a sync
b sync

# 1. Restored from the backup and synced before any write: its events come back from its file.
restore backup.db
a sync
expect_rc 0
expect_out "synced: 2 new event(s) imported, 0 pushed"
expect_eq "$(events a)" "$(events b)" "a's events after the restore"
a verify
expect_rc 0
add a "four"
a sync
expect_rc 0
b sync
expect_eq "$(events a)" "$(events b)" "a and b after a's next add"

# titles REPLICA: every commitment title the replica holds, sorted.
titles() { sqlite3 "$1.db" "SELECT title FROM commitments ORDER BY title"; }

# 2. Restored, then written to before syncing: its new event cannot continue its file (both
# follow the same predecessor), so the ledger becomes a new replica and records it again.
restore backup.db
old_uuid=$(uuid_of a)
add a "written after the restore"
a sync
expect_rc 0
expect_out_has "synced: "
expect_out_has "this ledger's history had left its replica file $TEST_DIR/a.db.sync/events/$old_uuid/000001.ndjson at line 2 (restored from a backup older than its last sync and written to since, or a copy of another replica's ledger): it is now replica "
expect_out_has "its 1 event(s) since then recorded again under it, and the ledger as it was is kept as $TEST_DIR/a.db.fork-${old_uuid:0:8}.db"
[ "$(uuid_of a)" != "$old_uuid" ] || fail "a kept its replica identity"
expect_eq "$(sqlite3 "a.db.fork-${old_uuid:0:8}.db" "SELECT count(*) FROM events WHERE origin = '$old_uuid'")" 2 \
    "the old ledger kept as it was"
a verify
expect_rc 0
b sync
expect_rc 0
expect_eq "$(titles b)" "$(titles a)" "titles on a and b after the fork"
expect_eq "$(titles a | grep -c 'written after the restore')" 1 "the event written after the restore"
expect_eq "$(titles a | grep -c -e two -e three -e four)" 3 "the events synced before the restore"
a sync
expect_rc 0
expect_out "synced: 0 new event(s) imported, 0 pushed"

# 3. A copy set up as a second replica, both written to: the one that syncs second becomes a
# new replica, keeping its events; the first keeps syncing as it was.
cp b.db c.db
add b "b after the copy"
add c "c after the copy"
b sync
expect_rc 0
c sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_out_has "or a copy of another replica's ledger): it is now replica "
b sync
expect_rc 0
a sync
expect_rc 0
c sync
expect_rc 0
expect_eq "$(titles c)" "$(titles b)" "titles on b and c after the copy's fork"
expect_eq "$(titles a)" "$(titles b)" "titles on a and b after the copy's fork"
expect_eq "$(titles b | grep -c 'after the copy')" 2 "both copies' events"
for r in a b c; do
    "$r" verify
    expect_rc 0
done

# The way to set up a second machine: an empty ledger synced from the remote.
LEDGER="$TEST_DIR/d.db" kept sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_eq "$(events d)" "$(events b)" "a new replica holds everything"

finish
