#!/usr/bin/env bash
# The PostgreSQL recipe (examples/postgres, docs/postgresql.md): a ledger's events loaded with
# load.sh replay into the commitments kept holds, and kept's own forecast and load table loaded
# with load-schedule.sh come back from PostgreSQL exactly as kept printed them, for several days.
# Needs a PostgreSQL server it can start itself (Debian's postgresql package); skipped otherwise.
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
# with new due date and effort, closed and reopened work, a due date on a Sunday, a title with
# quotes and backslashes, and work for a member with no hours (it never finishes).
cat >>kept.toml <<'TOML'
[members.bob]
hours_per_week = 50
away = [{ from = 2026-11-30, to = 2026-12-02 }]
[members.gus]
hours_per_week = 0
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
on 2026-11-23 add "Sizing" --client globex --owner gus --due 2026-12-18 --effort 3h
# Corrections: title, client and kind come from the last edit that changed each.
on 2026-11-23 edit 8 --title "Run book" --client "acme ops" --internal --tag ops --reason "typos"
on 2026-11-23 edit 8 --title "Runbook (ops)" --reason "the team's name for it"

# A database set up by the older recipe, which derived the load in SQL: its views and functions
# (these stand-ins have the same names, kinds and dependencies) make way for the new tables.
sql "CREATE TABLE kept_settings (one boolean PRIMARY KEY DEFAULT true, today date);
     CREATE TABLE kept_capacity (owner text PRIMARY KEY, hours_per_week double precision);
     CREATE FUNCTION kept_days(first date, last date) RETURNS SETOF date LANGUAGE sql
         AS 'SELECT generate_series(first, last, interval ''1 day'')::date';
     CREATE FUNCTION kept_available(who text, d date) RETURNS boolean LANGUAGE sql
         AS 'SELECT extract(isodow FROM d) < 6';
     CREATE FUNCTION kept_available_days(who text, first date, last date) RETURNS integer
         LANGUAGE sql AS 'SELECT count(*)::integer FROM kept_days(first, last) g(d)
                          WHERE kept_available(who, g.d)';
     CREATE FUNCTION kept_next_available(who text, since date) RETURNS date LANGUAGE sql
         AS 'SELECT since';
     CREATE VIEW kept_params AS SELECT coalesce(today, current_date) AS today FROM kept_settings;
     CREATE VIEW kept_spreads AS SELECT 'alice'::text AS owner, kept_next_available('alice', today)
         AS day FROM kept_params;
     CREATE VIEW kept_daily_load AS SELECT s.owner, g.day FROM kept_spreads s,
         kept_days(s.day, s.day) g(day) WHERE kept_available(s.owner, g.day);
     CREATE VIEW kept_load AS SELECT d.owner, d.day, c.hours_per_week FROM kept_daily_load d
         LEFT JOIN kept_capacity c USING (owner);
     CREATE VIEW kept_overload AS SELECT * FROM kept_load;" >/dev/null ||
    fail "the older recipe's objects"

# Load, then load again: the second run adds nothing.
"$KEPT" --ledger "$LEDGER" export --events >events.ndjson || fail "export --events"
total=$(wc -l <events.ndjson)
out=$(sh "$recipe/load.sh" kept events.ndjson platform 2>&1)
expect_eq "$out" "kept_events: $total new of $total read (team platform)" "first load"
expect_eq "$(sql "SELECT string_agg(relname || ':' || relkind::text, ' ' ORDER BY relname) FROM pg_class
                  WHERE relname IN ('kept_overload', 'kept_load', 'kept_daily_load', 'kept_spreads',
                                    'kept_params')")" "kept_load:r" "the older views replaced"
expect_eq "$(sql "SELECT count(*) FROM pg_proc WHERE proname LIKE 'kept%'")" 0 \
    "the older functions dropped"
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
expect_eq "$(sql "SELECT title || '/' || client || '/' || client_kind FROM kept_commitments
                  WHERE title LIKE 'Run%'")" "Runbook (ops)/acme ops/internal" "replayed edits"

