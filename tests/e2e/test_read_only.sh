#!/usr/bin/env bash
# A read-only ledger: a file without write permission, and a read-only directory. Every write
# command exits 77 with one line naming the ledger, nothing beside the ledger changes, and every
# read command still works. (test_read_only_fs.sh: a read-only file system.)
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"
. "$HERE/lib_read_only.sh"

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

finish
