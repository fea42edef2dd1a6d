#!/usr/bin/env bash
# kept import --commitments: CSV or NDJSON rows with the add fields become new commitments, all
# or nothing; kept export output imports back as is.
. "$(dirname "$0")/lib.sh"

cat >rows.csv <<'CSV'
title,client,internal,owner,due,effort,scope,tags
"Export API, v2",acme,,alice,2026-12-04,2d,"[""csv"",""json""]",q4
Fix login,billing,true,bob,fri,6h,,
"Quarterly
review",board,no,,eom,90m,slides; numbers,"q4; exec"
CSV
kept import --commitments rows.csv
expect_rc 0
expect_out "imported 3 commitments (#1 to #3)"
expect_err ""
kept list --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.id, .title, .client_kind, .owner, .due, .effort_hours, .scope, .tags]]')" \
    '[[2,"Fix login","internal","bob","2026-11-27",6,[],[]],[3,"Quarterly\nreview","external","tester","2026-11-30",1.5,["slides","numbers"],["q4","exec"]],[1,"Export API, v2","external","alice","2026-12-04",16,["csv","json"],["q4"]]]' \
    "imported rows"
expect_eq "$(event_count)" 3 "one added event per row"
kept log --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[].kind] | unique | .[]')" added "events are added events"
kept verify
expect_rc 0

# A bad row in the middle: exit 65 naming its line and field, nothing written.
cat >bad.csv <<'CSV'
title,client,owner,due,effort
First,acme,alice,2026-12-04,2h
Second,acme,alice,2026-02-30,2h
Third,acme,alice,2026-12-04,2h
CSV
rejects 65 'line 3: due: "2026-02-30" is not a valid date' import --commitments bad.csv

# The line named is where the record starts, even after a quoted line break.
printf 'title,client,due,effort\n"two\nlines",acme,fri,1h\nok,acme,fri,lots\n' >multi.csv
rejects 65 'line 4: effort: "lots" is not an effort (use 90m, 6h, 1.5d or 1w)' \
    import --commitments multi.csv
printf 'title,client,due,effort,colour\nx,acme,fri,1h,red\n' >unknown.csv
rejects 65 'line 1: "colour" is not a commitment field (use title, client, internal or client_kind, owner, due, effort or effort_hours, scope, tags, fee)' \
    import --commitments unknown.csv
printf 'title,client,due,effort\nx,acme,fri\n' >short.csv
rejects 65 'line 2: the row has 3 fields but the header names 4 columns' import --commitments short.csv
printf 'title,client,due,effort\n"x,acme,fri,1h\n' >open.csv
rejects 65 'line 2: a quoted field is never closed (a " is missing)' import --commitments open.csv

# NDJSON rows, from standard input; the same checks.
printf '%s\n' '{"title":"From JSON","client":"acme","due":"+2w","effort":3,"scope":["a"]}' \
    '{"title":"Internal","client":"ops","internal":true,"owner":"dan","due":"2026-12-01","effort_hours":1.25}' >rows.ndjson
kept import --commitments -q - <rows.ndjson
expect_rc 0
expect_out $'4\n5'
kept show 5 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.client_kind, .owner, .effort_hours, .due]')" \
    '["internal","dan",1.25,"2026-12-01"]' "NDJSON row"
printf '%s\n' '{"title":"ok","client":"acme","due":"fri","effort":"1h"}' '' \
    '{"title":"no client","due":"fri","effort":"1h"}' >bad.ndjson
rejects 65 'line 3: client: missing' import --commitments bad.ndjson
printf '%s\n' '{"title":"ok","client":"acme","due":"fri","effort":"1h","state":"delivered"}' >closed.ndjson
rejects 65 'line 1: state: "delivered": only open commitments can be imported (kept export --events copies a whole history)' \
    import --commitments closed.ndjson
printf '[{"title":"x"}]\n' >array.json
rejects 65 'line 1: a JSON array is not accepted: give one object per line (NDJSON, as kept export writes) or CSV' \
    import --commitments array.json

