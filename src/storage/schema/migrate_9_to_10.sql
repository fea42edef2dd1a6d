-- Schema 10 gives commitments the number of their scope items as a virtual column, computed
-- from the scope, and carries it in the open index. The creep flag reads it for an open
-- commitment whose scope grew; read from the row, it cost the report a table seek and a JSON
-- parse each (a seventh of the open commitments in the benchmark, half of the pages it read).

ALTER TABLE commitments ADD COLUMN scope_items INTEGER AS (json_array_length(scope)) VIRTUAL;
DROP INDEX commitments_open;
CREATE INDEX commitments_open ON commitments
    (id, owner, client, client_kind, created, due, original_due, effort_minutes,
     original_effort_minutes, scope_added, scope_dropped, renegotiations, late_renegotiations,
     fee_cents, original_fee_cents, known_finish, scope_items)
    WHERE state = 'open';
