#!/usr/bin/env bash
# The PostgreSQL recipe (examples/postgres, docs/postgresql.md): a ledger's events loaded with
# load.sh give, in the kept_load and kept_overload views, exactly the load table and the overload
# flags of `kept report`, for several days. Needs a PostgreSQL server it can start itself (Debian's
# postgresql package); skipped otherwise.
HERE=$(cd "$(dirname "$0")" && pwd)
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "skipped: no PostgreSQL server to start (/usr/lib/postgresql/*/bin/initdb is missing;" \
        "install Debian's postgresql package to run this test)" >&2
    exit 77
fi
for tool in jq psql; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is missing" >&2; exit 77; }
done
. "$HERE/lib.sh"
. "$HERE/report_history.sh"
recipe="$KEPT_SOURCE_DIR/examples/postgres"

# as_server CMD...: runs CMD as the user the server runs as (PostgreSQL refuses to run as root).
as_server() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A private server: its own data directory, a Unix socket in its own directory and no TCP, so
# the port number only names the socket file and cannot clash with another server.
PG_DIR="$TEST_DIR/pg"
mkdir -p "$PG_DIR"
if [ "$(id -u)" = 0 ]; then
    chmod 711 "$TEST_DIR"
    chown postgres: "$PG_DIR"
fi
trap 'as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m immediate >/dev/null 2>&1; rm -rf "$TEST_DIR"' EXIT
as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U kept -A trust -E UTF8 --locale=C --no-sync \
    >"$TEST_DIR/initdb.log" 2>&1 || { cat "$TEST_DIR/initdb.log" >&2; exit 1; }
as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-k $PG_DIR -h '' -p 5432 -F" start >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; exit 1; }
export PGHOST="$PG_DIR" PGPORT=5432 PGUSER=kept PGDATABASE=kept
unset PGPASSWORD PGSERVICE PGOPTIONS
as_server "$PG_BIN/createdb" -h "$PG_DIR" -p 5432 -U kept kept || exit 1

# sql QUERY: prints the rows of QUERY, tab-separated, no headers.
sql() {
    psql -X -q -v ON_ERROR_STOP=1 -A -t -F $'\t' -c "$1"
}

# More history on top of report_history.sh: a member with more hours and time off, a handover
# with new due date and effort, closed and reopened work, a due date on a Sunday, and a title
# with quotes and backslashes.
cat >>kept.toml <<'TOML'
[members.bob]
hours_per_week = 50
away = [{ from = 2026-11-30, to = 2026-12-02 }]
TOML
on 2026-11-23 add "Runbook" --client acme --owner bob --due 2026-12-11 --effort 24h
on 2026-11-23 add "Handover" --client acme --owner carol --due 2026-11-27 --effort 4h
on 2026-11-23 renegotiate 9 --owner erin --due 2026-12-04 --effort 12h --reason "carol is busy"
on 2026-11-23 add "Old ticket" --client acme --owner erin --due 2026-11-30 --effort 6h
on 2026-11-23 close 10 --delivered
on 2026-11-23 add "Spike" --client acme --owner erin --due 2026-12-09 --effort 8h
on 2026-11-23 close 11 --dropped
on 2026-11-23 reopen 11 --reason "back on"
on 2026-11-23 add "Weekend deploy" --client acme --owner frank --due 2026-11-29 --effort 5h
on 2026-11-23 add 'Fix "quoted" C:\temp\new' --client acme --owner frank --due 2026-12-03 --effort 2h

# Load, then load again: the second run adds nothing.
"$KEPT" --ledger "$LEDGER" export --events >events.ndjson || fail "export --events"
total=$(wc -l <events.ndjson)
out=$(sh "$recipe/load.sh" kept events.ndjson platform 2>&1)
expect_eq "$out" "kept_events: $total new of $total read (team platform)" "first load"
out=$("$KEPT" --ledger "$LEDGER" export --events | sh "$recipe/load.sh" kept - platform 2>&1)
expect_eq "$out" "kept_events: 0 new of $total read (team platform)" "second load"
expect_eq "$(sql "SELECT title FROM kept_commitments WHERE owner = 'frank' ORDER BY due DESC LIMIT 1")" \
    'Fix "quoted" C:\temp\new' "quotes and backslashes survive"
expect_eq "$(sql "SELECT owner, state, due, effort_minutes, original_effort_minutes, renegotiations
                  FROM kept_commitments WHERE title = 'Handover'" | tr '\t' ' ')" \
    "erin open 2026-12-04 720 240 1" "replayed renegotiation"
expect_eq "$(sql "SELECT string_agg(title || '=' || state || '/' || coalesce(closed::text, '-'), ' '
                  ORDER BY title) FROM kept_commitments WHERE owner = 'erin'")" \
    "Handover=open/- Old ticket=delivered/2026-11-23 Spike=open/-" "closed and reopened"

# Bad input loads nothing.
out=$(sh "$recipe/load.sh" kept 2>&1)
expect_eq "$?:$out" "64:usage: load.sh DBNAME EVENTS.ndjson [TEAM]" "load.sh without arguments"
out=$(sh "$recipe/load.sh" kept missing.ndjson 2>&1)
expect_eq "$?:$out" "66:load.sh: cannot read missing.ndjson" "load.sh on a missing file"
LEDGER=other.db on 2026-11-23 add "Elsewhere" --client acme --owner zoe --due 2026-12-01 --effort 1h
{ "$KEPT" --ledger other.db export --events; echo '{"uuid": oops'; } >bad.ndjson
sh "$recipe/load.sh" kept bad.ndjson other >/dev/null 2>&1 && fail "a malformed line was accepted"
expect_eq "$(sql "SELECT count(*) FROM kept_events WHERE team = 'other'")" 0 "nothing half-loaded"

