#!/usr/bin/env bash
# Bad input in one replica's file is quarantined, not contagious: a malformed line, an event
# written by another replica, an impossible clock or a rewritten event stops the import of that
# file's later events only. Everything else syncs; sync exits 1 naming the file, line and reason,
# and verify keeps saying so until the file is fixed. The Lamport clock never overflows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b c
command -v python3 >/dev/null || { echo "python3 is not installed: skipping"; exit 77; }

count() { sqlite3 "$1.db" "SELECT count(*) FROM events"; }

for r in a b c; do
    add "$r" "$r one"
    "$r" sync --remote "$TEST_DIR/remote.git"
done
a sync
b sync
expect_eq "$(count a)" 3 "events on a"

# 1. A malformed line in c's file: the line before it still imports, a's and b's events sync.
add c "c two"
c sync
tamper "$(uuid_of c)" 'lines.append("{\"uuid\": \"truncated")'
add c "c three (after the poison line)"
add a "a two"
a sync
expect_rc 1
expect_out "synced: 1 new event(s) imported, 1 pushed"
expect_err "kept: sync: $TEST_DIR/a.db.sync/events/$(uuid_of c)/000001.ndjson line 3: not valid JSON (at byte 20); the later events of that file are not imported until it is fixed"
b sync
expect_rc 1
expect_err_has "events/$(uuid_of c)/000001.ndjson line 3: not valid JSON"
expect_eq "$(count b)" 5 "events on b: a two and c two arrived"
a verify
expect_rc 1
expect_err "kept: $TEST_DIR/a.db.sync/events/$(uuid_of c)/000001.ndjson line 3: not valid JSON (at byte 20)"
# The report flags it (kind sync) until a sync finds the file fixed.
a report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | select(.kind == "sync") | [.severity, .detail]]')" \
    "[[\"high\",\"replica $(uuid_of c) chunk 000001.ndjson line 3: not valid JSON (at byte 20); its later events are not imported (kept sync says more)\"]]" \
    "the sync flag"
a check sync
expect_rc 1

# c's own sync rewrites its file from its ledger, the source of truth for its events: the
# poison line is gone and everyone's sync heals.
c sync
expect_rc 0
expect_out "synced: 1 new event(s) imported, 3 pushed (this replica's file rewritten from the ledger: line 3: not valid JSON (at byte 20))"
a sync
expect_rc 0
b sync
expect_rc 0
expect_eq "$(count a)" "$(count c)" "events on a and c after the fix"
a verify
expect_rc 0
a check sync
expect_rc 0

# 2. A correctly hashed event with clock 2^63-1 appended to b's file: refused, no overflow.
tamper "$(uuid_of b)" '
e = dict(lines[-1]); e["uuid"] = "00000000-0000-4000-8000-00000000000f"; e["clock"] = 2**63 - 1
e["prev_hash"] = lines[-1]["hash"]; rehash(e); lines.append(e)'
a sync
expect_rc 1
expect_err_has "events/$(uuid_of b)/000001.ndjson line 2: clock 9223372036854775807 is over the limit of 2^40"
add a "after the big clock"
a verify
expect_rc 1
expect_eq "$(sqlite3 a.db 'SELECT max(clock) < 1000 FROM events')" 1 "clocks on a stay small"

# 3. A clock under 2^40 that no event justifies (a jump): refused by the import rule.
tamper "$(uuid_of b)" 'lines[-1]["clock"] = 5000; lines[-1]["prev_hash"] = lines[-2]["hash"]; rehash(lines[-1])'
a sync
expect_rc 1
expect_err_has "events/$(uuid_of b)/000001.ndjson line 2: event 00000000-0000-4000-8000-00000000000f: its clock 5000 is beyond what the history justifies"
tamper "$(uuid_of b)" 'lines = lines[:-1]'

# 4. An event with a's origin put into c's file: refused, and never copied into a's own file.
tamper "$(uuid_of c)" '
mine = [json.loads(l) for l in open("evil/events/'"$(uuid_of a)"'/000001.ndjson") if l.strip()]
e = dict(mine[-1]); e["uuid"] = "00000000-0000-4000-8000-0000000000aa"
e["prev_hash"] = mine[-1]["hash"]; e["clock"] = mine[-1]["clock"] + 1; rehash(e); lines.append(e)'
a sync
expect_rc 1
expect_err_has "events/$(uuid_of c)/000001.ndjson line 4: written by another replica ($(uuid_of a))"
grep -q 0000000000aa "a.db.sync/events/$(uuid_of a)/000001.ndjson" && fail "the forged event entered a's file"
expect_eq "$(sqlite3 a.db "SELECT count(*) FROM events WHERE uuid LIKE '%0000000000aa'")" 0 "forged event on a"
tamper "$(uuid_of c)" 'lines = lines[:-1]'

# 5. The last line of b's file rewritten (another due date) and its hash recomputed: every
# replica that holds the original refuses it.
tamper "$(uuid_of b)" 'lines[-1]["payload"]["title"] = "forged"; rehash(lines[-1])'
a sync
expect_rc 1
expect_err_has "events/$(uuid_of b)/000001.ndjson line 1: event "
expect_err_has "this ledger holds a different event with that uuid (rewritten after it was shared)"
expect_eq "$(a list --format json; printf '%s' "$OUT" | jq '[.[] | select(.title == "forged")] | length')" 0 "forged title on a"

finish
