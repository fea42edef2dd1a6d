#!/usr/bin/env bash
# An org roll-up over several team ledgers: each team's open commitments, merged into one view
# with a team column, then summed per team and per owner.
# Usage: org-rollup.sh TEAM.db...  (each ledger's file name, without .db, names its team)
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: org-rollup.sh LEDGER.db..." >&2; exit 64; }

all=$(for ledger in "$@"; do
    team=$(basename "$ledger" .db)
    kept --ledger "$ledger" export --format ndjson | jq -c --arg team "$team" '. + {team: $team}'
done | jq -s .)

echo "Open commitments by team:"
printf '%s' "$all" | jq -r 'group_by(.team)[]
    | "  \(.[0].team): \(length) open, \(map(.effort_hours) | add)h, \(map(select(.due != .original_due)) | length) moved"'

echo "Busiest owners across the org:"
printf '%s' "$all" | jq -r 'group_by(.owner) | map({owner: .[0].owner, hours: (map(.effort_hours) | add), teams: (map(.team) | unique | join(","))})
    | sort_by(-.hours) | .[:5][] | "  \(.owner): \(.hours)h (\(.teams))"'

echo "Due in the next 14 days:"
today=${KEPT_TODAY:-$(date +%F)}
soon=$(date -d "$today +14 days" +%F 2>/dev/null || date -j -v+14d -f %F "$today" +%F)
printf '%s' "$all" | jq -r --arg soon "$soon" 'map(select(.due < $soon)) | sort_by(.due)[]
    | "  \(.due) \(.team)#\(.id) \(.title) (\(.owner))"'

# The same data as one CSV for a spreadsheet: the commitment columns plus team.
printf '%s' "$all" | jq -r '(.[0] // {} | keys_unsorted) as $k | ($k | @csv), (.[] | [.[$k[]] | if type == "array" then tojson else . end] | @csv)' >org-rollup.csv
echo "wrote org-rollup.csv"
