#!/usr/bin/env bash
# kept report --as-of: the history is the source of truth; before and after a renegotiation.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/report_history.sh"

flags() {
    printf '%s' "$OUT" | jq -c '[.flags[] | [.kind, .commitments]]'
}

# The day before #2 was renegotiated late: it is overdue.
kept report --as-of 2026-11-17 --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -r .as_of)" 2026-11-17 "as_of"
expect_eq "$(flags)" '[["overdue",[2]],["creep",[3]],["chronic",[4]]]' "before the renegotiation"

# The day it was: no longer overdue, but renegotiated late.
kept report --as-of 2026-11-18 --format json
expect_eq "$(flags)" '[["late",[2]],["creep",[3]],["chronic",[4]]]' "after the renegotiation"

# Before #4's third renegotiation and #3's growth.
kept report --as-of 2026-11-12 --format json
expect_eq "$(flags)" '[]' "earlier still"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.team | [.proactive_renegotiations, .late_renegotiations]')" \
    '[2,0]' "renegotiations as of the 12th"

# Before anything was promised.
kept report --as-of 2026-11-01 --format json
expect_eq "$(flags)" '[]' "empty history"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[].owner] | unique')" '["alice"]' "members still listed"

# Work closed, dropped, reopened and handed over today. The report as it stands reads
# reliability from the tallies the ledger keeps; replayed as of today, from every commitment.
on 2026-11-23 close 6 --delivered
on 2026-11-23 close 2 --delivered --on 2026-11-21
on 2026-11-23 close 3 --dropped --reason "client went elsewhere"
on 2026-11-23 reopen 3 --reason "client came back"
on 2026-11-23 close 4 --dropped --reason "audit cancelled"
on 2026-11-23 renegotiate 5 --owner bob --reason "alice is full"
ok verify
kept report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.team | [.delivered, .dropped, .on_time_first, .on_time_last, .mean_slip_days, .late_renegotiations]')" \
    '[2,1,0,1,5.5,1]' "reliability from the tallies"

# As of today, replaying gives exactly what the stored state gives.
kept report --format json
current=$OUT
kept report --as-of 2026-11-23 --format json
expect_eq "$OUT" "$current" "replay equals stored state"
kept report --as-of today --format json
expect_eq "$OUT" "$current" "--as-of today"

# Later events do not leak into an earlier day: on Thursday the 19th alice has only #1, 16h
# worked from that day at 6.4h a day: 12.8h Thu-Fri (W47), the last 3.2h Mon 23rd (W48).
kept report --as-of 2026-11-19 --owner alice --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.load[0:2][] | [.week, .load_hours, .late_hours]]')" \
    '[["2026-W47",12.8,0],["2026-W48",3.2,0]]' "only #1 on the 19th"

# On every day of the history, the report as of that day equals the report of a ledger that holds
# only the events made up to then: the part of the ledger changed later is replayed, the rest read
# as it stands, and neither leaks a later event.
kept export --events
printf '%s\n' "$OUT" >"$TEST_DIR/events.ndjson"
day=2026-11-01
while [[ $day < 2026-11-25 ]]; do
    rm -f "$TEST_DIR/then.db"
    jq -c --arg day "$day" 'select(.day <= $day)' "$TEST_DIR/events.ndjson" |
        "$KEPT" --ledger "$TEST_DIR/then.db" import - >/dev/null ||
        fail "importing the events up to $day"
    then_report=$("$KEPT" --ledger "$TEST_DIR/then.db" report --as-of "$day" --format json)
    kept report --as-of "$day" --format json
    expect_eq "$OUT" "$then_report" "as of $day vs the ledger of that day"
    day=$(date -u -d "$day + 1 day" +%F)
done

kept report --as-of 2026-02-30
expect_rc 65
expect_err 'kept: --as-of: "2026-02-30" is not a valid date'
finish
