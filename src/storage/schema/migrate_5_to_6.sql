-- Schema 6 remembers, per replica of the sync working copy, how far sync has imported its files
-- (the chunk, line and byte offset of the last event taken, with that event's hash: the chain's
-- hash of the whole prefix), so that a sync reads only what is new and still notices a
-- rewritten prefix; and where the file stops being importable, which report flags as sync.

CREATE TABLE replica_files (
    origin TEXT PRIMARY KEY,
    resume_part INTEGER NOT NULL,
    resume_offset INTEGER NOT NULL,
    resume_line INTEGER NOT NULL,
    last_uuid TEXT NOT NULL,
    last_hash TEXT NOT NULL,
    last_clock INTEGER NOT NULL,
    problem_part INTEGER,
    problem_line INTEGER,
    problem TEXT
);
