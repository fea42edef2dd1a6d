// The commitments table: reading rows, and rebuilding them all from the events.

#include "connection.hpp"

#include <fmt/format.h>

namespace kept {

std::optional<Commitment> CommitmentStore::find(std::int64_t id) {
    return c_.guard([&] {
        auto& q = c_.statement(
            c_.select_commitment,
            fmt::format("SELECT {} FROM commitments WHERE id = ?", commitment_columns).c_str());
        q.bind(1, static_cast<std::int64_t>(id));
        std::optional<Commitment> found;
        if (q.executeStep()) {
            found = commitment_from_row(q);
        }
        q.reset();
        return found;
    });
}

std::optional<Commitment> CommitmentStore::find_by_uuid(const std::string& uuid) {
    auto id = c_.guard([&] { return c_.commitment_id_of(uuid); });
    return id ? find(*id) : std::nullopt;
}

std::optional<std::int64_t> Connection::commitment_id_of(const std::string& commitment_uuid) {
    auto& q = statement(select_commitment_id, "SELECT id FROM commitments WHERE uuid = ?");
    q.bind(1, commitment_uuid);
    std::optional<std::int64_t> id;
    if (q.executeStep()) {
        id = q.getColumn(0).getInt64();
    }
    q.reset();
    return id;
}

std::vector<Commitment> CommitmentStore::list(const ListFilter& filter) {
    // Without statistics SQLite would take the state index for one owner's open work (it also
    // gives the due order), reading every open commitment of the team to keep one owner's.
    std::string sql = fmt::format("SELECT {} FROM commitments{} WHERE 1", commitment_columns,
                                  filter.owner ? " INDEXED BY commitments_by_owner" : "");
    if (filter.owner) {
        sql += " AND owner = :owner";
    }
    if (filter.client) {
        sql += " AND client = :client";
    }
    if (filter.states == ListFilter::States::open) {
        sql += " AND state = 'open'";
    } else if (filter.states == ListFilter::States::closed) {
        sql += " AND state <> 'open'";
    }
    if (filter.due_before) {
        sql += " AND due < :due_before";
    }
    if (filter.tag) {
        sql += " AND EXISTS (SELECT 1 FROM json_each(commitments.tags) WHERE value = :tag)";
    }
    sql += " ORDER BY due, id";
    return c_.guard([&] {
        SQLite::Statement q(c_.db, sql);
        if (filter.owner) {
            q.bind(":owner", *filter.owner);
        }
        if (filter.client) {
            q.bind(":client", *filter.client);
        }
        if (filter.due_before) {
            q.bind(":due_before", format_date(*filter.due_before));
        }
        if (filter.tag) {
            q.bind(":tag", *filter.tag);
        }
        std::vector<Commitment> out;
        while (q.executeStep()) {
            out.push_back(commitment_from_row(q));
        }
        return out;
    });
}

Commitment Connection::replay(std::int64_t commitment_id) {
    SQLite::Statement q(db, fmt::format("SELECT {} FROM events WHERE commitment_id = ? "
                                        "ORDER BY clock, origin",
                                        event_columns));
    q.bind(1, static_cast<std::int64_t>(commitment_id));
    Commitment c;
    c.id = commitment_id;
    while (q.executeStep()) {
        apply_event(c, event_from_row(q));
    }
    return c;
}

std::int64_t CommitmentStore::rebuild() {
    std::int64_t commitments = 0;
    c_.write(
        [&] {
            c_.with_fills_at_end(true, [&] {
                commitments = 0;
                // Each commitment's events in replay order, one commitment after the other (the
                // events_by_commitment index): one commitment in memory at a time.
                EventQuery query;
                query.by_commitment = true;
                SQLite::Statement q = c_.select_events(query);
                Commitment c;
                while (q.executeStep()) {
                    Event e = event_from_row(q);
                    if (e.commitment_id != c.id) {
                        if (c.id != 0) {
                            c_.save(c);
                        }
                        c = Commitment{};
                        c.id = e.commitment_id;
                        ++commitments;
                    }
                    apply_event(c, e);
                }
                if (c.id != 0) {
                    c_.save(c);
                }
            });
        },
        WriteSize::large);
    return commitments;
}

} // namespace kept
