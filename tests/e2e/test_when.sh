#!/usr/bin/env bash
# Promise only what is doable: kept when, add --due auto, the overload warning and --strict.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[members.alice]
hours_per_week = 32
[members.ghost]
hours_per_week = 0
TOML
sed 's/^\[members.alice\]/[team]\nstrict = true\n&/' kept.toml >strict.toml

# 2026-11-23 is a Monday. 20h leaves alice 12h free this week.
ok add "Export" --client acme --owner alice --due 2026-11-27 --effort 20h
expect_err ""

# 30h fits once at most 12h of it falls in this week: spread over 13 working days, to Dec 9.
# Without delivered history the date is the capacity date, and says so.
ok when --owner alice --effort 30h
expect_out "2026-12-09 (not enough history (0 delivered, need 5): capacity-only date)"
ok when --owner alice --effort 30h --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0]')" \
    '{"owner":"alice","effort_hours":30,"from":"2026-11-23","due":"2026-12-09","peak_week":"2026-W48","peak_load_hours":31.54,"peak_capacity_hours":32,"peak_utilization":98.6,"capacity_date":"2026-12-09","confidence":80,"p50":"2026-12-09","p90":"2026-12-09","calibrated":false,"trials":0,"samples":0,"median_ratio":null,"p80_ratio":null,"p90_ratio":null}' "when json"
ok when --owner alice --effort 30h --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f4)" "2026-12-09" "when tsv"

# --due auto takes that date, says so, and does not warn.
ok add "Search" --client acme --owner alice --due auto --effort 30h
expect_err ""
expect_out 'due auto: 2026-12-09 is the earliest date alice can carry 30.0h without overload
added #2 "Search" for acme, owner alice, due 2026-12-09, 30.0h'
kept report --format json
expect_eq "$(printf '%s' "$OUT" | jq '[.flags[] | select(.kind == "overload")] | length')" 0 "auto fits"

# An explicit date that overloads: a warning naming the week, the load and the realistic date.
ok when --owner alice --effort 10h
realistic=${OUT%% *}
before=$(event_count)
kept add "Rush" --client acme --owner alice --due 2026-11-27 --effort 10h
expect_rc 0
expect_err "kept: warning: this puts alice at 41.5h of 32.0h (130%) in 2026-W48; earliest realistic due date: $realistic"
expect_out 'added #3 "Rush" for acme, owner alice, due 2026-11-27, 10.0h'
expect_eq "$(event_count)" $((before + 1)) "the warned add is written"

# --strict, or strict = true in the config, refuses and writes nothing.
rejects 65 "this puts alice at 51.5h of 32.0h (161%) in 2026-W48; earliest realistic due date: none (alice is already at 41.5h of 32.0h (130%) in 2026-W48, and the work would add to it; try kept when --from 2026-11-30) (refused: strict mode; nothing was written)" \
    add "More" --client acme --owner alice --due 2026-11-27 --effort 10h --strict
before=$(event_count)
kept --config strict.toml add "More" --client acme --owner alice --due 2026-11-27 --effort 10h
expect_rc 65
expect_err_has "(refused: strict mode; nothing was written)"
expect_eq "$(event_count)" "$before" "strict config writes nothing"

# A week already full blocks every due date until a later start.
kept when --owner alice --effort 1h
expect_rc 65
expect_err "kept: no due date within two years fits 1.0h of work: alice is already at 41.5h of 32.0h (130%) in 2026-W48, and the work would add to it; try kept when --from 2026-11-30"
ok when --owner alice --effort 1h --from 2026-11-30
expect_out "2026-11-30 (not enough history (0 delivered, need 5): capacity-only date)"
rejects 65 "--due auto: no due date within two years fits: alice is already at 41.5h of 32.0h (130%) in 2026-W48, and the work would add to it; try kept when --from 2026-11-30" \
    add "Auto" --client acme --owner alice --due auto --effort 1h

# Renegotiating: moving work into a full week warns (or, strict, refuses); easing it does not.
# Without #2's own load the week has 2h free: 30h fits only spread over 75 working days.
rejects 65 "this puts alice at 60.0h of 32.0h (188%) in 2026-W48; earliest realistic due date: 2027-03-05 (refused: strict mode; nothing was written)" \
    renegotiate 2 --due 2026-11-27 --reason "client wants it now" --strict
kept renegotiate 3 --due 2026-12-11 --reason "talked to the client"
expect_rc 0
expect_err ""
kept renegotiate 3 --owner bob --reason "bob has room"
expect_rc 0
expect_err ""
kept renegotiate 1 --effort +8h --reason "bigger than thought"
expect_rc 0
expect_err_has "kept: warning: this puts alice at"

# Members without capacity, and bad input.
kept when --owner ghost --effort 1h
expect_rc 65
expect_err "kept: no due date within two years fits 1.0h of work: ghost has no capacity (0 hours a week, or no working days)"
kept add "Ghost work" --client acme --owner ghost --due 2026-11-27 --effort 1h
expect_rc 0
expect_err_has "kept: warning: this puts ghost at 1.0h of 0.0h (no capacity) in 2026-W48; earliest realistic due date: none (ghost has no capacity"
kept when --owner alice --effort 1h --from 2026-11-20
expect_rc 65
expect_err 'kept: --from: "2026-11-20" is before today (2026-11-23)'
kept when --owner alice --effort 0h
expect_rc 65

# The check sums open work that shares a due date, but work made after today (a clock set back)
# keeps its own start. carol: 8h a day; #A and #B load this week at 4h a day; #C, made on
# Nov 30, loads next week at 4h a day. 30h then fits at 3.75h a day from today to Dec 2; were
# #C spread from today, this week would have 2h a day free and the date would be Dec 11.
cat >>kept.toml <<'TOML'
[members.carol]
hours_per_week = 40
TOML
ok add "A" --client acme --owner carol --due 2026-11-27 --effort 10h
ok add "B" --client acme --owner carol --due 2026-11-27 --effort 10h
KEPT_TODAY=2026-11-30 ok add "C" --client acme --owner carol --due 2026-12-04 --effort 20h
ok when --owner carol --effort 30h --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].due')" "2026-12-02" "summed load by due date"
kept add "D" --client acme --owner carol --due 2026-11-27 --effort 21h
expect_err "kept: warning: this puts carol at 41.0h of 40.0h (102%) in 2026-W48; earliest realistic due date: 2026-11-30"
finish
