#!/usr/bin/env bash
# Dates that look back: log --since, close --on, report and check --as-of read yesterday, -Nd,
# -Nw (calendar days back), last DAY and a bare weekday as the most recent one (today included);
# due dates keep reading forward. And --effort's compound forms and its "too large".
. "$(dirname "$0")/lib.sh"

on() {
    local day=$1
    shift
    KEPT_TODAY=$day KEPT_NOW=${day}T09:00:00Z ok "$@"
}

# since WHEN: the commitment ids of the events kept log --since WHEN lists.
since() {
    ok log --since "$1" --format json
    printf '%s' "$OUT" | jq -c '[.[].commitment_id]'
}

# Today is Monday 2026-11-23; one commitment added on each of Mon 16th, Fri 20th, Sun 22nd and
# today.
on 2026-11-16 add "Monday's" --client acme --due 2026-11-18 --effort 2h -q
on 2026-11-20 add "Friday's" --client acme --due 2026-12-04 --effort 2h -q
on 2026-11-22 add "Sunday's" --client acme --due 2026-12-04 --effort 2h -q
ok add "Today's" --client acme --due 2026-12-04 --effort 2h -q

expect_eq "$(since mon)" '[4]' "--since mon on a Monday is today"
expect_eq "$(since Monday)" '[4]' "--since Monday"
expect_eq "$(since "last mon")" '[1,2,3,4]' "--since 'last mon' is a week back"
expect_eq "$(since sun)" '[3,4]' "--since sun: yesterday"
expect_eq "$(since fri)" '[2,3,4]' "--since fri: the most recent Friday"
expect_eq "$(since "last fri")" '[2,3,4]' "--since 'last fri'"
expect_eq "$(since tue)" '[2,3,4]' "--since tue: last Tuesday, the 17th"
expect_eq "$(since yesterday)" '[3,4]' "--since yesterday"
expect_eq "$(since today)" '[4]' "--since today"
expect_eq "$(since -0d)" '[4]' "--since -0d"
expect_eq "$(since -1d)" '[3,4]' "--since -1d"
expect_eq "$(since -3d)" '[2,3,4]' "--since -3d: calendar days, Friday the 20th"
expect_eq "$(since -4d)" '[2,3,4]' "--since -4d: Thursday the 19th"
expect_eq "$(since -1w)" '[1,2,3,4]' "--since -1w: Monday the 16th"
expect_eq "$(since -2w)" '[1,2,3,4]' "--since -2w"
expect_eq "$(since 2026-11-22)" '[3,4]' "--since an ISO date"
expect_eq "$(since tomorrow)" '[]' "--since tomorrow: nothing yet"
rejects 65 '--since: "xyz" is not a valid date' log --since xyz
rejects 65 '--since: "-3x" is not a valid date' log --since -3x
rejects 65 '--since: "last" is not a valid date' log --since last
rejects 65 '--since: "-100001d" is not a valid date' log --since -100001d
rejects 65 '--since: "-30000w" is not a valid date' log --since -30000w

# check and report --as-of look back too. Monday's commitment, due the 18th, is overdue today and
# was not yet as of last Monday.
kept check overdue
expect_rc 1
ok check overdue --as-of "last mon"
expect_out ""
kept check overdue --as-of fri
expect_rc 1
ok report --as-of fri --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" "2026-11-20" "report --as-of fri"
ok report --as-of -2w --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" "2026-11-09" "report --as-of -2w"
ok report --as-of yesterday --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" "2026-11-22" "report --as-of yesterday"
rejects 65 '--as-of: "last someday" is not a valid date' report --as-of "last someday"

# close --on: the most recent Friday, yesterday, and still never the future.
ok close 2 --delivered --on fri
expect_out "closed #2 as delivered on 2026-11-20 (on time)"
ok close 3 --delivered --on yesterday
expect_out "closed #3 as delivered on 2026-11-22 (on time)"
ok close 1 --delivered --on "last mon"
expect_out "closed #1 as delivered on 2026-11-16 (on time)"
rejects 65 '--on: "2026-11-26" is in the future' close 4 --delivered --on +3d
rejects 65 '--on: "2026-11-24" is in the future' close 4 --delivered --on tomorrow
rejects 65 '--on: "2026-11-20" is before the commitment was made (2026-11-23)' close 4 --dropped --on -3d
ok close 4 --dropped --on mon
expect_out "closed #4 as dropped on 2026-11-23"

# Due dates keep reading forward: fri is the coming Friday, and no look-back word is a due date.
ok add "Forward" --client acme --due fri --effort 1h
expect_out 'added #5 "Forward" for acme, owner tester, due 2026-11-27, 1.0h'
ok add "Monday" --client acme --due mon --effort 1h -q
ok show 6 --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .due)" "2026-11-30" "--due mon on a Monday is next week's"
rejects 65 '--due: "yesterday" is not a valid date' add X --client acme --due yesterday --effort 1h
rejects 65 '--due: "-3d" is not a valid date' add X --client acme --due -3d --effort 1h
rejects 65 '--due: "last fri" is not a valid date' add X --client acme --due "last fri" --effort 1h

# --effort: compound forms, units from the largest down; past a hundred years, too large.
ok add "Compound" --client acme --due 2026-12-18 --effort 1h30m
expect_out 'added #7 "Compound" for acme, owner tester, due 2026-12-18, 1.5h'
ok add "Days and hours" --client acme --due 2026-12-18 --effort 2d4h
expect_out 'added #8 "Days and hours" for acme, owner tester, due 2026-12-18, 20.0h'
ok renegotiate 7 --effort +1h30m --reason "more"
ok show 7 --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .effort_hours)" "3" "renegotiate --effort +1h30m"
rejects 65 '--effort: "900000h" is too large (at most 876000h, a hundred years)' \
    add X --client acme --due 2026-12-18 --effort 900000h
rejects 65 '--effort: "100000w1d" is too large (at most 876000h, a hundred years)' \
    add X --client acme --due 2026-12-18 --effort 100000w1d
rejects 65 '--effort: "30m1h" is not an effort (use 90m, 6h, 1.5d or 1w)' \
    add X --client acme --due 2026-12-18 --effort 30m1h
rejects 65 '--effort: "1h30" is not an effort (use 90m, 6h, 1.5d or 1w)' \
    add X --client acme --due 2026-12-18 --effort 1h30
rejects 65 '--effort: "+900000h" is too large (at most 876000h, a hundred years)' \
    renegotiate 8 --effort +900000h --reason "typo"
rejects 65 '--spent: "999999h" is too large (at most 876000h, a hundred years)' \
    close 8 --delivered --spent 999999h

# The help names the forms.
ok log --help
expect_out_has "yesterday, -3d, -2w, last fri"
ok close --help
expect_out_has "yesterday, -3d, -2w, last fri"
ok report --help
expect_out_has "yesterday, -3d, -2w, last fri"
ok add --help
expect_out_has "1h30m"

finish
