#!/usr/bin/env bash
# kept digest: the team meeting's view of a period — what was promised, moved (working days
# earlier or later, the reason and who asked), delivered and dropped; which clients each owner
# must talk to, by when, with triage's proposal; and the load ahead. Table, Markdown, JSON.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[team]
name = "platform"
[members.alice]
hours_per_week = 40
[members.bob]
hours_per_week = 40
[clients.ops]
kind = "internal"
TOML

# No ledger: as every read command, exit 66. An empty ledger says so and exits 0.
kept digest
expect_rc 66
ok rebuild
ok digest
expect_out "kept digest for platform, Mon 2026-11-16 to Mon 2026-11-23
The ledger holds no commitments yet: nothing to digest."
ok digest --format md
expect_out "# Digest of the platform team, Mon 2026-11-16 to Mon 2026-11-23

The ledger holds no commitments yet: nothing to digest."
ok digest --format json
expect_eq "$(jq -c '[.promised, .moved, .delivered, .dropped, .talk, (.load | length)]' <<<"$OUT")" \
    '[[],[],[],[],[],8]' "an empty ledger's digest"

# The week before: promises, and a delivery before the period.
export KEPT_TODAY=2026-11-16
ok add "Export API" --client acme --owner alice --due 2026-11-24 --effort 8h
ok add "SSO" --client globex --owner alice --due 2026-11-27 --effort 16h
ok add "Audit log" --client ops --owner bob --due 2026-11-20 --effort 4h
ok add "Legacy export" --client acme --owner bob --due 2026-12-04 --effort 4h
KEPT_TODAY=2026-11-20 ok close 3 --delivered
# The week of Monday 2026-11-23.
export KEPT_TODAY=2026-11-23
ok add "Billing fix" --client acme --owner bob --due 2026-11-26 --effort 4h
ok add "Old cleanup" --client initech --owner bob --due 2026-11-24 --effort 2h
ok renegotiate 2 --due 2026-12-02 --effort=+8h --add-scope SAML --requested-by client \
    --reason "globex asked for SAML"
export KEPT_TODAY=2026-11-24
ok close 1 --delivered
ok edit 5 --title "Billing fixes" --reason "typo"
ok renegotiate 5 --due 2026-11-25 --requested-by client --reason "needed for the release"
ok close 4 --dropped --reason "acme moved to the new API"
export KEPT_TODAY=2026-11-25
succeeds add "Reports" --client globex --owner alice --due 2026-11-26 --effort 12h
succeeds add "Dashboard" --client ops --owner alice --due 2026-11-27 --effort 16h

# Wednesday: since Monday. alice has Wed to Fri (24h) for Reports (12h, Thursday) and
# Dashboard (16h, Friday): Dashboard finishes Monday, and pushes SSO (24h, Wed 2026-12-02)
# past its date. Triage moves Dashboard alone; SSO then holds. bob's Old cleanup is overdue.
ok digest
expect_out "$(cat <<'TABLE'
kept digest for platform, Mon 2026-11-23 to Wed 2026-11-25
4 promised, 2 moved, 1 delivered (1 on time), 1 dropped; talk to 3 clients about 3 commitments.

PROMISED (4)
ID  ON              OWNER  CLIENT              DUE               EFFORT  STATE  TITLE
#5  Mon 2026-11-23  bob    acme (external)     Wed 2026-11-25 *    4.0h  open   Billing fixes
#6  Mon 2026-11-23  bob    initech (external)  Tue 2026-11-24      2.0h  open   Old cleanup
#7  Wed 2026-11-25  alice  globex (external)   Thu 2026-11-26     12.0h  open   Reports
#8  Wed 2026-11-25  alice  ops (internal)      Fri 2026-11-27     16.0h  open   Dashboard

MOVED (2)
ID  ON              OWNER  CLIENT             DUE                      MOVED                  ASKED BY  ALSO                                  TITLE          REASON
#2  Mon 2026-11-23  alice  globex (external)  2026-11-27 → 2026-12-02  3 working days later   client    effort 16.0h → 24.0h; scope + "SAML"  SSO            globex asked for SAML
#5  Tue 2026-11-24  bob    acme (external)    2026-11-26 → 2026-11-25  1 working day earlier  client    -                                     Billing fixes  needed for the release

DELIVERED (1)
ID  ON              OWNER  CLIENT           DUE             AGAINST DUE  FIRST DUE       AGAINST FIRST  TITLE
#1  Tue 2026-11-24  alice  acme (external)  Tue 2026-11-24  on time      Tue 2026-11-24  on time        Export API

