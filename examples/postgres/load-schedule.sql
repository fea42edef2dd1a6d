-- Loads one snapshot of kept's schedule, as of one day, into kept_snapshots, kept_forecast and
-- kept_load. Run by load-schedule.sh after schema.sql, in one transaction; set the psql variables
-- `team` and `as_of` first. Standard input holds the lines of `kept forecast --format ndjson`
-- and of `kept report --section load --format ndjson`, each after its source ('forecast' or
-- 'load') and a \x02.

-- Two loads at once take turns rather than clash on a snapshot's key; readers are not held up.
LOCK TABLE kept_snapshots IN SHARE ROW EXCLUSIVE MODE;

-- Staging, as in load.sql: CSV with a quote and a delimiter that JSON never holds raw keeps
-- backslashes and quotes as they are.
CREATE TEMP TABLE kept_schedule_raw (source text, line text) ON COMMIT DROP;
\copy kept_schedule_raw(source, line) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TEMP TABLE kept_schedule_lines ON COMMIT DROP AS
SELECT source, line::jsonb AS j FROM kept_schedule_raw WHERE line IS NOT NULL AND btrim(line) <> '';

-- The snapshot replaces the team's earlier one for the same day, rows and all (ON DELETE
-- CASCADE); snapshots of other days stay.
DELETE FROM kept_snapshots WHERE team = :'team' AND as_of = :'as_of'::date;
INSERT INTO kept_snapshots (team, as_of, forecast_rows, load_rows)
SELECT :'team', :'as_of'::date,
       count(*) FILTER (WHERE source = 'forecast'), count(*) FILTER (WHERE source = 'load')
FROM kept_schedule_lines;

-- A missing or mistyped field fails a cast, NOT NULL or CHECK, and the whole load with it: a
-- load record given as the forecast has no id, a forecast record given as the load no week.
INSERT INTO kept_forecast (team, as_of, id, uuid, title, client, client_kind, owner, due,
                           effort_hours, finish, slack_days, on_time_percent, status, talk_by)
SELECT :'team', :'as_of'::date, (j ->> 'id')::integer, (j ->> 'uuid')::uuid, j ->> 'title',
       j ->> 'client', j ->> 'client_kind', j ->> 'owner', (j ->> 'due')::date,
       (j ->> 'effort_hours')::numeric, (j ->> 'finish')::date, (j ->> 'slack_days')::integer,
       (j ->> 'on_time_percent')::numeric, j ->> 'status', (j ->> 'talk_by')::date
FROM kept_schedule_lines
WHERE source = 'forecast';

INSERT INTO kept_load (team, as_of, owner, week, week_start, load_hours, late_hours,
                       capacity_hours, utilization)
SELECT :'team', :'as_of'::date, j ->> 'owner', j ->> 'week', to_date(j ->> 'week', 'IYYY-"W"IW'),
       (j ->> 'load_hours')::numeric, (j ->> 'late_hours')::numeric,
       (j ->> 'capacity_hours')::numeric, (j ->> 'utilization')::numeric
FROM kept_schedule_lines
WHERE source = 'load';

SELECT forecast_rows, load_rows FROM kept_snapshots WHERE team = :'team' AND as_of = :'as_of'::date
\gset
\echo loaded :forecast_rows forecast and :load_rows load records (team :team, as of :as_of)
