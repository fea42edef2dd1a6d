-- kept in PostgreSQL: the events of `kept export --events`, the commitments replayed from them,
-- and kept's own forecast and load table (`kept forecast`, `kept report --section load`), one
-- snapshot per team and day. Safe to run again: tables are created when missing, views replaced.
-- See docs/postgresql.md for the recipe and what each table and view means.

SET client_min_messages = warning;

-- Upgrading from the recipe that re-derived the load in SQL: its views and functions go (the new
-- kept_load is a table, which CREATE TABLE IF NOT EXISTS would not create over the old view). Its
-- tables kept_settings, kept_capacity and kept_away are left alone; nothing reads them any more.
DROP VIEW IF EXISTS kept_overload;
DO $$
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('kept_load')) = 'v' THEN
        DROP VIEW kept_load;
    END IF;
END
$$;
DROP VIEW IF EXISTS kept_daily_load, kept_spreads, kept_params;
DROP FUNCTION IF EXISTS kept_next_available(text, date), kept_available_days(text, date, date),
    kept_available(text, date), kept_days(date, date);

-- Every event of every loaded ledger, once: event uuids are global, so loading the same export
-- twice, or two teams' exports that share synced events, adds nothing new.
CREATE TABLE IF NOT EXISTS kept_events (
    uuid            uuid PRIMARY KEY,
    team            text NOT NULL,
    commitment_uuid uuid NOT NULL,
    kind            text NOT NULL,
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
-- The kinds kept writes, set again on every run: a table made before `edited` existed holds the
-- older list.
ALTER TABLE kept_events DROP CONSTRAINT IF EXISTS kept_events_kind_check;
ALTER TABLE kept_events ADD CONSTRAINT kept_events_kind_check
    CHECK (kind IN ('added', 'renegotiated', 'closed', 'reopened', 'edited'));

-- The current state of each commitment: its events replayed in (clock, origin) order, the order
-- every kept replica applies them in.
CREATE OR REPLACE VIEW kept_commitments AS
SELECT a.commitment_uuid AS uuid,
       a.team,
       coalesce(ti.title, a.payload ->> 'title') AS title,
       coalesce(cl.client, a.payload ->> 'client') AS client,
       coalesce(ck.client_kind, a.payload ->> 'client_kind') AS client_kind,
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
    SELECT x.payload -> 'title' ->> 'after' AS title FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'edited' AND x.payload ? 'title'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) ti ON true
LEFT JOIN LATERAL (
    SELECT x.payload -> 'client' ->> 'after' AS client FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'edited' AND x.payload ? 'client'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) cl ON true
LEFT JOIN LATERAL (
    SELECT x.payload -> 'client_kind' ->> 'after' AS client_kind FROM kept_events x
    WHERE x.commitment_uuid = a.commitment_uuid AND x.kind = 'edited'
      AND x.payload ? 'client_kind'
    ORDER BY x.clock DESC, x.origin DESC LIMIT 1) ck ON true
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

-- Concurrent edits, as `kept sync` reports them: changes to one commitment written on different
-- ledgers on top of the same latest event (payload `base`), neither having seen the other.
-- kept_commitments applies the later one in (clock, origin) order, as kept does; this lists them
-- so a person can look.
CREATE OR REPLACE VIEW kept_conflicts AS
SELECT commitment_uuid,
       payload ->> 'base' AS base,
       array_agg(uuid ORDER BY clock, origin) AS events,
       array_agg(actor ORDER BY clock, origin) AS actors
FROM kept_events
WHERE kind <> 'added' AND jsonb_typeof(payload -> 'base') = 'string' AND payload ->> 'base' <> ''
GROUP BY commitment_uuid, payload ->> 'base'
HAVING count(DISTINCT origin) > 1;

-- kept's schedule, loaded as kept computed it (load-schedule.sh): one snapshot per team and day.
-- The schedule's rule (each owner works their open commitments earliest due first, day by day, on
-- their working days) lives in kept alone; nothing below re-derives it.
CREATE TABLE IF NOT EXISTS kept_snapshots (
    team          text NOT NULL,
    as_of         date NOT NULL,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    forecast_rows integer NOT NULL,
    load_rows     integer NOT NULL,
    PRIMARY KEY (team, as_of)
);

-- `kept forecast --format ndjson` as of the snapshot's day: one row per open commitment.
CREATE TABLE IF NOT EXISTS kept_forecast (
    team            text NOT NULL,
    as_of           date NOT NULL,
    id              integer NOT NULL,
    uuid            uuid NOT NULL,
    title           text NOT NULL,
    client          text NOT NULL,
    client_kind     text NOT NULL CHECK (client_kind IN ('internal', 'external')),
    owner           text NOT NULL,
    due             date NOT NULL,
    effort_hours    numeric NOT NULL CHECK (effort_hours >= 0),
    finish          date,
    slack_days      integer,
    on_time_percent numeric NOT NULL CHECK (on_time_percent BETWEEN 0 AND 100),
    status          text NOT NULL CHECK (status IN ('on track', 'at risk', 'will miss')),
    talk_by         date,
    PRIMARY KEY (team, as_of, uuid),
    UNIQUE (team, as_of, id),
    FOREIGN KEY (team, as_of) REFERENCES kept_snapshots (team, as_of) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS kept_forecast_uuid ON kept_forecast (uuid);

-- `kept report --section load --format ndjson` as of the snapshot's day: one row per owner and
-- ISO week of the horizon. week_start (the week's Monday) is read from `week`, for date ranges.
CREATE TABLE IF NOT EXISTS kept_load (
    team           text NOT NULL,
    as_of          date NOT NULL,
    owner          text NOT NULL,
    week           text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
    week_start     date NOT NULL,
    load_hours     numeric NOT NULL CHECK (load_hours >= 0),
    late_hours     numeric NOT NULL CHECK (late_hours >= 0),
    capacity_hours numeric NOT NULL CHECK (capacity_hours >= 0),
    utilization    numeric,
    PRIMARY KEY (team, as_of, owner, week),
    FOREIGN KEY (team, as_of) REFERENCES kept_snapshots (team, as_of) ON DELETE CASCADE
);

-- Each team's latest snapshot (its greatest as_of): the schedule as kept last saw it.
CREATE OR REPLACE VIEW kept_forecast_latest AS
SELECT f.*
FROM kept_forecast f
JOIN (SELECT team, max(as_of) AS as_of FROM kept_snapshots GROUP BY team) s USING (team, as_of);

CREATE OR REPLACE VIEW kept_load_latest AS
SELECT l.*
FROM kept_load l
JOIN (SELECT team, max(as_of) AS as_of FROM kept_snapshots GROUP BY team) s USING (team, as_of);