DROPPED (1)
ID  ON              OWNER  CLIENT           DUE             TITLE          REASON
#4  Tue 2026-11-24  bob    acme (external)  Fri 2026-12-04  Legacy export  acme moved to the new API

TALK TO CLIENTS (before the TALK BY day; PROPOSED: triage's date)
OWNER  CLIENT              TALK BY         ID  DUE             FINISH          STATUS     PROPOSED                    TITLE
alice  ops (internal)      Fri 2026-11-27  #8  Fri 2026-11-27  Mon 2026-11-30  will miss  Thu 2026-12-03              Dashboard
alice  globex (external)   Wed 2026-12-02  #2  Wed 2026-12-02  Thu 2026-12-03  will miss  - (holds once others move)  SSO
bob    initech (external)  now: overdue    #6  Tue 2026-11-24  Wed 2026-11-25  will miss  Wed 2026-11-25              Old cleanup

Once a client agrees:
  kept renegotiate 8 --due 2026-12-03 --requested-by team --reason 'agreed with ops: the workload cannot carry 2026-11-27'
  kept renegotiate 6 --due 2026-11-25 --requested-by team --reason 'agreed with initech: the workload cannot carry 2026-11-24'

LOAD AHEAD (scheduled hours of each ISO week's capacity, next 4 weeks)
OWNER                   2026-W48                    2026-W49       2026-W50       2026-W51
alice           24.0h of 24.0h !  28.0h of 40.0h (8h late) !  0.0h of 40.0h  0.0h of 40.0h
bob    6.0h of 24.0h (2h late) !               0.0h of 40.0h  0.0h of 40.0h  0.0h of 40.0h
TABLE
)"
ok digest --format md
expect_out "$(cat <<'MD'
# Digest of the platform team, Mon 2026-11-23 to Wed 2026-11-25

4 promised, 2 moved, 1 delivered (1 on time), 1 dropped; talk to 3 clients about 3 commitments.

## Promised

| # | Promise | Client | Owner | Promised on | Due | Effort | State |
|---|---|---|---|---|---|---|---|
| 5 | Billing fixes | acme (external) | bob | Mon 2026-11-23 | Wed 2026-11-25 (first Thu 2026-11-26) | 4.0h | open |
| 6 | Old cleanup | initech (external) | bob | Mon 2026-11-23 | Tue 2026-11-24 | 2.0h | open |
| 7 | Reports | globex (external) | alice | Wed 2026-11-25 | Thu 2026-11-26 | 12.0h | open |
| 8 | Dashboard | ops (internal) | alice | Wed 2026-11-25 | Fri 2026-11-27 | 16.0h | open |

## Moved

| # | Promise | Client | On | Due | Moved | Also | Asked by | Reason |
|---|---|---|---|---|---|---|---|---|
| 2 | SSO | globex (external) | Mon 2026-11-23 | Fri 2026-11-27 → Wed 2026-12-02 | 3 working days later | effort 16.0h → 24.0h; scope + "SAML" | client | globex asked for SAML |
| 5 | Billing fixes | acme (external) | Tue 2026-11-24 | Thu 2026-11-26 → Wed 2026-11-25 | 1 working day earlier | - | client | needed for the release |

## Delivered

| # | Promise | Client | Owner | Delivered | Due | Against the due date | First promised | Against the first date |
|---|---|---|---|---|---|---|---|---|
| 1 | Export API | acme (external) | alice | Tue 2026-11-24 | Tue 2026-11-24 | on time | Tue 2026-11-24 | on time |

## Dropped

| # | Promise | Client | Owner | Dropped on | Due | Reason |
|---|---|---|---|---|---|---|
| 4 | Legacy export | acme (external) | bob | Tue 2026-11-24 | Fri 2026-12-04 | acme moved to the new API |

## Talk to clients

### alice → ops (internal), by Fri 2026-11-27

| # | Promise | Due | Finish | Status | Talk by | Proposed |
|---|---|---|---|---|---|---|
| 8 | Dashboard | Fri 2026-11-27 | Mon 2026-11-30 | will miss | Fri 2026-11-27 | Thu 2026-12-03 |

Once the client agrees:

```
kept renegotiate 8 --due 2026-12-03 --requested-by team --reason 'agreed with ops: the workload cannot carry 2026-11-27'
```

### alice → globex (external), by Wed 2026-12-02

| # | Promise | Due | Finish | Status | Talk by | Proposed |
|---|---|---|---|---|---|---|
| 2 | SSO | Wed 2026-12-02 | Thu 2026-12-03 | will miss | Wed 2026-12-02 | - (holds once the others move) |

### bob → initech (external), now: overdue

| # | Promise | Due | Finish | Status | Talk by | Proposed |
|---|---|---|---|---|---|---|
| 6 | Old cleanup | Tue 2026-11-24 | Wed 2026-11-25 | will miss | now: overdue | Wed 2026-11-25 |

Once the client agrees:

```
kept renegotiate 6 --due 2026-11-25 --requested-by team --reason 'agreed with initech: the workload cannot carry 2026-11-24'
```

## Load ahead

Scheduled hours of each ISO week's capacity, 2026-W48 to 2026-W51.

| Owner | 2026-W48 | 2026-W49 | 2026-W50 | 2026-W51 |
|---|---|---|---|---|
| alice | 24.0h of 24.0h **over** | 28.0h of 40.0h (8h late) | 0.0h of 40.0h | 0.0h of 40.0h |
| bob | 6.0h of 24.0h (2h late) | 0.0h of 40.0h | 0.0h of 40.0h | 0.0h of 40.0h |
MD
)"