# What kept.toml says about members goes into kept_capacity and kept_away.
sql "INSERT INTO kept_capacity VALUES ('alice', 32), ('bob', 50);
     INSERT INTO kept_away VALUES ('bob', '2026-11-30', '2026-12-02');" >/dev/null

# compare_on DAY: kept_load and kept_overload as of DAY match kept report as of DAY.
compare_on() {
    local day=$1 report pg_load kept_load pg_over kept_over ids
    sql "UPDATE kept_settings SET today = '$day'" >/dev/null
    report=$(KEPT_TODAY=$day "$KEPT" --ledger "$LEDGER" report --format json) ||
        fail "kept report on $day"
    kept_load=$(printf '%s' "$report" |
        jq -r '.load[] | [.owner, .week, .load_hours, .capacity_hours, .utilization] | @tsv')
    pg_load=$(sql "SELECT owner, week, load_hours, capacity_hours, utilization FROM kept_load
                   ORDER BY owner COLLATE \"C\", first_day")
    [ -n "$kept_load" ] || fail "no load rows from kept on $day"
    expect_eq "$(printf '%s\n' "$pg_load" | cut -f1,2)" "$(printf '%s\n' "$kept_load" | cut -f1,2)" \
        "owners and weeks on $day"
    local worst
    worst=$(paste <(printf '%s\n' "$kept_load") <(printf '%s\n' "$pg_load") | awk -F'\t' '
        function d(a, b) { return a > b ? a - b : b - a }
        {
            bad = 0
            for (i = 3; i <= 5; i++) if (d($i, $(i + 5)) >= 0.05 || ($i == "") != ($(i + 5) == "")) bad = 1
            if (bad) print
        }')
    expect_eq "$worst" "" "load figures on $day (kept | PostgreSQL)"

    ids=$("$KEPT" --ledger "$LEDGER" list --state all --format json | jq -c 'map({key: (.id | tostring), value: .uuid}) | from_entries')
    kept_over=$(printf '%s' "$report" | jq -r --argjson ids "$ids" '.flags[] | select(.kind == "overload")
        | [.owner, .week, .load_hours, .capacity_hours,
           ([.commitments[] | $ids[tostring]] | sort | join(","))] | @tsv')
    pg_over=$(sql "SELECT owner, week, round(load_hours, 2)::float8, round(capacity_hours, 2)::float8,
                          array_to_string(commitments, ',')
                   FROM kept_overload ORDER BY owner COLLATE \"C\", week")
    expect_eq "$pg_over" "$(printf '%s\n' "$kept_over" | sort -t$'\t' -k1,1 -k2,2)" \
        "overload flags on $day"
    OVERLOADS=$(printf '%s\n' "$pg_over" | cut -f1,2 | tr '\t\n' '  ')
}

# A Monday; a Thursday; a Saturday (no capacity left this week, the Sunday due date lumps onto
# Monday); a Tuesday in bob's time off (his overdue work waits for Thursday).
compare_on 2026-11-23
expect_eq "$OVERLOADS" "alice 2026-W48 " "who is overloaded on 2026-11-23"
compare_on 2026-11-26
compare_on 2026-11-28
compare_on 2026-12-01
expect_eq "$(sql "SELECT load_hours FROM kept_load WHERE owner = 'frank' AND week = '2026-W49'")" \
    7.00 "frank's week 49 on 2026-12-01: both lumps"

# Two ledgers change one commitment without seeing each other: loaded as two teams, the
# events are stored once, the later change wins, and kept_conflicts lists both.
sql "UPDATE kept_settings SET today = NULL" >/dev/null
"$KEPT" --ledger "$LEDGER" export --events | "$KEPT" --ledger mobile.db import >/dev/null ||
    fail "import into the second ledger"
on 2026-11-24 renegotiate 12 --due 2026-12-10 --reason "platform says"
LEDGER=mobile.db on 2026-11-24 renegotiate 12 --due 2026-12-09 --reason "mobile says"
"$KEPT" --ledger "$LEDGER" export --events >platform.ndjson
"$KEPT" --ledger mobile.db export --events >mobile.ndjson
out=$(sh "$recipe/load.sh" kept mobile.ndjson mobile 2>&1)
expect_eq "$out" "kept_events: 1 new of $((total + 1)) read (team mobile)" "second team's load"
sh "$recipe/load.sh" kept platform.ndjson platform >/dev/null 2>&1 || fail "reload platform"
expect_eq "$(sql "SELECT count(*) FROM kept_conflicts")" 1 "one conflict"
expect_eq "$(sql "SELECT array_to_string(events, ' ') FROM kept_conflicts")" \
    "$(tail -n 1 -q platform.ndjson mobile.ndjson | jq -rs 'sort_by([.clock, .origin]) | map(.uuid) | join(" ")')" \
    "the conflicting events, in replay order"
KEPT_TODAY=2026-11-24 "$KEPT" --ledger "$LEDGER" import mobile.ndjson >/dev/null || fail "merge"
expect_eq "$(sql "SELECT due FROM kept_commitments WHERE title = 'Weekend deploy'")" \
    "$("$KEPT" --ledger "$LEDGER" show 12 --format json | jq -r .due)" "the same winner as kept"

# With a lower threshold the views flag more, as kept does with report.overload_ratio.
sql "UPDATE kept_settings SET overload_ratio = 0.5" >/dev/null
cat >>kept.toml <<'TOML'
[report]
overload_ratio = 0.5
TOML
compare_on 2026-11-23

finish
