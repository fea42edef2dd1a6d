-- Schema 2: events are append-only in the database itself, not only by kept's own discipline. A
-- slip in kept's code or a hand-typed UPDATE in the sqlite3 shell now fails instead of rewriting
-- history (someone set on tampering can drop the triggers; `kept verify` catches that edit).

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted'); END;