ok digest --format json
expect_eq "$(jq -c 'keys_unsorted' <<<"$OUT")" \
    '["team","since","until","weeks","promised","moved","delivered","dropped","talk","load"]' "digest keys"
expect_eq "$(jq -c '[.team, .since, .until, .weeks]' <<<"$OUT")" '["platform","2026-11-23","2026-11-25",4]' "period"
expect_eq "$(jq -c '.promised[0] | keys_unsorted' <<<"$OUT")" \
    '["id","uuid","title","client","client_kind","owner","state","day","due","first_due","effort_hours","scope"]' "promised keys"
expect_eq "$(jq -c '[.promised[] | [.id, .day, .due, .first_due, .effort_hours]]' <<<"$OUT")" \
    '[[5,"2026-11-23","2026-11-25","2026-11-26",4],[6,"2026-11-23","2026-11-24","2026-11-24",2],[7,"2026-11-25","2026-11-26","2026-11-26",12],[8,"2026-11-25","2026-11-27","2026-11-27",16]]' "promised"
expect_eq "$(jq -c '.moved[0]' <<<"$OUT" | jq -c 'del(.uuid)')" \
    '{"id":2,"title":"SSO","client":"globex","client_kind":"external","owner":"alice","day":"2026-11-23","actor":"tester","requested_by":"client","reason":"globex asked for SAML","late":false,"due":{"before":"2026-11-27","after":"2026-12-02"},"working_days":3,"effort_hours":{"before":16,"after":24},"scope_added":["SAML"],"scope_dropped":[],"owner_change":null}' "a move later"
expect_eq "$(jq -c '.moved[1] | [.id, .working_days, .effort_hours, .reason]' <<<"$OUT")" \
    '[5,-1,null,"needed for the release"]' "a move earlier"
expect_eq "$(jq -c '.delivered | map(del(.uuid))' <<<"$OUT")" \
    '[{"id":1,"title":"Export API","client":"acme","client_kind":"external","owner":"alice","state":"delivered","day":"2026-11-24","on":"2026-11-24","due":"2026-11-24","first_due":"2026-11-24","on_time":true,"on_time_first":true,"reason":null}]' "delivered"
expect_eq "$(jq -c '.dropped | map([.id, .state, .on, .on_time, .reason])' <<<"$OUT")" \
    '[[4,"dropped","2026-11-24",null,"acme moved to the new API"]]' "dropped"
expect_eq "$(jq -c '[.talk[] | [.owner, .client, .client_kind, .talk_by, [.commitments[] | [.id, .status, .finish, .slack_days, .talk_by, .triaged, .proposed]]]]' <<<"$OUT")" \
    '[["alice","ops","internal","2026-11-27",[[8,"will miss","2026-11-30",-1,"2026-11-27",true,"2026-12-03"]]],["alice","globex","external","2026-12-02",[[2,"will miss","2026-12-03",-1,"2026-12-02",false,null]]],["bob","initech","external",null,[[6,"will miss","2026-11-25",-1,null,true,"2026-11-25"]]]]' "talk"
expect_eq "$(jq -r '.talk[0].commitments[0].command' <<<"$OUT")" \
    "kept renegotiate 8 --due 2026-12-03 --requested-by team --reason 'agreed with ops: the workload cannot carry 2026-11-27'" "talk command"
expect_eq "$(jq -c '.talk[1].commitments[0].command' <<<"$OUT")" "null" "no command for what holds"
expect_eq "$(jq -c '.load[0]' <<<"$OUT")" \
    '{"owner":"alice","week":"2026-W48","load_hours":24,"late_hours":0,"capacity_hours":24,"utilization":100,"overloaded":true}' "load"
