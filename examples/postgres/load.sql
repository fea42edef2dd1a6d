-- Loads one `kept export --events` NDJSON stream (psql's standard input) into kept_events.
-- Run by load.sh after schema.sql, in one transaction; set the psql variable `team` first.

-- Staging: each NDJSON line as one text value. CSV with a quote and a delimiter that JSON never
-- holds raw keeps backslashes and quotes as they are.
CREATE TEMP TABLE kept_raw (line text) ON COMMIT DROP;
\copy kept_raw(line) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')

WITH lines AS (
    SELECT line::jsonb AS j FROM kept_raw WHERE line IS NOT NULL AND btrim(line) <> ''
),
added AS (
    INSERT INTO kept_events (uuid, team, commitment_uuid, kind, clock, origin, day, written_at,
                             actor, payload, reason, prev_hash, hash)
    SELECT (j ->> 'uuid')::uuid, :'team', (j ->> 'commitment_uuid')::uuid, j ->> 'kind',
           (j ->> 'clock')::bigint, (j ->> 'origin')::uuid, (j ->> 'day')::date,
           (j ->> 'timestamp')::timestamptz, j ->> 'actor', j -> 'payload', j ->> 'reason',
           j ->> 'prev_hash', j ->> 'hash'
    FROM lines
    ON CONFLICT (uuid) DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM lines) AS read_count, (SELECT count(*) FROM added) AS new_count
\gset
\echo kept_events: :new_count new of :read_count read (team :team)
