-- kept in PostgreSQL: tables and views over the events of `kept export --events`.
-- Safe to run again: tables are created when missing, functions and views are replaced.
-- See docs/postgresql.md for the recipe and what each view means.

SET client_min_messages = warning;

-- Every event of every loaded ledger, once: event uuids are global, so loading the same export
-- twice, or two teams' exports that share synced events, adds nothing new.
CREATE TABLE IF NOT EXISTS kept_events (
    uuid            uuid PRIMARY KEY,
    team            text NOT NULL,
    commitment_uuid uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('added', 'renegotiated', 'closed', 'reopened')),
    clock           bigint NOT NULL,
    origin          uuid NOT NULL,
    day             date NOT NULL,
    written_at      timestamptz NOT NULL,
    actor           text NOT NULL,
    payload         jsonb NOT NULL,
    reason          text,
    prev_hash       text NOT NULL,
    hash            text NOT NULL
);
CREATE INDEX IF NOT EXISTS kept_events_replay ON kept_events (commitment_uuid, clock, origin);

-- The knobs kept reads from kept.toml and the clock. One row; `today` NULL means current_date.
CREATE TABLE IF NOT EXISTS kept_settings (
    one            boolean PRIMARY KEY DEFAULT true CHECK (one),
    today          date,
    weeks          integer NOT NULL DEFAULT 8 CHECK (weeks BETWEEN 1 AND 520),
    overload_ratio double precision NOT NULL DEFAULT 1.0 CHECK (overload_ratio > 0),
    hours_per_week double precision NOT NULL DEFAULT 40 CHECK (hours_per_week BETWEEN 0 AND 168)
);
INSERT INTO kept_settings DEFAULT VALUES ON CONFLICT DO NOTHING;

-- [members.NAME] hours_per_week; owners not listed get kept_settings.hours_per_week.
CREATE TABLE IF NOT EXISTS kept_capacity (
    owner          text PRIMARY KEY,
    hours_per_week double precision NOT NULL DEFAULT 40 CHECK (hours_per_week BETWEEN 0 AND 168)
);

-- [members.NAME] away: days off, both ends inclusive.
CREATE TABLE IF NOT EXISTS kept_away (
    owner     text NOT NULL,
    first_day date NOT NULL,
    last_day  date NOT NULL
);

-- The settings as the views use them: today, and the Monday and Sunday bounding the horizon.
CREATE OR REPLACE VIEW kept_params AS
SELECT t.today,
       s.weeks,
       s.overload_ratio,
       s.hours_per_week,
       date_trunc('week', t.today)::date AS first_monday,
       date_trunc('week', t.today)::date + 7 * s.weeks - 1 AS horizon_end
FROM (SELECT * FROM kept_settings LIMIT 1) s -- LIMIT: the planner then knows it is one row
CROSS JOIN LATERAL (SELECT coalesce(s.today, current_date) AS today) t;

-- The days from first to last, both inclusive. A function with a ROWS estimate: left to guess the
-- size of generate_series, the planner expects 1000 rows, plans these small views as big queries
-- and compiles them (JIT) for longer than they take to run. STRICT keeps it from being inlined.
CREATE OR REPLACE FUNCTION kept_days(first date, last date) RETURNS SETOF date
LANGUAGE sql IMMUTABLE STRICT ROWS 20 AS $$
    SELECT generate_series(first, last, interval '1 day')::date
$$;

-- A working day (Monday to Friday) outside the owner's away periods.
CREATE OR REPLACE FUNCTION kept_available(who text, d date) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT extract(isodow FROM d) < 6
       AND NOT EXISTS (SELECT 1 FROM kept_away a
                       WHERE a.owner = who AND d BETWEEN a.first_day AND a.last_day)
$$;

-- Available days in [first, last], both inclusive; 0 when last < first.
CREATE OR REPLACE FUNCTION kept_available_days(who text, first date, last date) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT count(*)::integer FROM kept_days(first, last) AS g(day) WHERE kept_available(who, g.day)
$$;

