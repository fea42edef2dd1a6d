#!/usr/bin/env bash
# kept statement: one client's document — what was promised, what changed (who asked, why),
# what was delivered and whether on time, what is open with its forecast, and the on-time
# record over the period; Markdown for mail and JSON.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[team]
name = "platform"
[members.alice]
hours_per_week = 40
[members.bob]
hours_per_week = 40
TOML

export KEPT_TODAY=2026-11-16
ok add "Export API" --client acme --owner alice --due 2026-11-20 --effort 4h
ok add "SSO" --client acme --owner alice --due 2026-11-27 --effort 8h
ok add "Audit | log" --client acme --owner bob --due 2026-11-25 --effort 2h
ok add "Other" --client globex --owner alice --due 2026-11-27 --effort 2h
ok add "Dashboard" --client ops --internal --owner bob --due 2026-11-27 --effort 2h
KEPT_TODAY=2026-11-18 ok renegotiate 2 --due 2026-12-04 --effort +8h --add-scope SAML \
    --requested-by client --reason "client asked for SAML"
KEPT_TODAY=2026-11-20 ok close 1 --delivered
KEPT_TODAY=2026-11-23 ok add "Docs" --client acme --owner alice --due 2026-11-30 --effort 1h
KEPT_TODAY=2026-11-24 ok close 6 --dropped --reason "folded into SSO"
KEPT_TODAY=2026-11-26 ok close 3 --delivered
export KEPT_TODAY=2026-12-01

# alice works "Other" (2h, overdue) first, then SSO's 16h: Tue, Wed and 2h of Thursday.
# The chance on time comes from the Monte Carlo (docs/calibration.md): read it from the JSON.
ok statement --client acme --format json
chance=$(jq -r '.commitments[0].forecast.on_time_percent | round' <<<"$OUT")
ok statement --client acme
expect_out "# Promises to acme

From the platform team, up to Tue 2026-12-01.

**On time:** 1 of 2 delivered by the agreed date (50%), 1 by the date first promised (50%); 1 dropped.

## Open

| # | Promise | Owner | Due | First promised | Effort | Forecast | Chance on time |
|---|---|---|---|---|---|---|---|
| 2 | SSO | alice | Fri 2026-12-04 | Fri 2026-11-27 | 16.0h (first 8.0h) | Thu 2026-12-03: at risk | $chance% |

## Delivered

| # | Promise | Delivered | Due | Against the due date | First promised | Against the first date |
|---|---|---|---|---|---|---|
| 1 | Export API | Fri 2026-11-20 | Fri 2026-11-20 | on time | Fri 2026-11-20 | on time |
| 3 | Audit \\| log | Thu 2026-11-26 | Wed 2026-11-25 | 1 day late | Wed 2026-11-25 | 1 day late |

## Dropped

| # | Promise | Dropped on | Due |
|---|---|---|---|
| 6 | Docs | Tue 2026-11-24 | Mon 2026-11-30 |

## Changes

- **#2 SSO**, Wed 2026-11-18, asked by you: due Fri 2026-11-27 → Fri 2026-12-04; effort 8.0h → 16.0h; scope + \"SAML\". \"client asked for SAML\""

ok statement --client acme --format json
expect_eq "$(jq -c 'keys_unsorted' <<<"$OUT")" '["team","client","client_kind","currency","since","until","record","commitments"]' "statement keys"
expect_eq "$(jq -c '.record' <<<"$OUT")" \
    '{"delivered":2,"dropped":1,"on_time":1,"on_time_first":1,"on_time_percent":50,"on_time_first_percent":50}' "record"
expect_eq "$(jq -c '[.commitments[] | [.id, .state, .due, .first_due, .on_time, .on_time_first]]' <<<"$OUT")" \
    '[[2,"open","2026-12-04","2026-11-27",null,null],[1,"delivered","2026-11-20","2026-11-20",true,true],[3,"delivered","2026-11-25","2026-11-25",false,false],[6,"dropped","2026-11-30","2026-11-30",null,null]]' "commitments"
expect_eq "$(jq -c '.commitments[0].changes' <<<"$OUT")" \
    '[{"day":"2026-11-18","requested_by":"client","reason":"client asked for SAML","late":false,"due":{"before":"2026-11-27","after":"2026-12-04"},"effort_hours":{"before":8,"after":16},"scope_added":["SAML"],"scope_dropped":[],"fee":null}]' "changes"
expect_eq "$(jq -c '.commitments[0].forecast | [.finish, .status]' <<<"$OUT")" '["2026-12-03","at risk"]' "forecast"

# The period: from Tuesday 2026-11-24, #1 (made and delivered before) and the change of the
# 18th are out; the drop of the 24th and the delivery of the 26th are in.
ok statement --client acme --since 2026-11-24 --format json
expect_eq "$(jq -c '[.since, [.commitments[] | .id], [.commitments[] | .changes | length]]' <<<"$OUT")" \
    '["2026-11-24",[2,3,6],[0,0,0]]' "the period from the 24th"
ok statement --client acme --since "last tue"
expect_out_has "From the platform team, Tue 2026-11-24 to Tue 2026-12-01."
expect_out_has "**On time:** 0 of 1 delivered by the agreed date (0%), 0 by the date first promised (0%); 1 dropped."
expect_out_has "No promise changed in the period."

# Internal clients get the same statement.
ok statement --client ops
expect_out_has "# Promises to ops (internal)"
expect_out_has "**On time:** nothing delivered in the period yet."

# Bad input: nothing printed on stdout.
kept statement --client acm
expect_rc 65
expect_err 'kept: --client: no commitment has client "acm" (did you mean "acme"?)'
expect_out ""
kept statement --client acme --format csv
expect_rc 65
expect_err 'kept: --format: "csv" is not one of md, html, json for kept statement'
kept statement
expect_rc 64
kept statement --client acme --since +2d
expect_rc 65
expect_err 'kept: --since: "+2d" (Thu 2026-12-03) is after today'


finish
