#!/usr/bin/env bash
# kept triage: the fewest commitments to renegotiate so that every other one holds (Moore and
# Hodgson's rule on each owner's capacity), each with a date the schedule keeps, the client to
# talk to and the last day to talk; the commands it prints, once run, leave nothing to triage.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[members.alice]
hours_per_week = 40
[members.bob]
hours_per_week = 40
[members.ghost]
hours_per_week = 0
TOML

# No ledger yet: as every read command, exit 66. A queue that holds: nothing to do, exit 0.
kept triage
expect_rc 66
export KEPT_TODAY=2026-11-16
ok add "Fits" --client acme --owner bob --due 2026-11-27 --effort 4h
ok triage
expect_out "Every open commitment can be kept: nothing to renegotiate."
ok triage --format json
expect_out "[]"

# bob's 2h promised for Wed 2026-11-18, a week ago: overdue on Monday 2026-11-23.
ok add "Old fix" --client globex --owner bob --due 2026-11-18 --effort 2h
export KEPT_TODAY=2026-11-23
# alice (8h a day) has Mon and Tue, 16h, before Tuesday's three promises of 20h in all. Moving
# the 12h one alone keeps both 4h ones; moving a 4h one would not be enough.
succeeds add "Big export" --client acme --owner alice --due 2026-11-24 --effort 12h
succeeds add "Ops dashboard" --client ops --internal --owner alice --due 2026-11-24 --effort 4h
succeeds add "Small fix" --client "O'Brien & Co" --owner alice --due 2026-11-24 --effort 4h
succeeds add "Audit" --client acme --owner ghost --due 2026-11-27 --effort 1h

ok triage
expect_out "3 commitments cannot be kept with the others. Talk to each client by the TALK BY day, before the date passes;
the others all hold if these move to the PROPOSED dates.

ID  OWNER  CLIENT             DUE             TALK BY         PROPOSED           TITLE
#3  alice  acme (external)    Tue 2026-11-24  Tue 2026-11-24  Wed 2026-11-25     Big export
#2  bob    globex (external)  Wed 2026-11-18  now: overdue    Mon 2026-11-23     Old fix
#6  ghost  acme (external)    Fri 2026-11-27  Fri 2026-11-27  none: no capacity  Audit

Once a client agrees:
  kept renegotiate 3 --due 2026-11-25 --requested-by team --reason 'agreed with acme: the workload cannot carry 2026-11-24'
  kept renegotiate 2 --due 2026-11-23 --requested-by team --reason 'agreed with globex: the workload cannot carry 2026-11-18'"

ok triage --format json
expect_eq "$(jq -c '.[0] | keys_unsorted' <<<"$OUT")" \
    '["id","uuid","title","client","client_kind","owner","due","effort_hours","talk_by","proposed","command"]' \
    "triage json keys"
expect_eq "$(jq -c '[.[] | [.id, .owner, .client_kind, .due, .effort_hours, .talk_by, .proposed]]' <<<"$OUT")" \
    '[[3,"alice","external","2026-11-24",12,"2026-11-24","2026-11-25"],[2,"bob","external","2026-11-18",2,null,"2026-11-23"],[6,"ghost","external","2026-11-27",1,"2026-11-27",null]]' \
    "triage json values"
expect_eq "$(jq -r '.[2].command' <<<"$OUT")" "null" "no command without a date"

uuid=$(jq -r '.[1].uuid' <<<"$OUT")
ok triage --owner bob --format tsv
expect_out "$(printf '%s\t' id uuid title client client_kind owner due effort_hours talk_by proposed)command
$(printf '%s\t' 2 "$uuid" "Old fix" globex external bob 2026-11-18 2.0 "" 2026-11-23)kept renegotiate 2 --due 2026-11-23 --requested-by team --reason 'agreed with globex: the workload cannot carry 2026-11-18'"

# The printed commands, once run, leave alice's and bob's queues whole.
ok triage --format json
while IFS= read -r command; do
    eval "$command"
    expect_rc 0
done < <(jq -r '.[] | select(.command != null) | .command' <<<"$OUT")
ok triage --owner alice
expect_out "Every open commitment can be kept: nothing to renegotiate."
ok triage --owner bob
expect_out "Every open commitment can be kept: nothing to renegotiate."
ok forecast --owner alice --format json
expect_eq "$(jq -c '[.[] | select(.status == "will miss")]' <<<"$OUT")" '[]' "alice's misses after triage"
ok log 3
expect_out_has "agreed with acme: the workload cannot carry 2026-11-24"

# Bad input is refused before anything is read.
kept triage --owner
expect_rc 64

finish
