#!/usr/bin/env bash
# examples/team/build-history.sh runs through the real binary and its report shows the flags
# its script sets up.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
command -v date >/dev/null && date -u -d "2026-11-23 + 1 days" +%F >/dev/null 2>&1 || exit 77

cp -r "$HERE/../../examples/team" "$TEST_DIR/team"
OUT=$(KEPT="$KEPT" bash "$TEST_DIR/team/build-history.sh" 2>"$TEST_DIR/.stderr")
RC=$?
ERR=$(cat "$TEST_DIR/.stderr")
expect_rc 0
# The late rush, made once the loop has stepped past its last day (Tue 2026-11-24): alice (6.4h a
# day) has #41 (10h) and #46 (3h) due Friday; with 16h more that is 29h for 25.6h of capacity
# Tue-Fri, done Mon 30th. Due Mon 30th it would be done (29h in 5 days) without pushing #41 or
# #46 past Friday; #52 (16h due Dec 4) finishes Thu Dec 3 either way.
expect_err 'kept: warning: alice cannot finish #62 "Security review" by 2026-11-27: 29.0h of work, 25.6h of capacity until then; earliest doable: 2026-11-30'
expect_out_has "kept report for platform, as of Mon 2026-11-23"
expect_out_has "overdue  high      dave   -     #51"
expect_out_has "late     medium    bob    -     #37"
expect_out_has "creep    medium    alice  -     #52"
expect_out_has "kind    internal"
# As of Monday the 23rd, which the script reports on, alice could still do it all: 29h due Friday
# for 32h (100% of W48, the other 16h in W49); nobody else is near capacity (bob 33h for 40h,
# carol 23h for 36h, dave 30h for 40h, erin 16h for 20h). No overload or risk.
case "$OUT" in *overload*|*"risk  "*) fail "overload or risk as of the 23rd" ;; esac
expect_out_has "alice             100%       50%"
# As of the day of the rush they show: 29h due by Sunday for 25.6h (113%); #62 done Mon 30th.
report=$(KEPT_TODAY=2026-11-24 KEPT_NOW=2026-11-24T09:00:00Z "$KEPT" --config "$TEST_DIR/team/kept.toml" report --format json)
expect_eq "$(printf '%s' "$report" | jq -c '[.flags[] | [.kind, .owner, .week, .commitments]]')" \
    '[["overdue","dave",null,[51]],["overload","alice","2026-W48",[62]],["risk","alice",null,[62]],["heads-up","alice",null,[62]],["late","bob",null,[37]],["late","carol",null,[43]],["creep","alice",null,[52]]]' \
    "flags on the day of the rush"
expect_eq "$(printf '%s' "$report" | jq -c '[.flags[] | select(.owner == "alice" and (.kind == "overload" or .kind == "risk")) | [.load_hours, .capacity_hours, .finish]]')" \
    '[[29,25.6,null],[29,25.6,"2026-11-30"]]' "alice's rush"
"$KEPT" --config "$TEST_DIR/team/kept.toml" verify >/dev/null || fail "the example ledger does not verify"
finish