# Bad input loads nothing.
out=$(sh "$recipe/load.sh" kept 2>&1)
expect_eq "$?:$out" "64:usage: load.sh DBNAME EVENTS.ndjson [TEAM]" "load.sh without arguments"
out=$(sh "$recipe/load.sh" kept missing.ndjson 2>&1)
expect_eq "$?:$out" "66:load.sh: cannot read missing.ndjson" "load.sh on a missing file"
LEDGER=other.db on 2026-11-23 add "Elsewhere" --client acme --owner zoe --due 2026-12-01 --effort 1h
{ "$KEPT" --ledger other.db export --events; echo '{"uuid": oops'; } >bad.ndjson
sh "$recipe/load.sh" kept bad.ndjson other >/dev/null 2>&1 && fail "a malformed line was accepted"
expect_eq "$(sql "SELECT count(*) FROM kept_events WHERE team = 'other'")" 0 "nothing half-loaded"

# kept's schedule goes in as kept printed it. schedule_of DAY: kept's forecast and load rows as of
# DAY, in DAY.forecast.ndjson and DAY.load.ndjson.
schedule_of() {
    KEPT_TODAY=$1 "$KEPT" --ledger "$LEDGER" forecast --format ndjson >"$1.forecast.ndjson" ||
        fail "kept forecast on $1"
    KEPT_TODAY=$1 "$KEPT" --ledger "$LEDGER" report --section load --format ndjson \
        >"$1.load.ndjson" || fail "kept report --section load on $1"
}

# rows FILE: its number of lines.
rows() {
    wc -l <"$1" | tr -d ' '
}

# loaded DAY: what load-schedule.sh says when it has loaded DAY's files.
loaded() {
    echo "loaded $(rows "$1.forecast.ndjson") forecast and $(rows "$1.load.ndjson") load records" \
        "(team platform, as of $1)"
}

# expect_rows ACTUAL EXPECTED WHAT: like expect_eq, showing only the lines that differ.
expect_rows() {
    [ "$1" = "$2" ] || fail "$3 differ (< PostgreSQL, > kept):
$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2"))"
}

# jq filters: every number printed the same way, whether PostgreSQL or kept wrote it (30.0 and 30).
NUMBERS='walk(if type == "number" then . + 0 else . end)'
FORECAST_FIELDS='{id, uuid, title, client, client_kind, owner, due, effort_hours, finish,
                  slack_days, on_time_percent, status, talk_by}'
LOAD_FIELDS='{owner, week, load_hours, late_hours, capacity_hours, utilization}'

# compare_on DAY: kept's forecast and load rows as of DAY, loaded with load-schedule.sh, come back
# from kept_forecast and kept_load field for field; the load rows are those of `kept report`.
compare_on() {
    local day=$1 out kept_rows pg_rows
    schedule_of "$day"
    [ -s "$day.forecast.ndjson" ] || fail "no forecast from kept on $day"
    [ -s "$day.load.ndjson" ] || fail "no load rows from kept on $day"
    out=$(sh "$recipe/load-schedule.sh" kept platform "$day.forecast.ndjson" "$day.load.ndjson" \
        "$day" 2>&1)
    expect_eq "$out" "$(loaded "$day")" "load-schedule.sh on $day"

    kept_rows=$(jq -sc "sort_by(.id)[] | $FORECAST_FIELDS | $NUMBERS" "$day.forecast.ndjson")
    pg_rows=$(sql "SELECT row_to_json(f) FROM (
                       SELECT id, uuid, title, client, client_kind, owner, due, effort_hours,
                              finish, slack_days, on_time_percent, status, talk_by
                       FROM kept_forecast WHERE team = 'platform' AND as_of = '$day'
                       ORDER BY id) f" |
        jq -c "$NUMBERS")
    expect_rows "$pg_rows" "$kept_rows" "forecast rows on $day"

    kept_rows=$(KEPT_TODAY=$day "$KEPT" --ledger "$LEDGER" report --format json |
        jq -c ".load | sort_by([.owner, .week])[] | $LOAD_FIELDS | $NUMBERS") ||
        fail "kept report on $day"
    pg_rows=$(sql "SELECT row_to_json(l) FROM (
                       SELECT owner, week, load_hours, late_hours, capacity_hours, utilization
                       FROM kept_load WHERE team = 'platform' AND as_of = '$day'
                       ORDER BY owner COLLATE \"C\", week) l" | jq -c "$NUMBERS")
    [ -n "$kept_rows" ] || fail "no load rows in kept report on $day"
    expect_rows "$pg_rows" "$kept_rows" "load rows on $day"

    # The forecast names the commitments the events replay into: open, with the same fields.
    expect_eq "$(sql "SELECT count(*) FROM kept_forecast f LEFT JOIN kept_commitments c USING (uuid)
                      WHERE f.team = 'platform' AND f.as_of = '$day'
                        AND (c.uuid IS NULL OR c.state <> 'open'
                             OR (c.title, c.client, c.client_kind, c.owner, c.due) IS DISTINCT
                                FROM (f.title, f.client, f.client_kind, f.owner, f.due))")" \
        0 "forecast rows without their commitment on $day"
    expect_eq "$(sql "SELECT count(*) FROM kept_commitments
                      WHERE team = 'platform' AND state = 'open'")" \
        "$(rows "$day.forecast.ndjson")" "one forecast row per open commitment on $day"
}

