#!/usr/bin/env bash
# verify: an intact ledger passes (quick and --full); an edited, deleted or unparsable event is
# named by its seq; a payload stored in another spelling of the same JSON still verifies.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || exit 77

# The ledger keeps recent pages in its WAL: copy it through SQLite, not cp.
snapshot() { sqlite3 "$LEDGER" "VACUUM INTO '$TEST_DIR/pristine.db'"; }
restore() {
    rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
    cp "$TEST_DIR/pristine.db" "$LEDGER"
}

ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d --scope csv -q
ok add "Fix login" --client billing --owner bob --due 2026-12-01 --effort 6h -q
ok renegotiate 1 --due 2026-12-11 --reason "client asked for SSO first"
ok close 2 --delivered
# The events table refuses UPDATE and DELETE; a tamperer with the file drops those guards first.
sqlite3 "$LEDGER" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete"

kept verify
expect_rc 0
expect_out "ok: 4 events, hash chain intact, database sound"
kept verify --full
expect_rc 0
expect_out "ok: 4 events, hash chain intact, database sound (full check)"

# The same JSON spelled with spaces and its keys in another order hashes the same.
snapshot
payload=$(sqlite3 "$LEDGER" "SELECT payload FROM events WHERE seq = 2")
respelled=$(printf '%s' "$payload" | jq --indent 1 'to_entries | reverse | from_entries')
sqlite3 "$LEDGER" "UPDATE events SET payload = '$(printf '%s' "$respelled" | sed "s/'/''/g")' WHERE seq = 2"
expect_eq "$(sqlite3 "$LEDGER" "SELECT payload = '$payload' FROM events WHERE seq = 2")" 0 \
    "payload respelled"
kept verify
expect_rc 0

# An edited payload.
restore
sqlite3 "$LEDGER" "UPDATE events SET payload = replace(payload, '2026-12-11', '2026-12-12') WHERE seq = 3"
kept verify
expect_rc 1
expect_err "kept: $LEDGER: hash chain broken at event seq 3: its content does not match its hash (edited)"

# An edited actor, outside the payload.
restore
sqlite3 "$LEDGER" "UPDATE events SET actor = 'mallory' WHERE seq = 2"
kept verify
expect_rc 1
expect_err_has "hash chain broken at event seq 2: its content does not match its hash"

# A payload that is no longer JSON.
restore
sqlite3 "$LEDGER" "UPDATE events SET payload = '{not json' WHERE seq = 4"
kept verify
expect_rc 1
expect_err_has "hash chain broken at event seq 4: its content does not match its hash"

# A deleted event breaks the link of the next one.
restore
sqlite3 "$LEDGER" "DELETE FROM events WHERE seq = 2"
kept verify
expect_rc 1
expect_err_has "hash chain broken at event seq 3: it does not follow the previous event"

finish
