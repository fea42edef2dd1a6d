-- Schema 3 widens two indexes so that two reads are answered from the index alone. The day
-- index gains the commitment id: "which commitments changed after this day" (report --as-of).
-- The owner index gains created and effort: the owner's open work that every add and
-- renegotiate weighs against capacity. Each replaces the narrower index it contains.

DROP INDEX events_by_day;
CREATE INDEX events_by_day ON events (day, commitment_id);
DROP INDEX commitments_by_owner;
CREATE INDEX commitments_by_owner ON commitments (owner, state, due, created, effort_minutes);