# A Monday; a Thursday; a Saturday (no capacity left this week); a Tuesday in bob's time off.
DAYS="2026-11-23 2026-11-26 2026-11-28 2026-12-01"
for day in $DAYS; do
    compare_on "$day"
done
expect_eq "$(sql "SELECT string_agg(as_of::text, ' ' ORDER BY as_of) FROM kept_snapshots
                  WHERE team = 'platform'")" "$DAYS" "one snapshot per day"
expect_eq "$(sql "SELECT DISTINCT week_start FROM kept_load WHERE week = '2026-W49'")" \
    2026-11-30 "week_start is the week's Monday"

# What a team asks: which clients will we let down, and by when must someone talk to them? The
# latest snapshot's commitments that will miss, per client, with their history from the events.
listed=$("$KEPT" --ledger "$LEDGER" list --format json) || fail "kept list"
latest=${DAYS##* }
expected=$(jq -rn --slurpfile f "$latest.forecast.ndjson" --argjson listed "$listed" '
    ($listed | map({key: .uuid, value: .renegotiations}) | from_entries) as $renegotiations
    | $f | map(select(.status == "will miss")) | group_by(.client)[]
    | [.[0].client, length, (map(.talk_by | values) | min),
       (sort_by([.due, .id]) | map("#\(.id) \(.title)") | join(", ")),
       (map($renegotiations[.uuid]) | add)]
    | @tsv')
[ -n "$expected" ] || fail "nothing will miss on $latest: the query below checks nothing"
expect_eq "$(sql "SELECT f.client, count(*), min(f.talk_by),
                         string_agg('#' || f.id || ' ' || f.title, ', ' ORDER BY f.due, f.id),
                         sum(c.renegotiations)
                  FROM kept_forecast_latest f JOIN kept_commitments c USING (uuid)
                  WHERE f.team = 'platform' AND f.status = 'will miss'
                  GROUP BY f.client ORDER BY f.client COLLATE \"C\"")" \
    "$expected" "commitments that will miss, per client, on $latest"
# On Tuesday 2026-12-01 alice's, bob's, dave's and frank's overdue work is still open (bob is away
# through Wednesday): late already, with no day left to talk before the due date. gus has no
# hours, so his work never finishes; with no working day of his before its due date, that date
# is the day to talk by.
expect_eq "$expected" "$(printf '%s\t%s\t%s\t%s\t%s\n' \
    acme 4 "" "#6 Invoice export, #1 Export API, #5 Migration, #12 Weekend deploy" 0 \
    billing 1 "" "#2 Fix login" 1 globex 1 2026-12-18 "#14 Sizing" 0 initech 1 "" "#7 Hotfix" 0)" \
    "who will miss on $latest"
expect_eq "$(sql "SELECT coalesce(finish::text, 'never') || ' ' || coalesce(slack_days::text, '-')
                  FROM kept_forecast_latest WHERE title = 'Sizing'")" "never -" \
    "work that never finishes"

