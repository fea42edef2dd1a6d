#!/usr/bin/env bash
# Dates that learn from history: kept when --confidence, add --due auto and the report's
# calibration section, on a scripted history whose accuracy ratios (actual effort over the first
# estimate, close --spent) are known.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[members.carol]
hours_per_week = 40
[members.dave]
hours_per_week = 40
[members.erin]
hours_per_week = 40
TOML

# carol: seven 1h commitments, each promised Mon 2026-10-05 for Fri 2026-10-09 and delivered after
# 5, 5, 6, 7, 8, 10 and 15 working days. Accuracy ratios are actual effort over the first estimate:
# #1 grew to 2h and closed without --spent (its last agreed effort counts: 2), the others record
# what they took: 1h, 1h, 72m, 84m, 96m, 3h. Ratios 1, 1, 1.2, 1.4, 1.6, 2, 3.
export KEPT_TODAY=2026-10-05 KEPT_NOW=2026-10-05T09:00:00Z
for n in 1 2 3 4 5 6 7; do
    ok add "Job $n" --client acme --owner carol --due 2026-10-09 --effort 1h -q
done
# dave: three, all delivered a week late, as estimated (ratios 1, 1, 1).
for n in 1 2 3; do
    ok add "Dave $n" --client acme --owner dave --due 2026-10-09 --effort 1h -q
done
export KEPT_TODAY=2026-10-06 KEPT_NOW=2026-10-06T09:00:00Z
ok renegotiate 1 --effort +1h --reason "bigger than thought"
export KEPT_TODAY=2026-11-20 KEPT_NOW=2026-11-20T09:00:00Z
n=1
for day_spent in 2026-10-09: 2026-10-09:1h 2026-10-12:1h 2026-10-13:72m 2026-10-14:84m \
    2026-10-16:96m 2026-10-23:3h; do
    on=${day_spent%%:*} spent=${day_spent#*:}
    ok close $n --delivered --on "$on" ${spent:+--spent "$spent"}
    n=$((n + 1))
done
for id in 8 9 10; do
    ok close $id --delivered --on 2026-10-16
done
export KEPT_TODAY=2026-11-23 KEPT_NOW=2026-11-23T09:00:00Z

# carol works 8h a day and has nothing open. 41h alone: 6 working days (5.1), Mon 2026-11-30.
# Each trial draws one of her 7 ratios (1000 trials): 41h x 1.2 = 49.2h is 7 days (Tue Dec 1),
# x 1.4 = 57.4h 8 (Wed Dec 2), x 1.6 = 65.6h 9 (Thu Dec 3), x 2 = 82h 11 (Mon Dec 7), x 3 = 123h
# 16 (Mon Dec 14). Up to 1.2 covers 2/7 of the trials (43%), 1.4 57%, 1.6 71%, 2 86%: so 50% ->
# Dec 2, 65% -> Dec 3, 80% -> Dec 7, 90% -> Dec 14, each 4 standard errors or more from a neighbour.
ok when --owner carol --effort 41h
expect_out "Mon 2026-12-07 (80% confidence from the owner's 7 delivered commitments; 50%: 2026-12-02, 90%: 2026-12-14; the schedule alone: 2026-11-30)"
ok when --owner carol --effort 41h --confidence 65
expect_out "Thu 2026-12-03 (65% confidence from the owner's 7 delivered commitments; 50%: 2026-12-02, 90%: 2026-12-14; the schedule alone: 2026-11-30)"
# The ratios' percentiles, interpolated: 50% the 4th of 7 (1.4), 80% 1.6 + 0.8 x 0.4 = 1.92, 90%
# 2 + 0.4 x 1 = 2.4.
ok when --owner carol --effort 41h --confidence 90 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {due, capacity_date, confidence, p50, p90, ratios, calibrated, trials, samples, median_ratio, p80_ratio, p90_ratio}')" \
    '{"due":"2026-12-14","capacity_date":"2026-11-30","confidence":90,"p50":"2026-12-02","p90":"2026-12-14","ratios":"owner","calibrated":true,"trials":1000,"samples":7,"median_ratio":1.4,"p80_ratio":1.92,"p90_ratio":2.4}' \
    "when json"
# The config's confidence is the default.
printf '[report]\nconfidence = 50\n' >>kept.toml
ok when --owner carol --effort 41h --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f4)" "2026-12-02" "config confidence"
sed -i '/^\[report\]/,$d' kept.toml

