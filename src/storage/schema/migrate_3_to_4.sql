-- Schema 4 tallies reliability as commitments are written (reliability_counts, kept by
-- triggers: for each owner, client and client kind, the sums ReliabilityFigures::add counts;
-- tests/unit/test_storage_tallies.cpp proves them equal over random histories), indexes
-- delivered commitments by owner with what calibration reads, late renegotiations by day and
-- open commitments with what the load and flag rules read. It also sums each owner's open work
-- per due date (open_work, kept by triggers): the overload check of an add reads those sums
-- instead of every open commitment of the owner (report_reads.cpp, open_queue).
-- The bulk fills in bulk_fills.cpp add the same sums for a range of new commitments.

CREATE TABLE reliability_counts (
    owner       TEXT NOT NULL,
    client      TEXT NOT NULL,
    client_kind TEXT NOT NULL,
    commitments INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    dropped INTEGER NOT NULL,
    on_time_first INTEGER NOT NULL,
    on_time_last INTEGER NOT NULL,
    slip_days INTEGER NOT NULL,
    late_days INTEGER NOT NULL,
    renegotiations INTEGER NOT NULL,
    late_renegotiations INTEGER NOT NULL,
    PRIMARY KEY (owner, client, client_kind)
) WITHOUT ROWID;
CREATE TRIGGER commitments_tally_insert AFTER INSERT ON commitments BEGIN
INSERT INTO reliability_counts VALUES (NEW.owner, NEW.client, NEW.client_kind, 1, (NEW.state = 'delivered' AND NEW.closed IS NOT NULL), (NEW.state = 'dropped'), ((NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed <= NEW.original_due), ((NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed <= NEW.due), CASE WHEN (NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed > NEW.original_due THEN ifnull(CAST(round(julianday(NEW.closed) - julianday(NEW.original_due)) AS INTEGER), 0) ELSE 0 END, CASE WHEN (NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed > NEW.due THEN ifnull(CAST(round(julianday(NEW.closed) - julianday(NEW.due)) AS INTEGER), 0) ELSE 0 END, NEW.renegotiations, NEW.late_renegotiations) ON CONFLICT DO UPDATE SET commitments = commitments + excluded.commitments, delivered = delivered + excluded.delivered, dropped = dropped + excluded.dropped, on_time_first = on_time_first + excluded.on_time_first, on_time_last = on_time_last + excluded.on_time_last, slip_days = slip_days + excluded.slip_days, late_days = late_days + excluded.late_days, renegotiations = renegotiations + excluded.renegotiations, late_renegotiations = late_renegotiations + excluded.late_renegotiations;
END;
CREATE TRIGGER commitments_tally_delete AFTER DELETE ON commitments BEGIN
UPDATE reliability_counts SET commitments = commitments - 1, delivered = delivered - (OLD.state = 'delivered' AND OLD.closed IS NOT NULL), dropped = dropped - (OLD.state = 'dropped'), on_time_first = on_time_first - ((OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed <= OLD.original_due), on_time_last = on_time_last - ((OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed <= OLD.due), slip_days = slip_days - CASE WHEN (OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed > OLD.original_due THEN ifnull(CAST(round(julianday(OLD.closed) - julianday(OLD.original_due)) AS INTEGER), 0) ELSE 0 END, late_days = late_days - CASE WHEN (OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed > OLD.due THEN ifnull(CAST(round(julianday(OLD.closed) - julianday(OLD.due)) AS INTEGER), 0) ELSE 0 END, renegotiations = renegotiations - OLD.renegotiations, late_renegotiations = late_renegotiations - OLD.late_renegotiations WHERE owner = OLD.owner AND client = OLD.client AND client_kind = OLD.client_kind;
DELETE FROM reliability_counts WHERE owner = OLD.owner AND client = OLD.client AND client_kind = OLD.client_kind AND commitments = 0;
END;
CREATE TRIGGER commitments_tally_update AFTER UPDATE ON commitments BEGIN
UPDATE reliability_counts SET commitments = commitments - 1, delivered = delivered - (OLD.state = 'delivered' AND OLD.closed IS NOT NULL), dropped = dropped - (OLD.state = 'dropped'), on_time_first = on_time_first - ((OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed <= OLD.original_due), on_time_last = on_time_last - ((OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed <= OLD.due), slip_days = slip_days - CASE WHEN (OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed > OLD.original_due THEN ifnull(CAST(round(julianday(OLD.closed) - julianday(OLD.original_due)) AS INTEGER), 0) ELSE 0 END, late_days = late_days - CASE WHEN (OLD.state = 'delivered' AND OLD.closed IS NOT NULL) AND OLD.closed > OLD.due THEN ifnull(CAST(round(julianday(OLD.closed) - julianday(OLD.due)) AS INTEGER), 0) ELSE 0 END, renegotiations = renegotiations - OLD.renegotiations, late_renegotiations = late_renegotiations - OLD.late_renegotiations WHERE owner = OLD.owner AND client = OLD.client AND client_kind = OLD.client_kind;
DELETE FROM reliability_counts WHERE owner = OLD.owner AND client = OLD.client AND client_kind = OLD.client_kind AND commitments = 0;
INSERT INTO reliability_counts VALUES (NEW.owner, NEW.client, NEW.client_kind, 1, (NEW.state = 'delivered' AND NEW.closed IS NOT NULL), (NEW.state = 'dropped'), ((NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed <= NEW.original_due), ((NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed <= NEW.due), CASE WHEN (NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed > NEW.original_due THEN ifnull(CAST(round(julianday(NEW.closed) - julianday(NEW.original_due)) AS INTEGER), 0) ELSE 0 END, CASE WHEN (NEW.state = 'delivered' AND NEW.closed IS NOT NULL) AND NEW.closed > NEW.due THEN ifnull(CAST(round(julianday(NEW.closed) - julianday(NEW.due)) AS INTEGER), 0) ELSE 0 END, NEW.renegotiations, NEW.late_renegotiations) ON CONFLICT DO UPDATE SET commitments = commitments + excluded.commitments, delivered = delivered + excluded.delivered, dropped = dropped + excluded.dropped, on_time_first = on_time_first + excluded.on_time_first, on_time_last = on_time_last + excluded.on_time_last, slip_days = slip_days + excluded.slip_days, late_days = late_days + excluded.late_days, renegotiations = renegotiations + excluded.renegotiations, late_renegotiations = late_renegotiations + excluded.late_renegotiations;
END;
INSERT INTO reliability_counts
    SELECT owner, client, client_kind, count(*), sum((commitments.state = 'delivered' AND commitments.closed IS NOT NULL)), sum((commitments.state = 'dropped')), sum(((commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND commitments.closed <= commitments.original_due)), sum(((commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND commitments.closed <= commitments.due)), sum(CASE WHEN (commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND commitments.closed > commitments.original_due THEN ifnull(CAST(round(julianday(commitments.closed) - julianday(commitments.original_due)) AS INTEGER), 0) ELSE 0 END), sum(CASE WHEN (commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND commitments.closed > commitments.due THEN ifnull(CAST(round(julianday(commitments.closed) - julianday(commitments.due)) AS INTEGER), 0) ELSE 0 END), sum(commitments.renegotiations), sum(commitments.late_renegotiations) FROM commitments
    GROUP BY owner, client, client_kind;
CREATE INDEX commitments_delivered ON commitments
    (owner, created, original_due, closed, effort_minutes, original_effort_minutes)
    WHERE state = 'delivered';
CREATE INDEX events_late ON events (day)
    WHERE kind = 'renegotiated' AND json_extract(payload, '$.late') = 1;
CREATE INDEX commitments_open ON commitments
    (id, owner, created, due, original_due, effort_minutes, original_effort_minutes,
     scope_added, scope_dropped, renegotiations, late_renegotiations)
    WHERE state = 'open';

CREATE TABLE open_work (
    owner          TEXT NOT NULL,
    due            TEXT NOT NULL,
    effort_minutes INTEGER NOT NULL,
    commitments    INTEGER NOT NULL,
    latest_created TEXT NOT NULL,
    PRIMARY KEY (owner, due)
) WITHOUT ROWID;
CREATE TRIGGER commitments_open_insert AFTER INSERT ON commitments BEGIN
INSERT INTO open_work SELECT NEW.owner, NEW.due, NEW.effort_minutes, 1, NEW.created WHERE NEW.state = 'open' ON CONFLICT DO UPDATE SET effort_minutes = effort_minutes + excluded.effort_minutes, commitments = commitments + excluded.commitments, latest_created = max(latest_created, excluded.latest_created);
END;
CREATE TRIGGER commitments_open_delete AFTER DELETE ON commitments BEGIN
UPDATE open_work SET effort_minutes = effort_minutes - OLD.effort_minutes, commitments = commitments - 1 WHERE OLD.state = 'open' AND owner = OLD.owner AND due = OLD.due;
DELETE FROM open_work WHERE OLD.state = 'open' AND owner = OLD.owner AND due = OLD.due AND commitments = 0;
END;
CREATE TRIGGER commitments_open_update AFTER UPDATE ON commitments BEGIN
UPDATE open_work SET effort_minutes = effort_minutes - OLD.effort_minutes, commitments = commitments - 1 WHERE OLD.state = 'open' AND owner = OLD.owner AND due = OLD.due;
DELETE FROM open_work WHERE OLD.state = 'open' AND owner = OLD.owner AND due = OLD.due AND commitments = 0;
INSERT INTO open_work SELECT NEW.owner, NEW.due, NEW.effort_minutes, 1, NEW.created WHERE NEW.state = 'open' ON CONFLICT DO UPDATE SET effort_minutes = effort_minutes + excluded.effort_minutes, commitments = commitments + excluded.commitments, latest_created = max(latest_created, excluded.latest_created);
END;
INSERT INTO open_work SELECT owner, due, sum(effort_minutes) AS effort, count(*) AS commitments, max(created) AS latest FROM commitments WHERE state = 'open' GROUP BY owner, due;
