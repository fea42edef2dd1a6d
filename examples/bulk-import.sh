#!/usr/bin/env bash
# Adding many commitments at once from a spreadsheet saved as CSV (bulk-import.csv beside this
# script shows the columns). The import is all or nothing: a bad row names its line and field
# and nothing is added, so fix the sheet and run it again.
# Usage: bulk-import.sh [FILE.csv] [global kept options such as --ledger FILE]
set -euo pipefail
file=${1:-"$(dirname "$0")/bulk-import.csv"}
shift || true

# The new ids, one a line (-q), to tag, show or announce them.
ids=$(kept "$@" import --commitments -q "$file")
echo "added $(printf '%s\n' "$ids" | wc -l) commitments:"
for id in $ids; do
    kept "$@" show "$id" --format json | jq -r '"  #\(.id) \(.title | split("\n") | join(" ")) (\(.owner), due \(.due))"'
done
