#!/bin/sh
# Loads `kept export --events` into PostgreSQL: creates or updates the kept tables and views
# (schema.sql), then adds the events not already there, all in one transaction.
#
#   load.sh DBNAME EVENTS.ndjson [TEAM]      (EVENTS "-" reads standard input)
#   kept export --events | load.sh kept - platform
#
# psql finds the server the usual way (PGHOST, PGPORT, PGUSER, ~/.pgpass).
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: load.sh DBNAME EVENTS.ndjson [TEAM]" >&2
    exit 64
fi
db=$1
events=$2
team=${3:-default}
here=$(cd "$(dirname "$0")" && pwd)

if [ "$events" != - ] && [ ! -r "$events" ]; then
    echo "load.sh: cannot read $events" >&2
    exit 66
fi
if [ "$events" != - ]; then
    exec <"$events"
fi
exec psql -X -q -1 -v ON_ERROR_STOP=1 -v team="$team" -d "$db" \
    -f "$here/schema.sql" -f "$here/load.sql"