# Too little history of one's own (dave: 3), or none (erin): the team's 10 ratios, 1 (5 times),
# 1.2, 1.4, 1.6, 2, 3. 12h alone is 2 days (Tue 24th); x 1.2 = 14.4h still 2 days; x 1.4 to x 2
# (16.8h to 24h) 3 days (Wed 25th); x 3 = 36h 5 days (Fri 27th). 60% of the trials draw at most
# 1.2, 90% at most 2: 50% -> Tue 24th, 80% -> Wed 25th (90% sits on the 9-in-10 boundary: Wed or
# Fri). Percentiles: (1 + 1.2) / 2 = 1.1, 1.6 + 0.2 x 0.4 = 1.68, 2 + 0.1 x 1 = 2.1.
team_dates='{"due":"2026-11-25","capacity_date":"2026-11-24","p50":"2026-11-24","ratios":"team","calibrated":true,"samples":10,"median_ratio":1.1,"p80_ratio":1.68,"p90_ratio":2.1}'
ok when --owner dave --effort 12h --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {due, capacity_date, p50, ratios, calibrated, samples, median_ratio, p80_ratio, p90_ratio}')" \
    "$team_dates" "dave borrows the team's"
p90=$(printf '%s' "$OUT" | jq -r '.[0].p90')
[[ "$p90" = 2026-11-25 || "$p90" = 2026-11-27 ]] || fail "dave's p90: expected 2026-11-25 or 2026-11-27, got $p90"
ok when --owner erin --effort 12h --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {due, capacity_date, p50, ratios, calibrated, samples, median_ratio, p80_ratio, p90_ratio}')" \
    "$team_dates" "erin borrows the team's"

# A team with fewer than 5 delivered (here 4, each taking 10 times its estimate) uses the prior:
# r lognormal, median 1.3, spread x2. 4h alone is done today (8h); the trials meet today when
# 4h x r <= 8h, r <= 2 (z <= 0.62: 73%), and tomorrow when r <= 4 (z <= 1.62: 95%): 50% today,
# 80% and 90% Tue 24th.
team_ledger=$LEDGER
LEDGER="$TEST_DIR/small.db"
for n in 1 2 3 4; do
    KEPT_TODAY=2026-10-05 KEPT_NOW=2026-10-05T09:00:00Z ok add "Small $n" --client acme --owner carol --due 2026-10-09 --effort 1h -q
    KEPT_TODAY=2026-10-09 KEPT_NOW=2026-10-09T09:00:00Z ok close $n --delivered --spent 10h
done
ok when --owner carol --effort 4h
expect_out "Tue 2026-11-24 (80% confidence from the prior (fewer than 5 delivered commitments in the team); 50%: 2026-11-23, 90%: 2026-11-24; the schedule alone: 2026-11-23)"
ok when --owner carol --effort 4h --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {ratios, calibrated, samples, median_ratio}')" \
    '{"ratios":"prior","calibrated":false,"samples":0,"median_ratio":1.3}' "prior json"
LEDGER=$team_ledger

# --confidence bounds.
rejects 65 '--confidence: "49" is not a whole number from 50 to 99' when --owner carol --effort 1h --confidence 49
rejects 65 '--confidence: "100" is not a whole number from 50 to 99' when --owner carol --effort 1h --confidence 100
rejects 65 '--confidence: "high" is not a whole number from 50 to 99' when --owner carol --effort 1h --confidence high

# The report shows what each owner's calibration rests on.
ok report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.calibration')" \
    '[{"owner":"carol","samples":7,"usable":true,"median_ratio":1.4,"p80_ratio":1.92,"p90_ratio":2.4,"median_effort_growth":1},{"owner":"dave","samples":3,"usable":false,"median_ratio":2,"p80_ratio":2,"p90_ratio":2,"median_effort_growth":1}]' \
    "report calibration"
ok report --section calibration
expect_out_has "no: too little history (3 of 5)"
ok report --section calibration --format csv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 1p | tr -d '\r')" "owner,samples,usable,median_ratio,p80_ratio,p90_ratio,median_effort_growth" "csv header"

# --due auto takes the confident date and says how it was reached.
ok add "Big" --client acme --owner carol --due auto --effort 41h
expect_out "due auto: 2026-12-07 (80% confidence from the owner's 7 delivered commitments; 50%: 2026-12-02, 90%: 2026-12-14; the schedule alone: 2026-11-30)
added #11 \"Big\" for acme, owner carol, due 2026-12-07, 41.0h"
finish
