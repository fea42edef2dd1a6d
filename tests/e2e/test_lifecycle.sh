#!/usr/bin/env bash
# renegotiate, close, reopen and log end to end, with the clock moving between steps.
. "$(dirname "$0")/lib.sh"

ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 8h --scope csv -q
expect_out 1

# Proactive renegotiation (before the due date), asked by the client.
export KEPT_TODAY=2026-11-25 KEPT_NOW=2026-11-25T10:00:00Z
kept renegotiate 1 --effort=+5h --add-scope json --add-scope xml --reason "client wants more formats" \
    --requested-by client
expect_rc 0
expect_out "renegotiated #1: effort 8.0h -> 13.0h; scope +2 -0"

kept renegotiate 1 --effort 10h --drop-scope xml --reason "xml not needed after all"
expect_rc 0
expect_out "renegotiated #1: effort 13.0h -> 10.0h; scope +0 -1"

# Late renegotiation: after the due date in force.
export KEPT_TODAY=2026-12-07 KEPT_NOW=2026-12-07T08:30:00Z
kept renegotiate 1 --due 2026-12-11 --owner bob --reason "alice out sick"
expect_rc 0
expect_out "renegotiated #1: due 2026-12-04 -> 2026-12-11; owner alice -> bob; late"

kept show 1 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.owner, .due, .original_due, .effort_hours, .original_effort_hours, .scope, .renegotiations, .late_renegotiations]')" \
    '["bob","2026-12-11","2026-12-04",10,8,["csv","json"],3,1]' "state after renegotiations"

export KEPT_TODAY=2026-12-10 KEPT_NOW=2026-12-10T16:00:00Z
kept close 1 --delivered
expect_rc 0
expect_out "closed #1 as delivered on 2026-12-10 (on time)"

kept close 1 --dropped
expect_rc 65
expect_err "kept: commitment #1 is delivered; reopen it first to close it again"

kept renegotiate 1 --due 2026-12-20 --reason "more"
expect_rc 65
expect_err "kept: commitment #1 is delivered; reopen it before renegotiating"

kept reopen 1 --reason "bug found in the export"
expect_rc 0
expect_out "reopened #1, due 2026-12-11"

kept reopen 1 --reason "again"
expect_rc 65
expect_err "kept: commitment #1 is already open"

kept close 1 --dropped --on 2026-12-09 --reason "client cancelled"
expect_rc 0
expect_out "closed #1 as dropped on 2026-12-09"

kept show 1 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.state, .closed]')" '["dropped","2026-12-09"]' "closed state"

kept list
expect_out "ID  DUE  OWNER  CLIENT  EFFORT  STATE  TITLE"
kept list --state closed --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[1]' "closed filter"

kept log 1
expect_rc 0
expect_out "SEQ  DAY             ACTOR   KIND          ID  CHANGE                                                    REASON
  1  Mon 2026-11-23  tester  added         #1  \"Export API\" for acme, owner alice, due 2026-12-04, 8.0h
  2  Wed 2026-11-25  tester  renegotiated  #1  effort 8.0h -> 13.0h; scope +2 -0                         client wants more formats
  3  Wed 2026-11-25  tester  renegotiated  #1  effort 13.0h -> 10.0h; scope +0 -1                        xml not needed after all
  4  Mon 2026-12-07  tester  renegotiated  #1  due 2026-12-04 -> 2026-12-11; owner alice -> bob; late    alice out sick
  5  Thu 2026-12-10  tester  closed        #1  delivered on 2026-12-10
  6  Thu 2026-12-10  tester  reopened      #1  reopened (was delivered)                                  bug found in the export
  7  Thu 2026-12-10  tester  closed        #1  dropped on 2026-12-09                                     client cancelled"

kept log --format ndjson
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 7 "ndjson lines"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 4p | jq -c '[.kind, .payload.late, .payload.due_in_force, .payload.requested_by, .timestamp, .day, .actor]')" \
    '["renegotiated",true,"2026-12-04","team","2026-12-07T08:30:00Z","2026-12-07","tester"]' "event fields"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | jq -c '[.payload.requested_by, .payload.late, .payload.effort_minutes]')" \
    '["client",false,{"after":780,"before":480}]' "before/after payload"
# Each event names its predecessor.
expect_eq "$(printf '%s\n' "$OUT" | jq -s -c '[range(1; length) as $i | .[$i].prev_hash == .[$i-1].hash] | all')" \
    true "hash chain links"

kept log --since 2026-12-10 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].seq]')" '[5,6,7]' "log --since"

kept log 9
expect_rc 66
expect_err "kept: no commitment #9 in $LEDGER"

kept verify
expect_rc 0
expect_out "ok: 7 events, hash chain intact, database sound"

# --as sets the actor.
warns "due date 2026-12-20 is a Sunday, not a working day" \
    add "Review" --client acme --due 2026-12-20 --effort 1h --as carol -q
kept show "$OUT" --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .owner)" carol "owner defaults to the actor"

finish
