-- Schema 9 holds the replicas' Ed25519 keys and their events' signatures (docs/sync.md, "Signed
-- events"). A signature is not part of an event's hash (it vouches for it), so it lives beside
-- the append-only events table, keyed by the event's seq, and is append-only too. A replica's
-- key is held from the event that announced it (since_seq) on; a key replaced with the team's
-- pin is a second row of the same origin.

CREATE TABLE event_signatures (
    seq INTEGER PRIMARY KEY,
    signature BLOB NOT NULL
);
CREATE TABLE replica_keys (
    origin TEXT NOT NULL,
    since_seq INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    PRIMARY KEY (origin, since_seq)
);
CREATE TRIGGER event_signatures_no_update BEFORE UPDATE ON event_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only: a signature cannot be changed'); END;
CREATE TRIGGER event_signatures_no_delete BEFORE DELETE ON event_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only: a signature cannot be deleted'); END;
CREATE TRIGGER replica_keys_no_update BEFORE UPDATE ON replica_keys
BEGIN SELECT RAISE(ABORT, 'replica keys are append-only: a key cannot be changed'); END;
CREATE TRIGGER replica_keys_no_delete BEFORE DELETE ON replica_keys
BEGIN SELECT RAISE(ABORT, 'replica keys are append-only: a key cannot be deleted'); END;
