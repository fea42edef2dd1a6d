-- Schema 1: a new ledger starts here, then takes every migration in turn.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    commitment_id   INTEGER NOT NULL,
    commitment_uuid TEXT NOT NULL,
    ts              TEXT NOT NULL,
    day             TEXT NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    reason          TEXT,
    origin          TEXT NOT NULL,
    clock           INTEGER NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX events_by_commitment ON events (commitment_id, clock, origin);
CREATE INDEX events_by_origin ON events (origin, seq);
CREATE INDEX events_by_clock ON events (clock, origin);
CREATE INDEX events_by_day ON events (day);
CREATE TABLE commitments (
    id                      INTEGER PRIMARY KEY,
    uuid                    TEXT NOT NULL UNIQUE,
    title                   TEXT NOT NULL,
    client                  TEXT NOT NULL,
    client_kind             TEXT NOT NULL,
    owner                   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    due                     TEXT NOT NULL,
    original_due            TEXT NOT NULL,
    effort_minutes          INTEGER NOT NULL,
    original_effort_minutes INTEGER NOT NULL,
    scope                   TEXT NOT NULL,
    tags                    TEXT NOT NULL,
    created                 TEXT NOT NULL,
    closed                  TEXT,
    renegotiations          INTEGER NOT NULL,
    late_renegotiations     INTEGER NOT NULL,
    scope_added             INTEGER NOT NULL,
    scope_dropped           INTEGER NOT NULL,
    last_clock              INTEGER NOT NULL
);
CREATE INDEX commitments_by_owner ON commitments (owner, state, due);
CREATE INDEX commitments_by_state ON commitments (state, due);
CREATE INDEX commitments_by_client ON commitments (client, state, due);
