-- Schema 5 keeps the effort a delivered commitment really took (close --spent), which the
-- schedule's Monte Carlo learns each owner's accuracy from; the delivered index carries it.

ALTER TABLE commitments ADD COLUMN spent_minutes INTEGER;
DROP INDEX commitments_delivered;
CREATE INDEX commitments_delivered ON commitments
    (owner, created, original_due, closed, effort_minutes, original_effort_minutes, spent_minutes)
    WHERE state = 'delivered';
