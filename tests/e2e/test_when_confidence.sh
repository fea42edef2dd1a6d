#!/usr/bin/env bash
# Dates that learn from history: kept when --confidence, add --due auto and the report's
# calibration section, on a scripted history whose ratios are known.
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

# carol: seven 1h commitments, each promised Mon 2026-10-05 for Fri 2026-10-09 (5 working days)
# and delivered after 5, 5, 6, 7, 8, 10 and 15 working days: ratios 1, 1, 1.2, 1.4, 1.6, 2, 3.
export KEPT_TODAY=2026-10-05 KEPT_NOW=2026-10-05T09:00:00Z
for n in 1 2 3 4 5 6 7; do
    ok add "Job $n" --client acme --owner carol --due 2026-10-09 --effort 1h -q
done
# dave: three, all delivered a week late.
for n in 1 2 3; do
    ok add "Dave $n" --client acme --owner dave --due 2026-10-09 --effort 1h -q
done
export KEPT_TODAY=2026-10-06 KEPT_NOW=2026-10-06T09:00:00Z
ok renegotiate 1 --effort +1h --reason "bigger than thought"
export KEPT_TODAY=2026-11-20 KEPT_NOW=2026-11-20T09:00:00Z
n=1
for on in 2026-10-09 2026-10-09 2026-10-12 2026-10-13 2026-10-14 2026-10-16 2026-10-23; do
    ok close $n --delivered --on "$on"
    n=$((n + 1))
done
for id in 8 9 10; do
    ok close $id --delivered --on 2026-10-16
done
export KEPT_TODAY=2026-11-23 KEPT_NOW=2026-11-23T09:00:00Z

# 41h is one hour more than carol's week: capacity alone says Mon 2026-11-30, 6 working days from
# today. Stretched by her history: 50% -> ratio 1.4 (9 working days, Thu 2026-12-03), 60% -> 1.6
# (10, Fri 2026-12-04), 80% -> 2 (12, Tue 2026-12-08), 90% -> 3 (18, Wed 2026-12-16).
ok when --owner carol --effort 41h
expect_out "2026-12-08 (80% confidence; 50%: 2026-12-03, 90%: 2026-12-16; capacity alone: 2026-11-30; from 7 delivered commitments)"
ok when --owner carol --effort 41h --confidence 60
expect_out "2026-12-04 (60% confidence; 50%: 2026-12-03, 90%: 2026-12-16; capacity alone: 2026-11-30; from 7 delivered commitments)"
ok when --owner carol --effort 41h --confidence 90 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {due, capacity_date, confidence, p50, p90, calibrated, trials, samples, median_ratio, p80_ratio, p90_ratio}')" \
    '{"due":"2026-12-16","capacity_date":"2026-11-30","confidence":90,"p50":"2026-12-03","p90":"2026-12-16","calibrated":true,"trials":10000,"samples":7,"median_ratio":1.4,"p80_ratio":1.92,"p90_ratio":2.4}' \
    "when json"
# The config's confidence is the default.
printf '[report]\nconfidence = 50\n' >>kept.toml
ok when --owner carol --effort 41h --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f4)" "2026-12-03" "config confidence"
sed -i '/^\[report\]/,$d' kept.toml

# Too little history, or none: the capacity date, said plainly.
ok when --owner dave --effort 41h
expect_out "2026-11-30 (not enough history (3 delivered, need 5): capacity-only date)"
ok when --owner erin --effort 41h --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | {due, capacity_date, calibrated, trials, samples, median_ratio}')" \
    '{"due":"2026-11-30","capacity_date":"2026-11-30","calibrated":false,"trials":0,"samples":0,"median_ratio":null}' \
    "fallback json"

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
expect_out 'due auto: 2026-12-08 (80% confidence; 50%: 2026-12-03, 90%: 2026-12-16; capacity alone: 2026-11-30; from 7 delivered commitments)
added #11 "Big" for acme, owner carol, due 2026-12-08, 41.0h'
finish