# And how the schedule moved: the finish kept forecast for each commitment, day by day.
expected=$(for day in $DAYS; do jq -r --arg day "$day" '[.id, $day, .finish // ""] | @tsv' \
    "$day.forecast.ndjson"; done | sort -t$'\t' -k1,1n -k2,2)
expect_eq "$(sql "SELECT id, as_of, finish FROM kept_forecast WHERE team = 'platform'
                  ORDER BY id, as_of")" "$expected" "the finish dates of every snapshot"

# Loading a day again replaces its snapshot (AS_OF from KEPT_TODAY when not given); bad input
# loads nothing and leaves the snapshot as it was.
first=${DAYS%% *}
snapshot() {
    sql "SELECT row_to_json(f) FROM kept_forecast f WHERE team = 'platform' AND as_of = '$first'
         ORDER BY id;
         SELECT row_to_json(l) FROM kept_load l WHERE team = 'platform' AND as_of = '$first'
         ORDER BY owner, week"
}
before=$(snapshot)
out=$(KEPT_TODAY=$first sh "$recipe/load-schedule.sh" kept platform "$first.forecast.ndjson" \
    "$first.load.ndjson" 2>&1)
expect_eq "$out" "$(loaded "$first")" "loading $first again"
expect_eq "$(snapshot)" "$before" "the same snapshot after loading it again"
{ cat "$first.forecast.ndjson"; echo '{"id": oops'; } >bad.forecast.ndjson
sh "$recipe/load-schedule.sh" kept platform bad.forecast.ndjson "$first.load.ndjson" "$first" \
    >/dev/null 2>&1 && fail "a malformed forecast line was accepted"
sh "$recipe/load-schedule.sh" kept platform "$first.load.ndjson" "$first.forecast.ndjson" "$first" \
    >/dev/null 2>&1 && fail "load rows were accepted as the forecast"
jq -c '.status = "fine"' "$first.forecast.ndjson" >odd.forecast.ndjson
sh "$recipe/load-schedule.sh" kept platform odd.forecast.ndjson "$first.load.ndjson" "$first" \
    >/dev/null 2>&1 && fail "an unknown status was accepted"
expect_eq "$(snapshot)" "$before" "the snapshot after bad input"
expect_eq "$(sql "SELECT count(*) FROM kept_snapshots")" "$(wc -w <<<"$DAYS")" \
    "no snapshot from bad input"
out=$(sh "$recipe/load-schedule.sh" kept platform 2>&1)
expect_eq "$?:$out" "64:usage: load-schedule.sh DBNAME TEAM FORECAST.ndjson LOAD.ndjson [AS_OF]" \
    "load-schedule.sh without files"
out=$(sh "$recipe/load-schedule.sh" kept platform missing.ndjson "$first.load.ndjson" 2>&1)
expect_eq "$?:$out" "66:load-schedule.sh: cannot read missing.ndjson" \
    "load-schedule.sh on a missing file"
out=$(sh "$recipe/load-schedule.sh" kept platform "$first.forecast.ndjson" "$first.load.ndjson" \
    23/11/2026 2>&1)
expect_eq "$?:$out" "65:load-schedule.sh: AS_OF must be a date, YYYY-MM-DD: 23/11/2026" \
    "load-schedule.sh with a bad day"

# Two ledgers change one commitment without seeing each other: loaded as two teams, the
# events are stored once, the later change wins, and kept_conflicts lists both.
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

# The merged ledger's forecast names the winner's due date, the one kept_commitments replays.
schedule_of 2026-11-24
sh "$recipe/load-schedule.sh" kept platform 2026-11-24.forecast.ndjson 2026-11-24.load.ndjson \
    2026-11-24 >/dev/null 2>&1 || fail "load the schedule after the merge"
winner=$("$KEPT" --ledger "$LEDGER" show 12 --format json | jq -r .due)
expect_eq "$(sql "SELECT f.due || ' ' || c.due
                  FROM kept_forecast f JOIN kept_commitments c USING (uuid)
                  WHERE f.team = 'platform' AND f.as_of = '2026-11-24' AND f.id = 12")" \
    "$winner $winner" "forecast and replay agree on the winner"

finish
