#!/usr/bin/env bash
# Three replicas of one team's ledger exchange events through a bare git repository: interleaved
# changes, syncs in different orders, a concurrent edit of one commitment, and a sync whose push
# fails halfway. Every replica ends with the same events and the same state, verify passes
# everywhere and nothing is duplicated.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b c

sync_ok() { "$1" sync "${@:2}"; [ "$RC" = 0 ] || fail "$1 sync exited $RC: $ERR"; }

a add "Export API" --client acme --owner alice --due 2026-12-04 --effort 8h --scope csv -q
a add "Fix login" --client billing --owner bob --due 2026-12-01 --effort 4h -q
sync_ok a --remote "$TEST_DIR/remote.git"
expect_out "synced: 0 new event(s) imported, 2 pushed; this replica signs its events with key $(key_of a)"

b add "Audit log" --client acme --owner carol --due 2026-12-10 --effort 6h -q
sync_ok b --remote "$TEST_DIR/remote.git"
expect_out "synced: 2 new event(s) imported, 1 pushed; this replica signs its events with key $(key_of b)"
b list --format json
export_b=$(printf '%s' "$OUT" | jq -c '[.[] | .title] | sort')
expect_eq "$export_b" '["Audit log","Export API","Fix login"]' "b sees a's commitments"

c sync --remote "$TEST_DIR/remote.git"
expect_out "synced: 3 new event(s) imported, 0 pushed"

# A concurrent edit: a and b renegotiate the same commitment before seeing each other's change.
uuid=$(sqlite3 a.db "SELECT uuid FROM commitments WHERE title = 'Export API'")
id_b=$(sqlite3 b.db "SELECT id FROM commitments WHERE uuid = '$uuid'")
export KEPT_TODAY=2026-11-25 KEPT_NOW=2026-11-25T09:00:00Z
a renegotiate 1 --due 2026-12-08 --reason "a: client asked for a week"
b renegotiate "$id_b" --effort 12h --add-scope json --reason "b: json too"

# c closes something; then everyone syncs in a different order.
id_c=$(sqlite3 c.db "SELECT id FROM commitments WHERE title = 'Fix login'")
c close "$id_c" --delivered

# A sync interrupted after fetch and import, before push: the remote rejects the push.
printf '#!/bin/sh\necho "remote is read-only today" >&2\nexit 1\n' > remote.git/hooks/pre-receive
chmod +x remote.git/hooks/pre-receive
c sync
expect_rc 74
expect_err_has "kept: sync: git push failed:"
expect_err_has "the next sync pushes them"
rm remote.git/hooks/pre-receive

sync_ok b
sync_ok a
sync_ok c
sync_ok b
sync_ok a

# Same events, same state, intact chains, no duplicates.
for r in a b c; do
    sqlite3 "$r.db" "SELECT uuid FROM events ORDER BY uuid" > "$r.events"
    LEDGER="$TEST_DIR/$r.db" kept list --state all --format json
    printf '%s' "$OUT" | jq -S 'map(del(.id)) | sort_by(.uuid)' > "$r.state"
    LEDGER="$TEST_DIR/$r.db" kept verify
    expect_rc 0
    expect_out_has "replica file(s) intact"
    expect_eq "$(sort "$r.events" | uniq -d | wc -l)" 0 "duplicate events on $r"
    # Imports applied out of order still equal a replay from the events alone.
    LEDGER="$TEST_DIR/$r.db" kept rebuild
    LEDGER="$TEST_DIR/$r.db" kept list --state all --format json
    printf '%s' "$OUT" | jq -S 'map(del(.id)) | sort_by(.uuid)' | cmp -s - "$r.state" ||
        fail "rebuild changed the state of $r"
done
expect_eq "$(wc -l < a.events)" 6 "event count"
cmp -s a.events b.events || fail "a and b hold different events"
cmp -s a.events c.events || fail "a and c hold different events"
cmp -s a.state b.state || fail "a and b derive different state: $(diff a.state b.state)"
cmp -s a.state c.state || fail "a and c derive different state: $(diff a.state c.state)"

# Both concurrent edits survive in the history, and the state has both.
expect_eq "$(jq -c --arg u "$uuid" '.[] | select(.uuid == $u) | [.due, .effort_hours, .scope, .renegotiations]' a.state)" \
    '["2026-12-08",12,["csv","json"],2]' "merged concurrent edits"
bases=$(sqlite3 a.db "SELECT json_extract(payload, '\$.base') FROM events WHERE kind = 'renegotiated'" | sort -u | wc -l)
expect_eq "$bases" 1 "both renegotiations were based on the same event (a conflict)"

# The report flags the concurrent edit on every replica, and nothing else as a conflict.
for r in a b c; do
    LEDGER="$TEST_DIR/$r.db" kept report --format json
    expect_eq "$(printf '%s' "$OUT" | jq -c --arg u "$uuid" '[.flags[] | select(.kind == "conflict") | .severity]')" \
        '["medium"]' "conflict flag on $r"
done
LEDGER="$TEST_DIR/c.db" kept check conflict
expect_rc 1
expect_out_has "changed concurrently on 2 replicas by tester, tester"
# Before the concurrent edits, there was nothing to flag.
LEDGER="$TEST_DIR/a.db" kept report --as-of 2026-11-24 --format json
expect_eq "$(printf '%s' "$OUT" | jq '[.flags[] | select(.kind == "conflict")] | length')" 0 "no conflict as of before"

# Each replica file is one chain written by one replica.
files=$(ls a.db.sync/events | wc -l)
expect_eq "$files" 3 "replica files"

# A tampered replica file is caught by verify.
f=$(ls b.db.sync/events/*/000001.ndjson | head -1)
sed -i '1s/"actor":"tester"/"actor":"mallory"/' "$f"
LEDGER="$TEST_DIR/b.db" kept verify
expect_rc 1
expect_err_has "line 1: hash chain broken"

# sync without git on PATH says so.
ERR=$(PATH=/nonexistent "$KEPT" --ledger a.db sync 2>&1)
RC=$?
expect_rc 66
expect_err "kept: git is not installed (kept sync needs it: apt-get install git)"

# A remote given once is remembered in kept.toml.
mkdir -p team && printf '[team]\nname = "team"\nledger = "d.db"\n' > team/kept.toml
cd team
kept_raw sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_out "synced: 6 new event(s) imported, 0 pushed (remote saved in $TEST_DIR/team/kept.toml)"
kept_raw config --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[] | select(.key == "sync.remote") | .value')" "$TEST_DIR/remote.git" "remembered remote"
kept_raw sync
expect_rc 0
expect_out "synced: 0 new event(s) imported, 0 pushed"
cd ..

# No remote configured.
LEDGER="$TEST_DIR/fresh.db" kept sync
expect_rc 64
expect_err "kept: sync: no remote: give --remote URL or set [sync] remote in kept.toml"

finish