-- The first available day on or after `since` within a year; `since` itself when there is none.
CREATE OR REPLACE FUNCTION kept_next_available(who text, since date) RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT coalesce(min(g.day), since)
    FROM kept_days(since, since + 365) AS g(day)
    WHERE kept_available(who, g.day)
$$;

-- The current state of each commitment: its events replayed in (clock, origin) order, the order
-- every kept replica applies them in.
CREATE OR REPLACE VIEW kept_commitments AS
SELECT a.commitment_uuid AS uuid,
       a.team,
       a.payload ->> 'title' AS title,
       a.payload ->> 'client' AS client,
       a.payload ->> 'client_kind' AS client_kind,
       coalesce(o.owner, a.payload ->> 'owner') AS owner,
       coalesce(st.state, 'open') AS state,
       (a.payload ->> 'created')::date AS created,
       coalesce(d.due, (a.payload ->> 'due')::date) AS due,
       (a.payload ->> 'due')::date AS original_due,
       st.closed,
       coalesce(e.effort, (a.payload ->> 'effort_minutes')::integer) AS effort_minutes,
       (a.payload ->> 'effort_minutes')::integer AS original_effort_minutes,
       r.renegotiations,
       r.late_renegotiations
FROM kept_events a
LEFT JOIN LATERAL (
    SELECT x.payload -> 'due' ->> 'after' AS due_text FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'renegotiated' AND x.payload ? 'due'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) dt ON true
LEFT JOIN LATERAL (SELECT dt.due_text::date AS due) d ON true
LEFT JOIN LATERAL (
    SELECT (x.payload -> 'effort_minutes' ->> 'after')::integer AS effort FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'renegotiated'
      AND x.payload ? 'effort_minutes'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) e ON true
LEFT JOIN LATERAL (
    SELECT x.payload -> 'owner' ->> 'after' AS owner FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'renegotiated' AND x.payload ? 'owner'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) o ON true
LEFT JOIN LATERAL (
    SELECT CASE x.kind WHEN 'closed' THEN x.payload -> 'state' ->> 'after' ELSE 'open' END AS state,
           CASE x.kind WHEN 'closed' THEN (x.payload ->> 'on')::date END AS closed
    FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind IN ('closed', 'reopened')
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) st ON true
CROSS JOIN LATERAL (
    SELECT count(*)::integer AS renegotiations,
           count(*) FILTER (WHERE (x.payload ->> 'late')::boolean)::integer AS late_renegotiations
    FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'renegotiated') r
WHERE a.kind = 'added';

-- How each open commitment's remaining effort falls on its owner's calendar: spread evenly over
-- the available days from max(today, created) to due, or in one lump (overdue work on the first
-- available day from today; work with no available day in its window on the first from due).
CREATE OR REPLACE VIEW kept_spreads AS
-- MATERIALIZED: each calendar function runs once per commitment, not once per mention.
WITH open AS MATERIALIZED (
    SELECT c.uuid, c.owner, c.due, c.effort_minutes, greatest(c.created, p.today) AS start,
           p.today
    FROM kept_commitments c CROSS JOIN kept_params p
    WHERE c.state = 'open'
),
windows AS MATERIALIZED (
    SELECT o.*,
           CASE WHEN o.due >= o.today AND o.start <= o.due
                THEN kept_available_days(o.owner, o.start, o.due) ELSE 0 END AS days
    FROM open o
),
lumps AS MATERIALIZED (
    SELECT w.*,
           CASE WHEN w.due < w.today THEN kept_next_available(w.owner, w.today)
                WHEN w.days = 0 THEN kept_next_available(w.owner, w.due) END AS lump_on
    FROM windows w
)
SELECT uuid,
       owner,
       due,
       effort_minutes,
       coalesce(lump_on, start) AS from_day,
       coalesce(lump_on, due) AS to_day,
       CASE WHEN lump_on IS NULL THEN effort_minutes::double precision / days ELSE 0 END
           AS per_day_minutes,
       CASE WHEN lump_on IS NULL THEN 0 ELSE effort_minutes::double precision END AS lump_minutes
FROM lumps;

