#!/usr/bin/env bash
# Piping kept into jq: the JSON fields are listed in docs/formats.md and stay stable.
# Run with --ledger FILE (or --team NAME) to pick a ledger; any global option is passed on.
set -euo pipefail

# The titles alice owns, soonest due first.
kept "$@" list --owner alice --format json | jq -r '.[].title'

# Open effort per owner, in hours, largest first.
kept "$@" list --format json |
    jq -r 'group_by(.owner) | map({owner: .[0].owner, hours: (map(.effort_hours) | add)})
           | sort_by(-.hours) | .[] | "\(.owner)\t\(.hours)h"'

# Commitments whose due date moved since the first promise.
kept "$@" list --state all --format ndjson |
    jq -r 'select(.due != .original_due)
           | "#\(.id) \(.title): \(.original_due) -> \(.due)"'

# Every late renegotiation, from the event log.
kept "$@" log --format ndjson |
    jq -r 'select(.kind == "renegotiated" and .payload.late)
           | "\(.day) #\(.commitment_id) by \(.actor): \(.reason // "")"'
