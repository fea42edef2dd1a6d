// The commitments table: reading rows, and rebuilding them all from the events.

#include "connection.hpp"

#include <fmt/format.h>

#include <string_view>
#include <tuple>

namespace kept {

std::optional<Commitment> CommitmentStore::find(std::int64_t id) {
    return c_.guard([&] {
        // The columns are named once per connection: asking the schema's version is a query.
        if (!c_.select_commitment) {
            c_.select_commitment.emplace(c_.db,
                                         fmt::format("SELECT {} FROM commitments WHERE id = ?",
                                                     commitment_columns(c_.schema())));
        }
        auto& q = *c_.select_commitment;
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

namespace {

// " AND column IN (:name0, :name1, ...)" for `values`; nothing when there are none.
std::string in_clause(std::string_view column, std::string_view name,
                      const std::vector<std::string>& values) {
    if (values.empty()) {
        return {};
    }
    std::string sql = fmt::format(" AND {} IN (", column);
    for (std::size_t i = 0; i < values.size(); ++i) {
        sql += fmt::format("{}:{}{}", i == 0 ? "" : ", ", name, i);
    }
    return sql + ")";
}

void bind_all(SQLite::Statement& q, std::string_view name, const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        q.bind(fmt::format(":{}{}", name, i), values[i]);
    }
}

std::string_view state_condition(ListFilter::States states) {
    switch (states) {
    case ListFilter::States::open:
        return " AND state = 'open'";
    case ListFilter::States::delivered:
        return " AND state = 'delivered'";
    case ListFilter::States::dropped:
        return " AND state = 'dropped'";
    case ListFilter::States::closed:
        return " AND state <> 'open'";
    case ListFilter::States::all:
        break;
    }
    return "";
}

// The ORDER BY terms of listed_before, then id; each descending when reversed.
std::string order_by(ListSort sort, bool reverse) {
    std::vector<std::string_view> terms;
    switch (sort) {
    case ListSort::due:
        terms = {"due", "id"};
        break;
    case ListSort::owner:
        terms = {"owner", "due", "id"};
        break;
    case ListSort::client:
        terms = {"client", "due", "id"};
        break;
    case ListSort::created:
        terms = {"created", "id"};
        break;
    case ListSort::effort:
        terms = {"effort_minutes", "due", "id"};
        break;
    }
    std::string sql = " ORDER BY ";
    for (std::size_t i = 0; i < terms.size(); ++i) {
        sql += fmt::format("{}{}{}", i == 0 ? "" : ", ", terms[i], reverse ? " DESC" : "");
    }
    return sql;
}

} // namespace

bool listed_before(const Commitment& a, const Commitment& b, ListSort sort) {
    switch (sort) {
    case ListSort::due:
        break;
    case ListSort::owner:
        return std::tie(a.owner, a.due) < std::tie(b.owner, b.due);
    case ListSort::client:
        return std::tie(a.client, a.due) < std::tie(b.client, b.due);
    case ListSort::created:
        return a.created < b.created;
    case ListSort::effort:
        return std::tie(a.effort, a.due) < std::tie(b.effort, b.due);
    }
    return a.due < b.due;
}

std::vector<Commitment> CommitmentStore::list(const ListFilter& filter) {
    // Without statistics SQLite would take the state index for one owner's open work (it also
    // gives the due order), reading every open commitment of the team to keep one owner's.
    std::string sql =
        fmt::format("SELECT {} FROM commitments{} WHERE 1", commitment_columns(c_.schema()),
                    filter.owners.empty() ? "" : " INDEXED BY commitments_by_owner");
    sql += in_clause("owner", "owner", filter.owners);
    sql += in_clause("client", "client", filter.clients);
    sql += state_condition(filter.states);
    if (filter.due_before) {
        sql += " AND due < :due_before";
    }
    if (filter.due_after) {
        sql += " AND due > :due_after";
    }
    if (!filter.tags.empty()) {
        sql += fmt::format(" AND EXISTS (SELECT 1 FROM json_each(commitments.tags) WHERE 1{})",
                           in_clause("value", "tag", filter.tags));
    }
    sql += order_by(filter.sort, filter.reverse);
    if (filter.limit) {
        sql += " LIMIT :limit";
    }
    return c_.guard([&] {
        SQLite::Statement q(c_.db, sql);
        bind_all(q, "owner", filter.owners);
        bind_all(q, "client", filter.clients);
        bind_all(q, "tag", filter.tags);
        if (filter.due_before) {
            q.bind(":due_before", format_date(*filter.due_before));
        }
        if (filter.due_after) {
            q.bind(":due_after", format_date(*filter.due_after));
        }
        if (filter.limit) {
            q.bind(":limit", *filter.limit);
        }
        std::vector<Commitment> out;
        while (q.executeStep()) {
            out.push_back(commitment_from_row(q));
        }
        return out;
    });
}

std::vector<std::string> CommitmentStore::owners() {
    return c_.guard([&] {
        SQLite::Statement q(c_.db, "SELECT DISTINCT owner FROM commitments ORDER BY owner");
        std::vector<std::string> out;
        while (q.executeStep()) {
            out.push_back(q.getColumn(0).getString());
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
            c_.with_fills_at_end(BulkFillMode::replaced, [&] {
                c_.with_indexes_built_at_end({"commitments"}, [&] {
                    commitments = 0;
                    // Each commitment's events in replay order, one commitment after the other
                    // (the events_by_commitment index): one commitment in memory at a time.
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
            });
        },
        WriteSize::large);
    return commitments;
}

} // namespace kept
