#!/usr/bin/env bash
# kept report on a scripted history: each flag fires exactly where expected and nowhere else.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/report_history.sh"

kept report --format json
expect_rc 0
expect_err ""
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" 2026-11-23 "as_of"
# alice (6.4h a day) works #1 (16h) then #5 (20h), both due Fri 27th: #5 is done Mon 30th. bob
# (8h a day) works #7 (30h, due Wed 25th, done Thu 26th) then #2 (36h, Fri 27th, on time).
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | [.kind, .owner, .week, .commitments]]')" \
    '[["overdue","dave",null,[6]],["overload","alice","2026-W48",[5]],["risk","alice",null,[5]],["risk","bob",null,[7]],["heads-up","bob",null,[7]],["heads-up","alice",null,[5]],["late","bob",null,[2]],["creep","carol",null,[3]],["chronic","carol",null,[4]]]' \
    "flags, worst first"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[0] | [.severity, .due, .days_overdue, .effort_hours]')" \
    '["high","2026-11-20",3,3]' "overdue figures"
# Overload: 36h due by Sunday the 29th for 32h of capacity from today (112.5%).
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[1] | [.load_hours, .capacity_hours, .utilization, .detail]')" \
    '[36,32,112.5,"36.0h of work due by 2026-11-29 for 32.0h of capacity until then (112%)"]' "overload figures"
# Risk: the work queued up to and including it, and the capacity from today through its date.
# alice: 36h for 32h (Mon-Fri), done Mon 30th; bob: 30h for 24h (Mon-Wed), done Thu 26th.
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[2] | [.due, .days_left, .finish, .slack_days, .load_hours, .capacity_hours, .utilization]')" \
    '["2026-11-27",4,"2026-11-30",-1,36,32,112.5]' "risk figures, alice"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[3] | [.due, .days_left, .finish, .slack_days, .load_hours, .capacity_hours, .utilization]')" \
    '["2026-11-25",2,"2026-11-26",-1,30,24,125]' "risk figures, bob"
expect_eq "$(printf '%s' "$OUT" | jq -r '.flags[3].detail')" \
    "due 2026-11-25 (in 2 days): bob finishes 2026-11-26, 1 working day late; 30.0h of work until then, 24.0h of capacity" "risk detail"
# Heads-up: nobody has told initech or acme; bob's talk is the nearer one.
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[4] | [.severity, .client, .due, .finish, .slack_days, .talk_by]')" \
    '["high","initech","2026-11-25","2026-11-26",-1,"2026-11-25"]' "heads-up figures, bob"
expect_eq "$(printf '%s' "$OUT" | jq -r '.flags[5].detail')" \
    "tell acme by 2026-11-27: due 2026-11-27, alice finishes 2026-11-30, 1 working day late" "heads-up detail"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[6] | [.severity, .renegotiated_on, .due_in_force, .days_late, .due]')" \
    '["medium","2026-11-18","2026-11-13",5,"2026-11-27"]' "late figures"
expect_eq "$(printf '%s' "$OUT" | jq -r '.flags[7].detail')" \
    "effort 8.0h → 13.0h (+62%), scope +2 items, due unchanged" "creep detail"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[7] | [.original_effort_hours, .effort_hours, .effort_growth, .scope_added, .schedule_growth]')" \
    '[8,13,62.5,2,0]' "creep figures"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[8] | [.severity, .renegotiations, .late_renegotiations]')" \
    '["low",3,0]' "chronic figures"

# The load table: every owner with open work, 8 weeks from the current one.
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[] | .owner] | unique')" '["alice","bob","carol","dave"]' "owners"
expect_eq "$(printf '%s' "$OUT" | jq '.load | length')" 32 "8 weeks per owner"
# The hours the schedule places in each week, never above capacity: alice's 36h fill W48's 32h
# and 4h of W49, all 4h of #5 past its due date.
expect_eq "$(printf '%s' "$OUT" | jq -c '.load[0]')" \
    '{"owner":"alice","week":"2026-W48","load_hours":32,"late_hours":0,"capacity_hours":32,"utilization":100}' "alice this week"
expect_eq "$(printf '%s' "$OUT" | jq -c '.load[1]')" \
    '{"owner":"alice","week":"2026-W49","load_hours":4,"late_hours":4,"capacity_hours":32,"utilization":12.5}' "alice next week"
# bob: 36h in W48's 40h; #7's last 6h come after Wed 25th (24h of capacity by then).
expect_eq "$(printf '%s' "$OUT" | jq -c '.load[] | select(.owner == "bob" and .week == "2026-W48") | [.load_hours, .late_hours, .utilization]')" \
    '[36,6,90]' "bob this week"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[] | select(.owner == "alice") | .week]')" \
    '["2026-W48","2026-W49","2026-W50","2026-W51","2026-W52","2026-W53","2027-W01","2027-W02"]' "week 53"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.team | [.delivered, .proactive_renegotiations, .late_renegotiations]')" \
    '[0,4,1]' "renegotiation counts"

# The human table: flags first, then load, then reliability.
kept report
expect_rc 0
expect_out_has "kept report for platform, as of Mon 2026-11-23; load over 8 weeks from 2026-W48"
expect_out_has "overload  high      alice  2026-W48  #5           36.0h of work due by 2026-11-29 for 32.0h of capacity until then (112%)"
expect_out_has "creep     medium    carol  -         #3           effort 8.0h → 13.0h (+62%), scope +2 items, due unchanged"
expect_out_has "alice           100% !  12% (4h late) !        0%"
sections=$(printf '%s\n' "$OUT" | grep -E '^(FLAGS|LOAD|RELIABILITY)' | cut -d' ' -f1 | tr '\n' ' ')
expect_eq "$sections" "FLAGS LOAD RELIABILITY " "section order"
case "$OUT" in *$'\x1b'*) fail "color in a pipe" ;; esac
kept --color always report
expect_out_has $'alice           \x1b[31m100%\x1b[0m  \x1b[31m12% (4h late)\x1b[0m'

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
# has left the 7-day window. alice's overdue 36h count as due by the end of W49, for 32h of
# capacity from Mon 30th: overload, #1 (done Wed Dec 2) and #5 (Mon Dec 7) both finishing late.
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | [.kind, .commitments]]')" \
    '[["overdue",[6]],["overdue",[7]],["overdue",[1]],["overdue",[5]],["overdue",[2]],["overload",[1,5]],["creep",[3]],["chronic",[4]]]' \
    "a week later"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | select(.kind == "overload") | [.week, .load_hours, .capacity_hours]]')" \
    '[["2026-W49",36,32]]' "a week later, alice's overload"
finish
