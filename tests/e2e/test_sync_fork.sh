#!/usr/bin/env bash
# A ledger whose history left its own replica file: restored from a backup older than its last
# sync, or copied to set up another replica. A restore that was not written to since takes its
# own events back from the file and carries on; one written to, and a copy that diverged, are
# told apart from damage and stop with what happened and what to do, never "65" alone.
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

# 2. Restored, then written to before syncing: its new event cannot continue its file.
restore backup.db
add a "written after the restore"
a sync
expect_rc 65
expect_err_has "kept: sync: this ledger's history leaves its replica file $TEST_DIR/a.db.sync/events/"
expect_err_has "at line 2 (it was restored from a backup older than its last sync and written to since, or it is a copy of another replica's ledger)"
expect_err_has "set this machine up again with kept sync --remote on a new, empty ledger"
b sync
expect_rc 0

# 3. A copy set up as a second replica: once both have written, the one that syncs second is
# told it is a copy (the first keeps syncing).
cp b.db c.db
mv c.db.sync c.db.sync.unused 2>/dev/null
add b "b after the copy"
add c "c after the copy"
b sync
expect_rc 0
c sync --remote "$TEST_DIR/remote.git"
expect_rc 65
expect_err_has "or it is a copy of another replica's ledger"
b sync
expect_rc 0

# The way to set up a second machine: an empty ledger synced from the remote.
LEDGER="$TEST_DIR/d.db" kept sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_eq "$(events d)" "$(events b)" "a new replica holds everything"

finish
