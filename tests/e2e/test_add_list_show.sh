#!/usr/bin/env bash
# add, list and show end to end: output, JSON fields, filters and ordering.
. "$(dirname "$0")/lib.sh"

kept add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d \
    --scope csv --scope json --tag q4
expect_rc 0
expect_out 'added #1 "Export API" for acme, owner alice, due 2026-12-04, 16.0h'
expect_err ""

kept add "Fix login" --client billing --internal --owner bob --due fri --effort 6h -q
expect_rc 0
expect_out "2"

ok add "Quarterly review" --client board --due eom --effort 90m
expect_out 'added #3 "Quarterly review" for board, owner tester, due 2026-11-30, 1.5h'

kept list
expect_rc 0
expect_out "ID  DUE             OWNER   CLIENT         EFFORT  STATE  TITLE
 2  Fri 2026-11-27  bob     billing (int)    6.0h  open   Fix login
 3  Mon 2026-11-30  tester  board            1.5h  open   Quarterly review
 1  Fri 2026-12-04  alice   acme            16.0h  open   Export API"

kept list --owner alice --format json
expect_rc 0
fields=$(printf '%s' "$OUT" | jq -c '.[0] | keys_unsorted')
expect_eq "$fields" '["id","uuid","title","client","client_kind","owner","state","due","original_due","effort_hours","original_effort_hours","scope","tags","created","closed","renegotiations","late_renegotiations","fee","original_fee"]' "list json fields"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[0].id, .[0].scope, .[0].tags, .[0].effort_hours, .[0].closed, .[0].client_kind]')" \
    '[1,["csv","json"],["q4"],16,null,"external"]' "list json values"
expect_eq "$(printf '%s' "$OUT" | jq length)" 1 "owner filter"

kept list --client billing --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[2]' "client filter"
kept list --due-before 2026-11-30 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[2]' "due-before is strict"
kept list --tag q4 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[1]' "tag filter"
kept list --owner nobody --format json
expect_out "[]"

kept show 2 --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.id, .client_kind, .owner, .due, .state]')" \
    '[2,"internal","bob","2026-11-27","open"]' "show json"

kept show '#1'
expect_rc 0
expect_out_has "due             Fri 2026-12-04"
expect_out_has "scope           csv; json"

# Text is stored exactly as given.
title=$'quotes "x" \'y\', unicode ✓ and\na newline; \x27); DROP TABLE events;--'
ok add "$title" --client "c'); DROP TABLE commitments;--" --due 2026-12-01 --effort 1h -q
id=$OUT
kept show "$id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .title)" "$title" "title round trip"
expect_eq "$(printf '%s' "$OUT" | jq -r .client)" "c'); DROP TABLE commitments;--" "client round trip"

finish
