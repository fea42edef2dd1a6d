#!/usr/bin/env bash
# kept report in every format: the JSON shape, CSV/TSV/NDJSON sections, reliability and
# internal-neglect.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[members.alice]
hours_per_week = 40
[clients.billing]
kind = "internal"
TOML
on() {
    local day=$1
    shift
    KEPT_TODAY=$day KEPT_NOW="${day}T09:00:00Z" ok "$@"
}
# Five internal and five external promises due 2026-11-10: external ones delivered on time,
# internal ones two on time and three late (one moved first, proactively, then still late).
for i in 1 2 3 4 5; do
    on 2026-11-02 add "ext $i" --client acme --owner alice --due 2026-11-10 --effort 2h
    on 2026-11-02 add "int $i" --client billing --owner bob --due 2026-11-10 --effort 2h
done
on 2026-11-09 renegotiate 10 --due 2026-11-12 --reason "billing agreed"
for id in 1 3 5 7 9; do on 2026-11-10 close $id --delivered; done
on 2026-11-10 close 2 --delivered
on 2026-11-10 close 4 --delivered
on 2026-11-13 close 6 --delivered
on 2026-11-16 close 8 --delivered
on 2026-11-16 close 10 --delivered
on 2026-11-16 add "dropped" --client acme --owner alice --due 2026-11-30 --effort 1h
on 2026-11-17 close 11 --dropped

kept report --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c 'keys_unsorted')" '["as_of","team","weeks","flags","load","reliability","calibration"]' "top-level keys"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[0] | keys_unsorted')" \
    '["kind","severity","owner","week","commitments","detail","internal_on_time","external_on_time","gap_points","internal_delivered","external_delivered"]' "neglect keys"
expect_eq "$(printf '%s' "$OUT" | jq -c '.flags[0] | [.kind, .owner, .commitments, .internal_on_time, .external_on_time, .gap_points]')" \
    '["internal-neglect",null,[],40,100,60]' "internal-neglect"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability | keys_unsorted')" '["team","internal","external","owners","clients"]' "reliability keys"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.team')" \
    '{"group":"team","name":"all","delivered":10,"dropped":1,"on_time_first":7,"on_time_last":7,"on_time_first_rate":70,"on_time_last_rate":70,"mean_slip_days":1.5,"mean_late_days":1.3,"proactive_renegotiations":1,"late_renegotiations":0}' "team reliability"
expect_eq "$(printf '%s' "$OUT" | jq -c '.reliability.internal | [.delivered, .on_time_first_rate, .on_time_last_rate, .mean_slip_days]')" \
    '[5,40,40,3]' "internal reliability: slips of 0, 0, 3, 6 and 6 days"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.reliability.owners[].name, .reliability.clients[].name]')" \
    '["alice","bob","acme","billing"]' "groups"
expect_eq "$(printf '%s' "$OUT" | jq -c '.load[0] | keys_unsorted')" \
    '["owner","week","load_hours","late_hours","capacity_hours","utilization"]' "load keys"

# CSV and TSV: the flags section by default, any section on request, JSON field names as headers.
kept report --format csv
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | head -1 | tr -d '\r')" \
    "kind,severity,owner,week,commitments,detail,load_hours,capacity_hours,utilization,due,original_due,due_in_force,renegotiated_on,days_overdue,days_late,days_left,finish,slack_days,effort_hours,original_effort_hours,effort_growth,schedule_growth,scope_added,renegotiations,late_renegotiations,internal_on_time,external_on_time,gap_points,internal_delivered,external_delivered,client,talk_by,fee,original_fee" "csv header"
expect_eq "$(printf '%s' "$OUT" | sed -n 2p | cut -d, -f1-5)" "internal-neglect,medium,,,[]" "csv row"
kept report --format csv --section load
expect_eq "$(printf '%s' "$OUT" | head -2 | tr -d '\r' | tr '\n' '|')" \
    "owner,week,load_hours,late_hours,capacity_hours,utilization|alice,2026-W48,0.0,0.0,40.0,0.0|" "csv load"
kept report --format tsv --section reliability
expect_eq "$(printf '%s' "$OUT" | head -1 | cut -f1-4)" "$(printf 'group\tname\tdelivered\tdropped')" "tsv header"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 8 "tsv rows: header, team, 2 kinds, 2 owners, 2 clients"
kept report --format ndjson --section load
expect_eq "$(printf '%s\n' "$OUT" | head -1 | jq -c '[.owner, .week]')" '["alice","2026-W48"]' "ndjson"
kept report --format json --section flags
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].kind]')" '["internal-neglect"]' "json section"
kept report --section reliability
expect_out_has "kind    internal          5                   40%                  40%       3.0d        0"
case "$OUT" in *FLAGS*) fail "--section reliability printed flags" ;; esac
kept report --section bogus
expect_rc 65
expect_err 'kept: --section: "bogus" is not one of flags, load, reliability, calibration, all'

# No ledger yet: 66, as for the other read commands.
LEDGER="$TEST_DIR/none.db" kept report
expect_rc 66
finish
