#!/usr/bin/env bash
# The heads-up flag: a commitment the schedule finishes late whose client has not been told,
# with the client and the last day to tell them. A renegotiation agreed while the schedule
# already said it would miss is that talk; a miss that starts or grows after it is news again.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[members.alice]
hours_per_week = 40
TOML
# Monday 2026-11-23; alice has 8h a day.

# Promised late from the start: 32h due Wednesday finishes Thursday. acme has not heard.
succeeds add "Site" --client acme --owner alice --due 2026-11-25 --effort 32h
kept check heads-up --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | [.kind, .owner, .client, .commitments, .due, .finish, .slack_days, .talk_by]]' <<<"$OUT")" \
    '[["heads-up","alice","acme",[1],"2026-11-25","2026-11-26",-1,"2026-11-25"]]' "heads-up of a late promise"
expect_eq "$(jq -r '.[0].detail' <<<"$OUT")" \
    "tell acme by 2026-11-25: due 2026-11-25, alice finishes 2026-11-26, 1 working day late" "detail"
# It is among kept check's default kinds.
kept check
expect_rc 1
expect_out_has "heads-up"

# Renegotiated to a date the schedule keeps: nothing to tell.
ok renegotiate 1 --due 2026-11-27 --reason "acme agreed Friday" --requested-by client
ok check heads-up
expect_out ""
ok log 1 --format json
expect_eq "$(jq -r '.[1].payload.projected_finish' <<<"$OUT")" "2026-11-26" "the finish known when agreed"

# New urgent work pushes #1 past Friday: the miss started after the renegotiation, so acme must
# hear again. Internal clients are told the same way.
succeeds add "Hotfix" --client ops --internal --owner alice --due 2026-11-24 --effort 16h
kept check heads-up --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | [.client, .commitments, .finish, .talk_by]]' <<<"$OUT")" \
    '[["acme",[1],"2026-11-30","2026-11-27"]]' "a miss after the renegotiation"

# Renegotiated knowingly late (the schedule still finishes it Monday, after Friday): that was the
# talk. risk still says it will miss; heads-up is quiet.
succeeds renegotiate 1 --add-scope "sitemap" --reason "acme knows it slips to Monday" --requested-by client
ok check heads-up
expect_out ""
kept check risk --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | .commitments]' <<<"$OUT")" '[[1]]' "risk stays"

# It slips further (more work ahead of it): news again.
succeeds add "Patch" --client ops --internal --owner alice --due 2026-11-26 --effort 8h
kept check heads-up --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | [.client, .commitments, .finish]]' <<<"$OUT")" \
    '[["acme",[1],"2026-12-01"]]' "slipped further"

# An internal client that will miss is told too; the nearest last day comes first.
succeeds add "Dashboard" --client billing --internal --owner alice --due 2026-11-24 --effort 8h
kept check heads-up --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | [.client, .talk_by]]' <<<"$OUT")" \
    '[["billing","2026-11-24"],["acme","2026-11-27"]]' "nearest talk first"

# Overdue work is overdue, not a heads-up: on Tuesday 1st, #1 is past its date.
KEPT_TODAY=2026-12-01 kept check heads-up,overdue --format json
expect_rc 1
expect_eq "$(jq -c '[.[] | select(.commitments == [1]) | .kind]' <<<"$OUT")" '["overdue"]' "no heads-up when overdue"

# The report as of an earlier day replays the same rule: on the 23rd, after the first add only.
kept report --as-of 2026-11-22 --format json
expect_rc 0
expect_eq "$(jq -c '[.flags[] | select(.kind == "heads-up")] | length' <<<"$OUT")" 0 "nothing before the first add"
finish
