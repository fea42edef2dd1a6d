#!/usr/bin/env bash
# kept report on a scripted history: each flag fires exactly where expected and nowhere else.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/report_history.sh"

kept report --format json
expect_rc 0
expect_err ""
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" 2026-11-23 "as_of"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | [.kind, .owner, .week, .commitments]]')" \
    '[["overdue","dave",null,[6]],["overload","alice","2026-W48",[1,5]],["risk","bob",null,[7]],["late","bob",null,[2]],["creep","carol",null,[3]],["chronic","carol",null,[4]]]' \
    "flags, worst first"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[0] | [.severity, .due, .days_overdue, .effort_hours]')" \
    '["high","2026-11-20",3,3]' "overdue figures"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[1] | [.load_hours, .capacity_hours, .utilization, .detail]')" \
    '[36,32,112.5,"36.0h of 32.0h (112%)"]' "overload figures"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[2] | [.due, .days_left, .load_hours, .capacity_hours, .utilization]')" \
    '["2026-11-25",2,33.6,24,140]' "risk figures"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[3] | [.severity, .renegotiated_on, .due_in_force, .days_late, .due]')" \
    '["medium","2026-11-18","2026-11-13",5,"2026-11-27"]' "late figures"
expect_eq "$(printf '%s' "$OUT" | jq -r '.flags[4].detail')" \
    "effort 8.0h → 13.0h (+62%), scope +2 items, due unchanged" "creep detail"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[4] | [.original_effort_hours, .effort_hours, .effort_growth, .scope_added, .schedule_growth]')" \
    '[8,13,62.5,2,0]' "creep figures"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[5] | [.severity, .renegotiations, .late_renegotiations]')" \
    '["low",3,0]' "chronic figures"

# The load table: every owner with open work, 8 weeks from the current one.
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[] | .owner] | unique')" '["alice","bob","carol","dave"]' "owners"
expect_eq "$(printf '%s' "$OUT" | jq '.load | length')" 32 "8 weeks per owner"
expect_eq "$(printf '%s' "$OUT" | jq -c '.load[0]')" \
    '{"owner":"alice","week":"2026-W48","load_hours":36,"capacity_hours":32,"utilization":112.5}' "alice this week"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[] | select(.owner == "alice") | .week]')" \
    '["2026-W48","2026-W49","2026-W50","2026-W51","2026-W52","2026-W53","2027-W01","2027-W02"]' "week 53"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.team | [.delivered, .proactive_renegotiations, .late_renegotiations]')" \
    '[0,4,1]' "renegotiation counts"

# The human table: flags first, then load, then reliability.
kept report
expect_rc 0
expect_out_has "kept report for platform, as of 2026-11-23; load over 8 weeks from 2026-W48"
expect_out_has "overload  high      alice  2026-W48  #1 #5        36.0h of 32.0h (112%)"
expect_out_has "creep     medium    carol  -         #3           effort 8.0h → 13.0h (+62%), scope +2 items, due unchanged"
expect_out_has "alice      112%        0%"
sections=$(printf '%s\n' "$OUT" | grep -E '^(FLAGS|LOAD|RELIABILITY)' | cut -d' ' -f1 | tr '\n' ' ')
expect_eq "$sections" "FLAGS LOAD RELIABILITY " "section order"
case "$OUT" in *$'\x1b'*) fail "color in a pipe" ;; esac
kept --color always report
expect_out_has $'alice      \x1b[31m112%\x1b[0m'

# --owner narrows everything to one person.
kept report --owner carol --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[].kind]')" '["creep","chronic"]' "owner filter"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[].owner] | unique')" '["carol"]' "owner load"

# --weeks sets the horizon; out-of-range values are refused.
kept report --weeks 2 --format json
expect_eq "$(printf '%s' "$OUT" | jq '.load | length')" 8 "2 weeks"
kept report --weeks 0
expect_rc 65
expect_err 'kept: --weeks: "0" is not a number of weeks from 1 to 520'

# A week later: everything due on the 27th is overdue; the late renegotiation (made on the 18th)
# has left the 7-day window.
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | [.kind, .commitments]]')" \
    '[["overdue",[6]],["overdue",[7]],["overdue",[1]],["overdue",[5]],["overdue",[2]],["overload",[1,5]],["creep",[3]],["chronic",[4]]]' \
    "a week later"
finish
