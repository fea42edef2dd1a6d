#!/usr/bin/env bash
# Org roll-up: report, check and list over two teams' ledgers. alice owes work to both teams:
# neither team alone overloads her (24h due Friday for 40h), the sum (48h) does.
. "$(dirname "$0")/lib.sh"

A="$TEST_DIR/a.db" B="$TEST_DIR/b.db"
LEDGER=$A ok add "API for team a" --client acme --owner alice --due 2026-11-27 --effort 24h -q
LEDGER=$A ok add "Docs" --client acme --owner bob --due 2026-11-27 --effort 8h -q
LEDGER=$B ok add "Migration for team b" --client globex --owner alice --due 2026-11-27 --effort 24h -q

# Each team alone: no overload.
for l in "$A" "$B"; do
    kept_raw --ledger "$l" check overload
    expect_rc 0
    expect_out ""
done

kept_raw --ledger "$A" --ledger "$B" report --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.teams[].team]')" '["a","b"]' "teams"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.teams[].flags[] | select(.kind == "overload")] | length')" 0 "no overload per team"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.total.flags[] | {kind, owner, week, load_hours, capacity_hours, commitments}]')" \
    '[{"kind":"overload","owner":"alice","week":"2026-W48","load_hours":48,"capacity_hours":40,"commitments":[]}]' "total overload"
# Summed, alice has 48h due Friday for 40h (8h a day): the schedule fills W48 and puts the last 8h
# in W49, after their due date.
expect_eq "$(printf '%s' "$OUT" | jq -c '[.total.load[] | select(.week == "2026-W48" or .week == "2026-W49") | {owner, week, load_hours, late_hours}]')" \
    '[{"owner":"alice","week":"2026-W48","load_hours":40,"late_hours":0},{"owner":"alice","week":"2026-W49","load_hours":8,"late_hours":8},{"owner":"bob","week":"2026-W48","load_hours":8,"late_hours":0},{"owner":"bob","week":"2026-W49","load_hours":0,"late_hours":0}]' "total load sums across teams"

kept_raw --ledger "$A" --ledger "$B" check overload
expect_rc 1
expect_out_has "[all teams] "
expect_out_has "alice"

kept_raw --ledger "$A" --ledger "$B" report
expect_rc 0
expect_out_has "=== team a ==="
expect_out_has "=== team b ==="
expect_out_has "=== all 2 teams: each person's load summed ==="

kept_raw --ledger "$A" --ledger "$B" report --format csv
expect_rc 65
expect_err 'kept: --format: "csv" is not one of table, json (a report over several teams)'

kept_raw --ledger "$A" --ledger "$B" list --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.team, .id, .owner]]')" \
    '[["a",1,"alice"],["a",2,"bob"],["b",1,"alice"]]' "list roll-up"
kept_raw --ledger "$A" --ledger "$B" list --owner alice
expect_out_has "TEAM"

# Named teams work the same way.
mkdir -p "$XDG_CONFIG_HOME/kept/teams"
printf '[team]\nname = "a"\nledger = "%s"\n' "$A" > "$XDG_CONFIG_HOME/kept/teams/a.toml"
printf '[team]\nname = "b"\nledger = "%s"\n[members.alice]\nhours_per_week = 20\n' "$B" > "$XDG_CONFIG_HOME/kept/teams/b.toml"
kept_raw --team a --team b report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.teams[] | .team]')" '["a","b"]' "named teams"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.teams[1].flags[] | select(.kind == "overload") | .owner]')" '["alice"]' "team b's own capacity"

# Write commands take one ledger.
kept_raw --ledger "$A" --ledger "$B" add X --client c --due fri --effort 1h
expect_rc 64
expect_err "kept: add: one --team or --ledger at a time (only report, check and list read several)"

finish