# Round trips: kept export (CSV or NDJSON) imports into another ledger as the same promises.
fields='[.[] | {title, client, client_kind, owner, due, effort_hours, scope, tags}]'
kept list --format json
expected=$(printf '%s' "$OUT" | jq -c "$fields")
for format in csv ndjson; do
    kept export --format "$format"
    printf '%s\n' "$OUT" >"export.$format"
    other="$TEST_DIR/other-$format.db"
    OUT=$("$KEPT" --ledger "$other" import --commitments "export.$format" 2>&1)
    expect_eq "$OUT" "imported 5 commitments (#1 to #5)" "import of the $format export"
    OUT=$("$KEPT" --ledger "$other" list --format json)
    expect_eq "$(printf '%s' "$OUT" | jq -c "$fields")" "$expected" "$format round trip"
done

# Importing commitments is adding: twice means twice (events are the idempotent path).
before=$(event_count)
kept import --commitments rows.ndjson
expect_out "imported 2 commitments (#6 to #7)"
expect_eq "$(event_count)" $((before + 2)) "second commitment import adds again"

# A bulk import sums the reliability tallies and the open work once at its end, instead of
# row by row: the same rows added one by one give exactly the same derived tables, on a ledger
# that already holds closed and open commitments of the same owners and clients.
derived() {
    sqlite3 "$1" "SELECT * FROM reliability_counts ORDER BY 1, 2, 3; SELECT '--';
                  SELECT * FROM open_work ORDER BY 1, 2"
}
for db in one-by-one.db bulk.db; do
    "$KEPT" --ledger "$db" add "old" --client acme --owner alice --due 2026-11-30 --effort 2h -q >/dev/null 2>&1
    "$KEPT" --ledger "$db" close 1 --delivered --on 2026-11-23 >/dev/null
    "$KEPT" --ledger "$db" add "open" --client acme --owner alice --due 2026-12-04 --effort 3h -q >/dev/null 2>&1
done
: >bulk.ndjson
for i in $(seq 1 30); do
    owner=$([ $((i % 3)) = 0 ] && echo alice || echo "owner$((i % 4))")
    client=$([ $((i % 2)) = 0 ] && echo acme || echo "client$((i % 5))")
    due=2026-12-0$((1 + i % 9))
    "$KEPT" --ledger one-by-one.db add "row $i" --client "$client" --owner "$owner" --due "$due" \
        --effort "$i"h -q >/dev/null 2>&1
    printf '{"title":"row %s","client":"%s","owner":"%s","due":"%s","effort":"%sh"}\n' \
        "$i" "$client" "$owner" "$due" "$i" >>bulk.ndjson
done
OUT=$("$KEPT" --ledger bulk.db import --commitments bulk.ndjson)
expect_eq "$OUT" "imported 30 commitments (#3 to #32)" "bulk import beside existing commitments"
expect_eq "$(derived bulk.db)" "$(derived one-by-one.db)" "derived tables of a bulk import"
expect_eq "$(sqlite3 bulk.db "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")" \
    "$(sqlite3 one-by-one.db "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")" \
    "triggers put back after a bulk import"
"$KEPT" --ledger bulk.db verify >/dev/null || fail "verify after a bulk import"
# rebuild refills them the same way, from the events alone.
"$KEPT" --ledger bulk.db rebuild >/dev/null || fail "rebuild"
expect_eq "$(derived bulk.db)" "$(derived one-by-one.db)" "derived tables after rebuild"
"$KEPT" --ledger one-by-one.db add "after" --client acme --owner alice --due 2026-12-09 --effort 1h -q >/dev/null 2>&1
"$KEPT" --ledger bulk.db add "after" --client acme --owner alice --due 2026-12-09 --effort 1h -q >/dev/null 2>&1
expect_eq "$(derived bulk.db)" "$(derived one-by-one.db)" "derived tables of an add after them"
# More rows than one range of the end's sums (65,536 ids): verify recounts the tallies and sums.
awk 'BEGIN { for (i = 1; i <= 70000; i++)
    printf "{\"title\":\"r%d\",\"client\":\"c%d\",\"owner\":\"o%d\",\"due\":\"2026-12-%02d\",\"effort\":\"%dh\"}\n",
        i, i % 7, i % 5, 1 + i % 28, 1 + i % 9 }' >many.ndjson
OUT=$("$KEPT" --ledger bulk.db import --commitments many.ndjson)
expect_eq "$OUT" "imported 70000 commitments (#34 to #70033)" "a 70,000-row import"
"$KEPT" --ledger bulk.db verify >/dev/null || fail "verify after a 70,000-row import"

finish
