#!/usr/bin/env bash
# kept check and kept report --fail-on: exit codes and output for cron.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# A ledger with nothing wrong in it: silent, exit 0.
team_ledger=$LEDGER
LEDGER="$TEST_DIR/quiet.db"
ok add "Quiet" --client acme --owner alice --due 2026-12-18 --effort 2h
kept check
expect_rc 0
expect_out ""
expect_err ""
kept check any
expect_rc 0
expect_out ""

LEDGER=$team_ledger
. "$HERE/report_history.sh"

# Default kinds: overdue, late, overload, heads-up. Only those flags, in the usual order, exit 1:
# alice's #5 and bob's #7 will miss and nobody told acme.
kept check
expect_rc 1
expect_err ""
kinds=$(printf '%s\n' "$OUT" | awk 'NR > 1 {print $1}' | tr '\n' ' ')
expect_eq "$kinds" "overdue overload heads-up heads-up late " "default kinds"
expect_eq "$(printf '%s\n' "$OUT" | head -1 | awk '{print $1}')" "FLAG" "header"

kept check creep --format json
expect_rc 1
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.kind, .commitments]]')" '[["creep",[3]]]' "creep only"

# Two risk flags: alice's #5 (36h due Friday for 32h, done Mon 30th) and bob's #7 (30h due Wed 25th
# for 24h, done Thu 26th), both 1 working day late: alice first.
kept check risk chronic --format csv
expect_rc 1
expect_eq "$(printf '%s' "$OUT" | tr -d '\r' | cut -d, -f1-5 | tr '\n' ' ')" "kind,severity,owner,week,commitments risk,high,alice,,[5] risk,high,bob,,[7] chronic,low,carol,,[4] " "two kinds as arguments"

kept check internal-neglect
expect_rc 0
expect_out ""

kept check --owner carol
expect_rc 0
expect_out ""

kept check overlaod
expect_rc 65
expect_err 'kept: KINDS: "overlaod" is not a flag kind (one of overload, creep, late, chronic, overdue, risk, heads-up, internal-neglect, conflict, sync, any)'

# report --fail-on: the whole report, then exit 1 when a named flag fired.
kept report --fail-on overdue,late
expect_rc 1
expect_out_has "LOAD (percent of each ISO week's capacity the schedule fills)"
expect_err "kept: --fail-on: 2 flags fired (overdue, late)"
kept report --fail-on internal-neglect
expect_rc 0
expect_err ""
kept report --fail-on any --format json
expect_rc 1
expect_err "kept: --fail-on: 9 flags fired (overdue, overload, risk, heads-up, late, creep, chronic)"
kept report --owner alice --fail-on creep,late
expect_rc 0
kept report --fail-on overdue,nope
expect_rc 65
expect_out ""

# As cron would run it: no USER, no terminal.
OUT=$(env -u USER -u LOGNAME "$KEPT" --ledger "$LEDGER" check late </dev/null 2>&1)
RC=$?
expect_rc 1
expect_out_has "late  medium    bob    -     #2"
finish
