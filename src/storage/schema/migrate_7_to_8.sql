-- Schema 8 keeps a commitment's fee (add/renegotiate --fee, in hundredths of [team] currency)
-- and the fee first promised, which the creep flag compares; and the schedule's finish for it
-- when it was last renegotiated, which the heads-up flag compares. The open index carries them
-- and the client, which the heads-up flag names.

ALTER TABLE commitments ADD COLUMN fee_cents INTEGER;
ALTER TABLE commitments ADD COLUMN original_fee_cents INTEGER;
ALTER TABLE commitments ADD COLUMN known_finish TEXT;
-- No event written before schema 8 holds a fee or a projected finish: nothing to fill.
DROP INDEX commitments_open;
CREATE INDEX commitments_open ON commitments
    (id, owner, client, client_kind, created, due, original_due, effort_minutes,
     original_effort_minutes, scope_added, scope_dropped, renegotiations, late_renegotiations,
     fee_cents, original_fee_cents, known_finish)
    WHERE state = 'open';
