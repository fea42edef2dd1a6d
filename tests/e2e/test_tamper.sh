#!/usr/bin/env bash
# Tamper evidence: history edited directly with sqlite3. The database refuses a plain UPDATE or
# DELETE of an event; with its guard dropped, `kept verify` catches an edited payload, a deleted
# event, two reordered events, a deleted latest event, an edited commitments row and edited
# reliability tallies, exits 1 and names the first bad event (or commitment).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

# seq 1-3: three commitments added; 4: #1 renegotiated; 5: #2 closed; 6: #3 renegotiated.
ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
ok add "Fix login" --client billing --owner bob --due 2026-11-27 --effort 6h
ok add "Review" --client board --owner carol --due 2026-11-30 --effort 90m
ok renegotiate 1 --due 2026-12-11 --reason "client asked for SSO first"
ok close 2 --delivered
ok renegotiate 3 --effort +1h --reason "more slides"
kept verify
expect_rc 0
expect_out "ok: 6 events, hash chain intact, database sound"
snapshot "$TEST_DIR/pristine.db"
PRISTINE=$LEDGER

# tampered SQL: a fresh copy of the pristine ledger with SQL applied (after dropping the
# append-only guard), as $LEDGER.
tampered() {
    LEDGER="$TEST_DIR/tampered.db"
    rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
    cp "$TEST_DIR/pristine.db" "$LEDGER"
    sqlite3 "$LEDGER" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; $1" ||
        fail "sqlite3 could not apply: $1"
}

# caught MESSAGE [--full]: kept verify exits 1 with exactly "kept: LEDGER: MESSAGE".
caught() {
    kept verify "${@:2}"
    expect_rc 1
    expect_err "kept: $LEDGER: $1"
    expect_out ""
}

# 1. The database itself refuses edits and deletions of events.
LEDGER=$PRISTINE
for sql in "UPDATE events SET actor = 'mallory' WHERE seq = 2" "DELETE FROM events WHERE seq = 2" \
    "DELETE FROM events"; do
    err=$(sqlite3 "$LEDGER" "$sql" 2>&1) && fail "sqlite3 accepted \"$sql\""
    case $err in *"events are append-only"*) ;; *) fail "\"$sql\" was not refused: $err" ;; esac
done
expect_eq "$(event_count)" 6 "events after the refused edits"
kept verify
expect_rc 0

# 2. An edited payload: the edited event is named.
tampered "UPDATE events SET payload = json_set(payload, '$.title', 'Fix logout') WHERE seq = 2"
caught "hash chain broken at event seq 2: its content does not match its hash (edited)"
# The same with the commitments row edited to match: still the event.
tampered "UPDATE events SET payload = json_set(payload, '$.effort_minutes', 60) WHERE seq = 2;
          UPDATE commitments SET effort_minutes = 60, original_effort_minutes = 60 WHERE id = 2"
caught "hash chain broken at event seq 2: its content does not match its hash (edited)"
# Other fields the hash covers.
tampered "UPDATE events SET reason = 'we were asked to' WHERE seq = 4"
caught "hash chain broken at event seq 4: its content does not match its hash (edited)"
tampered "UPDATE events SET day = '2026-11-20', ts = '2026-11-20T09:00:00Z' WHERE seq = 4"
caught "hash chain broken at event seq 4: its content does not match its hash (edited)"

# 3. A deleted event in the middle: the event after the gap is named.
tampered "DELETE FROM events WHERE seq = 3"
caught "hash chain broken at event seq 4: it does not follow the previous event of its ledger (an event was deleted, inserted or reordered)"
tampered "DELETE FROM events WHERE seq = 1"
caught "hash chain broken at event seq 2: it names a predecessor that is not in the ledger (deleted or reordered)"

# 4. Two events swapped (their seq exchanged through a temporary one): the first is named.
tampered "UPDATE events SET seq = -1 WHERE seq = 2; UPDATE events SET seq = 2 WHERE seq = 3;
          UPDATE events SET seq = 3 WHERE seq = -1"
caught "hash chain broken at event seq 2: it does not follow the previous event of its ledger (an event was deleted, inserted or reordered)"

# 5. The latest event deleted: no later event breaks, but the commitment's row reflects an event
# its history no longer holds (every verify compares each row's last clock with its events), and
# replaying the events no longer gives the stored commitment (verify --full).
tampered "DELETE FROM events WHERE seq = 6"
caught "commitment #3 does not match its events: its row reflects an event its history no longer holds (clock 6, its latest event has clock 3): an event was deleted, or the row edited"
caught "commitment #3 does not match its events: its row reflects an event its history no longer holds (clock 6, its latest event has clock 3): an event was deleted, or the row edited" --full
# The latest two: the lowest commitment is named, with the number affected.
tampered "DELETE FROM events WHERE seq >= 5"
caught "commitment #2 does not match its events: its row reflects an event its history no longer holds (clock 5, its latest event has clock 2): an event was deleted, or the row edited (2 commitments affected)"
# A commitment whose only event was the latest.
LEDGER=$PRISTINE
ok add "Late addition" --client acme --due 2026-12-04 --effort 1h
snapshot "$TEST_DIR/pristine.db"
tampered "DELETE FROM events WHERE seq = 7"
caught "commitment #4 does not match its events: it has no events (its added event was deleted)"
# Events whose commitment row is gone.
tampered "DELETE FROM commitments WHERE id = 1"
caught "commitment #1 does not match its events: it has events but no row in the commitments table"

# 6. The commitments row edited alone: its clock still matches, so only the full replay sees it.
tampered "UPDATE commitments SET due = '2027-01-31' WHERE id = 1"
kept verify
expect_rc 0
caught "commitment #1 does not match its events: its stored due differs from what its events give (an event was deleted, or the row edited)" --full
# Edited clock and all: the row now lags behind its events.
tampered "UPDATE commitments SET last_clock = 1 WHERE id = 3"
caught "commitment #3 does not match its events: its row lags behind its events (clock 1, its latest event has clock 6): the row was edited"

# 6b. A reliability tally edited (the report reads them): every verify recounts them from the
# commitments table; rebuild recounts them too.
tampered "UPDATE reliability_counts SET on_time_last = on_time_last + 1 WHERE owner = 'bob'"
caught "the reliability tallies of 1 owner/client group differ from the commitments table; kept rebuild recounts them"
tampered "DELETE FROM reliability_counts WHERE owner = 'carol'; UPDATE reliability_counts SET late_days = 9"
caught "the reliability tallies of 4 owner/client groups differ from the commitments table; kept rebuild recounts them"
ok rebuild
kept verify
expect_rc 0
# The open work the overload check reads, likewise.
tampered "UPDATE open_work SET effort_minutes = 0 WHERE owner = 'alice'"
caught "the open work of 1 owner/due date pair differs from the open commitments; kept rebuild recounts it"
ok rebuild
kept verify
expect_rc 0

# 7. What cannot be caught: the latest event deleted AND the row rewritten to what the remaining
# events give. The chain has nothing after it to break; only another copy of the events (an
# export, another replica) shows the loss.
tampered "DELETE FROM events WHERE seq = 7; DELETE FROM commitments WHERE id = 4"
kept verify
expect_rc 0
finish
