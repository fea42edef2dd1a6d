#!/usr/bin/env bash
# kept edit end to end: corrections of title, client, client kind and tags, shown by show, list
# and log, replayed by rebuild, kept by verify --full, ignored by the late, creep and reliability
# rules; bad input refused with its message, its exit code and nothing written.
. "$(dirname "$0")/lib.sh"

cat >kept.toml <<'TOML'
[clients.billing-team]
kind = "internal"
TOML

ok add "Expot API" --client acem --owner alice --due 2026-12-04 --effort 8h --tag q4 --tag api -q
ok add "Fix login" --client billing --owner bob --due 2026-11-27 --effort 4h -q

ok edit 1 --title "Export API" --client acme --tag urgent --untag q4 --reason "typos"
expect_out 'edited #1: title "Expot API" -> "Export API"; client acem -> acme; tags +urgent -q4'

kept show 1 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.title, .client, .client_kind, .tags, .due, .original_due, .effort_hours, .renegotiations]')" \
    '["Export API","acme","external",["api","urgent"],"2026-12-04","2026-12-04",8,0]' "show after edit"
ok show 1
expect_out_has "title           Export API"
expect_out_has "client          acme (external)"
expect_out_has "tags            api; urgent"

# The commitment is found under its corrected client and tags, no longer under the old ones.
ok list --client acme --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[1]' "list by the corrected client"
ok list --client acem --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[]' "list by the old client"
ok list --tag urgent --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[1]' "list by the added tag"
ok list --tag q4 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[]' "list by the removed tag"

# A client the config names brings its kind; --external / --internal set it outright.
ok edit 2 --client billing-team --reason "the billing team is ours"
expect_out "edited #2: client billing -> billing-team; client kind external -> internal"
ok edit 2 --external --format json --reason "they bill us"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.id, .client, .client_kind]')" '[2,"billing-team","external"]' \
    "edit --format json prints the commitment"
ok edit 2 --internal --reason "ours after all"
expect_out "edited #2: client kind external -> internal"

ok log 1
expect_out "SEQ  DAY             ACTOR   KIND    ID  CHANGE                                                                    REASON
  1  Mon 2026-11-23  tester  added   #1  \"Expot API\" for acem, owner alice, due 2026-12-04, 8.0h
  3  Mon 2026-11-23  tester  edited  #1  title \"Expot API\" -> \"Export API\"; client acem -> acme; tags +urgent -q4  typos"
kept log --format ndjson
expect_eq "$(printf '%s\n' "$OUT" | sed -n 3p | jq -c '[.kind, .reason, .payload.title, .payload.client, .payload.tags, .payload.client_kind]')" \
    '["edited","typos",{"after":"Export API","before":"Expot API"},{"after":"acme","before":"acem"},{"added":["urgent"],"dropped":["q4"]},null]' \
    "edited payload"
first=$(printf '%s\n' "$OUT" | sed -n 1p | jq -r .uuid)
expect_eq "$(printf '%s\n' "$OUT" | sed -n 3p | jq -r .payload.base)" "$first" "an edit names its base"

# Bad input: the message, the exit code, nothing written.
rejects 64 "edit: give at least one of --title, --client, --internal, --external, --tag or --untag" \
    edit 1 --reason "nothing"
rejects 64 "edit: give --internal or --external, not both" edit 1 --internal --external --reason x
rejects 65 'nothing to edit: #1'"'"'s title is already "Export API"' edit 1 --title "Export API" --reason x
rejects 65 'nothing to edit: #1'"'"'s client is already "acme", client kind is already external' \
    edit 1 --client acme --external --reason x
rejects 65 '--title: "" is empty' edit 1 --title "" --reason x
rejects 65 '--client: "  " is empty' edit 1 --client "  " --reason x
rejects 65 '--tag: #1 is already tagged "api"' edit 1 --tag api --reason x
rejects 65 '--untag: #1 is not tagged "q4"' edit 1 --untag q4 --reason x
rejects 65 '--untag: "new" is also given to --tag' edit 1 --tag new --untag new --reason x
rejects 65 '--tag: "new" is given twice' edit 1 --tag new --tag new --reason x
rejects 65 '--reason: " " is empty' edit 1 --title "Export API v2" --reason " "
rejects 66 "no commitment #9 in $LEDGER" edit 9 --title "Export API v2" --reason x
before=$(event_count)
kept edit 1 --title "Export API v2"
expect_rc 64
expect_err_has "--reason"
kept edit 1 --due 2026-12-11 --reason "not an edit"
expect_rc 64
expect_err_has '"--due"'
expect_eq "$(event_count)" "$before" "event count after refused edits"

# A closed commitment may be corrected; its reliability then counts under the corrected kind.
export KEPT_TODAY=2026-11-26 KEPT_NOW=2026-11-26T10:00:00Z
ok close 2 --delivered
reliability() {
    kept report --format json
    printf '%s' "$OUT" | jq -c '[.reliability.internal.delivered, .reliability.external.delivered]'
}
expect_eq "$(reliability)" '[1,0]' "delivered to an internal client"
ok edit 2 --external --tag audit --reason "filed under the wrong kind"
expect_out "edited #2: client kind internal -> external; tags +audit"
expect_eq "$(reliability)" '[0,1]' "the correction moves the delivery to external"
ok verify --full

# An edit after the due date is no late renegotiation, an edit of a commitment is no creep.
export KEPT_TODAY=2026-12-07 KEPT_NOW=2026-12-07T10:00:00Z
ok edit 1 --title "Export API (CSV)" --reason "clearer"
kept report --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | select(.commitments | any(. == 1)) | .kind]')" \
    '["overdue"]' "only overdue flags #1"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.reliability.team.proactive_renegotiations, .reliability.team.late_renegotiations]')" \
    '[0,0]' "edits are no renegotiations"
kept show 1 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.renegotiations, .late_renegotiations, .due]')" \
    '[0,0,"2026-12-04"]' "counters after a late edit"

# rebuild replays the edits into the same state; verify stays green.
kept list --state all --format json
state=$OUT
ok rebuild
kept list --state all --format json
expect_eq "$OUT" "$state" "state after rebuild"
ok verify --full

# An exported history with edits imports into a new ledger with the same state.
"$KEPT" --ledger "$LEDGER" export --events >events.ndjson || fail "export --events"
LEDGER="$TEST_DIR/copy.db" kept import events.ndjson
expect_rc 0
LEDGER="$TEST_DIR/copy.db" kept list --state all --format json
expect_eq "$OUT" "$state" "state after import"
LEDGER="$TEST_DIR/copy.db" ok verify --full

finish
