#!/bin/sh
# Loads kept's schedule as of one day into PostgreSQL: creates or updates the kept tables and
# views (schema.sql), then replaces the team's snapshot for that day with the lines of FORECAST
# (`kept forecast --format ndjson`) and LOAD (`kept report --section load --format ndjson`), all
# in one transaction: a malformed or misplaced line loads nothing and leaves the old snapshot.
#
#   load-schedule.sh DBNAME TEAM FORECAST.ndjson LOAD.ndjson [AS_OF]
#       (one of FORECAST and LOAD may be "-", standard input)
#   kept forecast --format ndjson >forecast.ndjson
#   kept report --section load --format ndjson >load.ndjson
#   load-schedule.sh kept platform forecast.ndjson load.ndjson
#
# AS_OF is the day kept computed the schedule for: by default $KEPT_TODAY, else today's date.
# psql finds the server the usual way (PGHOST, PGPORT, PGUSER, ~/.pgpass).
set -eu

usage="usage: load-schedule.sh DBNAME TEAM FORECAST.ndjson LOAD.ndjson [AS_OF]"
if [ $# -lt 4 ] || [ $# -gt 5 ]; then
    echo "$usage" >&2
    exit 64
fi
db=$1
team=$2
forecast=$3
load=$4
as_of=${5:-${KEPT_TODAY:-$(date +%F)}}
here=$(cd "$(dirname "$0")" && pwd)

case $as_of in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
    *)
        echo "load-schedule.sh: AS_OF must be a date, YYYY-MM-DD: $as_of" >&2
        exit 65
        ;;
esac
if [ "$forecast" = - ] && [ "$load" = - ]; then
    echo "load-schedule.sh: FORECAST and LOAD cannot both be standard input" >&2
    exit 64
fi
for file in "$forecast" "$load"; do
    if [ "$file" != - ] && [ ! -r "$file" ]; then
        echo "load-schedule.sh: cannot read $file" >&2
        exit 66
    fi
done

# tag SOURCE FILE: each line of FILE ("-": standard input) after SOURCE and a \002, the two
# columns load-schedule.sql reads. Both files go into one stream, read completely before psql
# starts, so a file that fails half-way is not loaded half.
tag() {
    if [ "$2" = - ]; then
        awk -v source="$1" '{ print source "\002" $0 }'
    else
        awk -v source="$1" '{ print source "\002" $0 }' <"$2"
    fi
}
staged=$(mktemp "${TMPDIR:-/tmp}/kept-schedule.XXXXXX")
trap 'rm -f "$staged"' EXIT
if ! { tag forecast "$forecast" && tag load "$load"; } >"$staged"; then
    echo "load-schedule.sh: cannot read the input" >&2
    exit 66
fi
psql -X -q -1 -v ON_ERROR_STOP=1 -v team="$team" -v as_of="$as_of" -d "$db" \
    -f "$here/schema.sql" -f "$here/load-schedule.sql" <"$staged" || exit $?
