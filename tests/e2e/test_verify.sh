#!/usr/bin/env bash
# verify passes on an untouched ledger and names the first bad event after an edit.
. "$(dirname "$0")/lib.sh"

for i in 1 2 3; do
    ok add "Item $i" --client acme --due 2026-12-0$i --effort 1h -q
done
ok renegotiate 2 --due 2026-12-09 --reason "moved"

kept verify
expect_rc 0
expect_out "ok: 4 events, hash chain intact, database sound"

sqlite3 "$LEDGER" ".backup edited.db"
sqlite3 edited.db "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'Item 2', 'Item 9') WHERE seq = 2"
kept_raw --ledger edited.db verify
expect_rc 1
expect_err "kept: edited.db: hash chain broken at event seq 2: its content does not match its hash (edited)"
expect_out ""

finish