expect_eq "$(jq -c '[.load[] | .owner + " " + .week] | join(",")' <<<"$OUT")" \
    '"alice 2026-W48,alice 2026-W49,alice 2026-W50,alice 2026-W51,bob 2026-W48,bob 2026-W49,bob 2026-W50,bob 2026-W51"' "load rows"
# The load rows are the report's.
ok report --weeks 4 --format json
report_load=$(jq -c '[.load[] | [.owner, .week, .load_hours, .late_hours, .capacity_hours, .utilization]]' <<<"$OUT")
ok digest --format json
expect_eq "$(jq -c '[.load[] | [.owner, .week, .load_hours, .late_hours, .capacity_hours, .utilization]]' <<<"$OUT")" \
    "$report_load" "the report's load"
ok digest --weeks 2 --format json
expect_eq "$(jq -c '[.weeks, (.load | length)]' <<<"$OUT")" '[2,4]' "--weeks 2"

# Since last Monday: on a Monday, the Monday before (the whole of last week); otherwise this
# week's Monday. --since mon on a Monday is that day.
KEPT_TODAY=2026-11-23 ok digest --format json
expect_eq "$(jq -c '[.since, .until, [.promised[].id]]' <<<"$OUT")" \
    '["2026-11-16","2026-11-23",[1,2,3,4,5,6]]' "on Monday the 23rd: since the 16th"
KEPT_TODAY=2026-11-30 ok digest --format json
expect_eq "$(jq -c '[.since, [.promised[].id], [.moved[].id], [.delivered[].id], [.dropped[].id]]' <<<"$OUT")" \
    '["2026-11-23",[5,6,7,8],[2,5],[1],[4]]' "on Monday the 30th: since the 23rd"
KEPT_TODAY=2026-11-30 ok digest --since mon --format json
expect_eq "$(jq -c '[.since, .promised, .moved]' <<<"$OUT")" '["2026-11-30",[],[]]' "--since mon on a Monday"

# An empty period says so in each part; what to talk about and the load ahead still show. By
# Saturday nothing more was done, and every date that passed is overdue.
KEPT_TODAY=2026-11-28 ok digest --since today --format md
expect_out_has "0 promised, 0 moved, 0 delivered, 0 dropped; talk to 4 clients about 5 commitments."
expect_out_has "Nothing promised in the period."
expect_out_has "No promise was renegotiated in the period."
expect_out_has "Nothing delivered in the period."
expect_out_has "Nothing dropped in the period."
expect_out_has "### bob → initech (external), now: overdue"
KEPT_TODAY=2026-11-28 ok digest --since today
expect_out_has "nothing promised in the period"
expect_out_has "no promise renegotiated in the period"

# Once the clients agree and the commands run, nobody has anyone to talk to.
succeeds renegotiate 8 --due 2026-12-03 --requested-by team --reason 'agreed with ops: the workload cannot carry 2026-11-27'
succeeds renegotiate 6 --due 2026-11-25 --requested-by team --reason 'agreed with initech: the workload cannot carry 2026-11-24'
ok digest
expect_out_has "4 promised, 4 moved, 1 delivered (1 on time), 1 dropped; no client to talk to."
expect_out_has "no client to talk to: every open commitment holds"
ok digest --format md
expect_out_has "No client to talk to: every open commitment holds."
expect_out_has "| 6 | Old cleanup | initech (external) | Wed 2026-11-25 | Tue 2026-11-24 → Wed 2026-11-25 | 1 working day later | - | team, after the due date | agreed with initech: the workload cannot carry 2026-11-24 |"
ok digest --format json
expect_eq "$(jq -c '[.talk, [.moved[] | [.id, .working_days, .late]]]' <<<"$OUT")" \
    '[[],[[2,3,false],[5,-1,false],[8,4,false],[6,1,true]]]' "after the renegotiations"

# Bad input: exit 65 or 64, nothing on stdout.
rejects 65 '--since: "+2d" (Fri 2026-11-27) is after today' digest --since +2d
rejects 65 '--since: "tomorrow" (Thu 2026-11-26) is after today' digest --since tomorrow
rejects 65 '--since: "soon" is not a valid date' digest --since soon
rejects 65 '--weeks: "0" is not a number of weeks from 1 to 520' digest --weeks 0
rejects 65 '--format: "csv" is not one of table, md, json for kept digest' --format csv digest
kept digest --owner alice
expect_rc 64

finish
