#!/usr/bin/env bash
# Event export and import: every event with its uuid and hash as NDJSON; importing is
# idempotent, merges ledgers, keeps each chain in order and is all or nothing.
. "$(dirname "$0")/lib.sh"

A="$TEST_DIR/a.db" B="$TEST_DIR/b.db" C="$TEST_DIR/c.db"
on() { LEDGER=$1; shift; kept "$@"; }
count_in() { sqlite3 "$1" 'SELECT count(*) FROM events'; }

on "$A" add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d --scope csv
on "$A" add "Fix login" --client billing --internal --owner bob --due fri --effort 6h
on "$A" renegotiate 1 --due 2026-12-11 --add-scope json --reason "client asked"
on "$A" close 2 --delivered
on "$B" add "Audit" --client board --owner carol --due 2026-12-01 --effort 4h
on "$B" renegotiate 1 --effort +2h --reason "more to read"

# The export: one event a line, in ledger order, with uuids and hashes.
on "$A" export --events
expect_rc 0
printf '%s\n' "$OUT" >a.ndjson
expect_eq "$(wc -l <a.ndjson | tr -d ' ')" 4 "events exported from A"
expect_eq "$(jq -r .seq a.ndjson | tr '\n' ' ')" "1 2 3 4 " "seq order"
expect_eq "$(jq -r '.hash | length' a.ndjson | sort -u)" 64 "hashes present"
expect_eq "$(jq -r '.uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")' a.ndjson | sort -u)" \
    true "uuids"
on "$A" export --events --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].uuid]')" "$(jq -s -c '[.[].uuid]' a.ndjson)" "json = ndjson"
on "$A" export --events --format csv
expect_rc 65
expect_err 'kept: --format: "csv" is not one of ndjson,json for kept export --events'
on "$A" export --events --owner alice
expect_rc 64
on "$B" export --events
printf '%s\n' "$OUT" >b.ndjson

# Import into an empty ledger, then again: the second adds nothing.
on "$C" import a.ndjson
expect_rc 0
expect_out "imported 4 events (0 already present)"
on "$C" import a.ndjson
expect_out "imported 0 events (4 already present)"
expect_eq "$(count_in "$C")" 4 "events after importing twice"
on "$C" import - <a.ndjson
expect_out "imported 0 events (4 already present)"

# Merge B in as well: C holds both ledgers, verify passes, same commitments.
on "$C" import -q b.ndjson
expect_out ""
expect_eq "$(count_in "$C")" 6 "events after merging B"
on "$C" verify
expect_rc 0
expect_out "ok: 6 events, hash chain intact, database sound"
fields='[.[] | {uuid, title, client, client_kind, owner, state, due, original_due, effort_hours, scope, tags, renegotiations}] | sort_by(.uuid)'
expected=$( (LEDGER=$A kept list --state all --format json; printf '%s' "$OUT"
             LEDGER=$B kept list --state all --format json; printf '%s' "$OUT") | jq -s -c "add | $fields")
on "$C" list --state all --format json
expect_eq "$(printf '%s' "$OUT" | jq -c "$fields")" "$expected" "merged commitments"
expect_eq "$(printf '%s' "$OUT" | jq length)" 3 "merged commitment count"

# Merging in either order, from one concatenated stream, gives the same state.
D="$TEST_DIR/d.db"
cat b.ndjson a.ndjson >ba.ndjson
on "$D" import - <ba.ndjson
expect_out "imported 6 events (0 already present)"
on "$D" list --state all --format json
expect_eq "$(printf '%s' "$OUT" | jq -c "$fields")" "$expected" "merged in the other order"

# A new change in C after the merge exports and imports back into A.
on "$C" list --format json
audit=$(printf '%s' "$OUT" | jq -r '.[] | select(.title == "Audit") | .id')
on "$C" renegotiate "$audit" --due 2026-12-02 --reason "board moved"
expect_rc 0
on "$C" export --events
printf '%s\n' "$OUT" >c.ndjson
on "$A" import c.ndjson
expect_out "imported 3 events (4 already present)"
on "$A" verify
expect_rc 0
on "$A" list --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[] | select(.title=="Audit") | .due')" 2026-12-02 "change made in C"

# All or nothing: a bad line in the middle names its line and writes nothing.
E="$TEST_DIR/e.db"
on "$E" add "Local" --client x --due fri --effort 1h
before=$(count_in "$E")
{ sed -n 1,2p a.ndjson; echo '{"uuid": "broken"'; sed -n 3,4p a.ndjson; } >bad.ndjson
on "$E" import bad.ndjson
expect_rc 65
expect_err "kept: line 3: not valid JSON (at byte 18)"
expect_eq "$(count_in "$E")" "$before" "nothing imported from a file with a bad line"

# A tampered event is refused by its hash, naming the line.
jq -c 'if .seq == 3 then .payload.due.after = "2027-01-01" else . end' a.ndjson >tampered.ndjson
on "$E" import tampered.ndjson
expect_rc 65
expect_err_has "kept: line 3: event "
expect_err_has "its hash does not match its content"
expect_eq "$(count_in "$E")" "$before" "nothing imported from a tampered file"

# A missing event in a chain is refused too.
sed 3d a.ndjson >gap.ndjson
on "$E" import gap.ndjson
expect_rc 65
expect_err_has "kept: line 3: event "
expect_err_has "events are missing before it"
expect_eq "$(count_in "$E")" "$before" "nothing imported from a file with a gap"

# A field missing, an unknown file.
jq -c 'del(.hash)' a.ndjson | head -n 1 >nohash.ndjson
on "$E" import nohash.ndjson
expect_rc 65
expect_err 'kept: line 1: event field "hash" is missing'
on "$E" import no-such-file.ndjson
expect_rc 66
expect_err "kept: no file no-such-file.ndjson"

# Blank lines and CRLF line ends are fine; an empty input imports nothing.
F="$TEST_DIR/f.db"
sed 's/$/\r/' a.ndjson | sed '2a\\' >crlf.ndjson
on "$F" import crlf.ndjson
expect_out "imported 4 events (0 already present)"
on "$F" import /dev/null
expect_out "imported 0 events (0 already present)"

finish