-- Minutes of each open commitment on each day of the horizon, from today on.
CREATE OR REPLACE VIEW kept_daily_load AS
SELECT s.owner, s.uuid, g.day,
       CASE WHEN s.lump_minutes > 0 THEN s.lump_minutes ELSE s.per_day_minutes END AS minutes
FROM (SELECT * FROM kept_spreads OFFSET 0) s -- OFFSET 0: computed once, not per day
CROSS JOIN kept_params p
CROSS JOIN LATERAL kept_days(greatest(s.from_day, p.today), least(s.to_day, p.horizon_end)) AS g(day)
WHERE s.lump_minutes > 0 OR (s.per_day_minutes > 0 AND kept_available(s.owner, g.day));

-- Each owner (with open work, or listed in kept_capacity) in each week of the horizon: the load
-- and capacity of the week's days from today on, as `kept report --section load` shows them.
CREATE OR REPLACE VIEW kept_load AS
WITH spreads AS MATERIALIZED (SELECT owner FROM kept_spreads),
daily AS MATERIALIZED (SELECT * FROM kept_daily_load),
owners AS (SELECT owner FROM spreads UNION SELECT owner FROM kept_capacity),
weeks AS (
    SELECT greatest(m.monday, p.today) AS first_day, m.monday + 6 AS last_day
    FROM kept_params p
    CROSS JOIN LATERAL kept_days(p.first_monday, p.horizon_end) AS m(monday)
    WHERE extract(isodow FROM m.monday) = 1
),
cells AS (
    SELECT o.owner,
           to_char(w.first_day, 'IYYY-"W"IW') AS week,
           w.first_day,
           w.last_day,
           coalesce(sum(d.minutes), 0) AS load_minutes,
           coalesce(cap.hours_per_week, p.hours_per_week) * 60.0 / 5
               * kept_available_days(o.owner, w.first_day, w.last_day) AS capacity_minutes,
           array_agg(DISTINCT d.uuid ORDER BY d.uuid) FILTER (WHERE d.minutes > 1e-6)
               AS commitments
    FROM owners o
    CROSS JOIN weeks w
    CROSS JOIN kept_params p
    LEFT JOIN kept_capacity cap ON cap.owner = o.owner
    LEFT JOIN daily d ON d.owner = o.owner AND d.day BETWEEN w.first_day AND w.last_day
    GROUP BY o.owner, w.first_day, w.last_day, cap.hours_per_week, p.hours_per_week
)
SELECT owner,
       week,
       first_day,
       last_day,
       round((load_minutes / 60)::numeric, 2) AS load_hours,
       round((capacity_minutes / 60)::numeric, 2) AS capacity_hours,
       CASE WHEN capacity_minutes > 0
            THEN round((100 * load_minutes / capacity_minutes)::numeric, 1) END AS utilization,
       load_minutes > capacity_minutes * (SELECT overload_ratio FROM kept_params) + 1e-6
           AS overloaded,
       load_minutes,
       capacity_minutes,
       coalesce(commitments, '{}') AS commitments
FROM cells;

-- The overload flags of `kept report`: owner-weeks whose load is above capacity times
-- kept_settings.overload_ratio, with the commitments that put work in that week.
CREATE OR REPLACE VIEW kept_overload AS
SELECT owner, week, load_hours, capacity_hours, utilization, commitments
FROM kept_load
WHERE overloaded;

-- Concurrent edits, as `kept sync` reports them: changes to one commitment written on different
-- ledgers on top of the same latest event (payload `base`), neither having seen the other. The
-- views above apply the later one in (clock, origin) order, as kept does; this lists them so a
-- person can look.
CREATE OR REPLACE VIEW kept_conflicts AS
SELECT commitment_uuid,
       payload ->> 'base' AS base,
       array_agg(uuid ORDER BY clock, origin) AS events,
       array_agg(actor ORDER BY clock, origin) AS actors
FROM kept_events
WHERE kind <> 'added' AND jsonb_typeof(payload -> 'base') = 'string' AND payload ->> 'base' <> ''
GROUP BY commitment_uuid, payload ->> 'base'
HAVING count(DISTINCT origin) > 1;
