// The report's reads: only the columns and events its rules need, so that a report over a big
// ledger neither parses JSON it does not use nor holds closed commitments in memory.

#include "ledger_impl.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

Date date_at(SQLite::Statement& row, int index) {
    const char* text = row.getColumn(index).getText();
    auto day = parse_iso_date(text);
    if (!day) {
        throw StorageError(fmt::format("ledger holds \"{}\" where a date belongs", text));
    }
    return *day;
}

State state_of(std::string_view text) {
    return text == "delivered" ? State::delivered
           : text == "dropped" ? State::dropped
                               : State::open;
}

} // namespace

void Ledger::for_each_fact(const std::optional<std::string>& owner, bool open_only,
                           const std::function<void(const CommitmentFacts&)>& visit) {
    std::string sql = "SELECT id, owner, client, client_kind, state, created, due, original_due, "
                      "closed, effort_minutes, original_effort_minutes, json_array_length(scope), "
                      "scope_added, scope_dropped, renegotiations, late_renegotiations "
                      "FROM commitments WHERE 1";
    if (owner) {
        sql += " AND owner = :owner";
    }
    if (open_only) {
        sql += " AND state = 'open'";
    }
    try {
        SQLite::Statement q(impl_->db, sql);
        if (owner) {
            q.bind(":owner", *owner);
        }
        CommitmentFacts f;
        while (q.executeStep()) {
            f.id = q.getColumn(0).getInt64();
            f.owner = q.getColumn(1).getText();
            f.client = q.getColumn(2).getText();
            f.client_kind = std::string_view(q.getColumn(3).getText()) == "internal"
                                ? ClientKind::internal
                                : ClientKind::external;
            f.state = state_of(q.getColumn(4).getText());
            f.created = date_at(q, 5);
            f.due = date_at(q, 6);
            f.original_due = date_at(q, 7);
            f.closed = q.getColumn(8).isNull() ? std::nullopt : std::optional(date_at(q, 8));
            f.effort = q.getColumn(9).getInt64();
            f.original_effort = q.getColumn(10).getInt64();
            f.scope_items = q.getColumn(11).getInt();
            f.scope_added = q.getColumn(12).getInt();
            f.scope_dropped = q.getColumn(13).getInt();
            f.renegotiations = q.getColumn(14).getInt();
            f.late_renegotiations = q.getColumn(15).getInt();
            visit(f);
        }
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::vector<CommitmentFacts> Ledger::open_load(const std::string& owner) {
    // commitments_by_owner (owner, state, due, created, effort_minutes) covers this read.
    try {
        auto& q = impl_->statement(impl_->select_open_load,
                                   "SELECT id, created, due, effort_minutes FROM commitments "
                                   "WHERE owner = ? AND state = 'open'");
        q.reset();
        q.bind(1, owner);
        std::vector<CommitmentFacts> out;
        while (q.executeStep()) {
            CommitmentFacts& f = out.emplace_back();
            f.id = q.getColumn(0).getInt64();
            f.owner = owner;
            f.created = date_at(q, 1);
            f.due = date_at(q, 2);
            f.effort = q.getColumn(3).getInt64();
        }
        return out;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::vector<LateRenegotiation> Ledger::late_renegotiations(Date since, Date until) {
    // events_by_day narrows the scan to the window; only late ones have their payload read.
    const char* sql = "SELECT commitment_id, day, json_extract(payload, '$.due_in_force'), "
                      "json_extract(payload, '$.due.after') FROM events "
                      "WHERE day >= :since AND day <= :until AND kind = 'renegotiated' "
                      "AND json_extract(payload, '$.late') = 1 ORDER BY clock, origin";
    try {
        SQLite::Statement q(impl_->db, sql);
        q.bind(":since", format_date(since));
        q.bind(":until", format_date(until));
        std::vector<LateRenegotiation> out;
        while (q.executeStep()) {
            LateRenegotiation late;
            late.commitment_id = q.getColumn(0).getInt64();
            late.day = date_at(q, 1);
            late.due_in_force = date_at(q, 2);
            if (!q.getColumn(3).isNull()) {
                late.new_due = date_at(q, 3);
            }
            out.push_back(late);
        }
        return out;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::vector<std::int64_t> Ledger::commitments_changed_after(Date day) {
    try {
        // Left to itself SQLite walks every event in commitment order to avoid a sort; the day
        // index (day, commitment_id) holds the answer, and sorting it here is cheap.
        SQLite::Statement q(
            impl_->db, "SELECT commitment_id FROM events INDEXED BY events_by_day WHERE day > ?");
        q.bind(1, format_date(day));
        std::vector<std::int64_t> ids;
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

} // namespace kept
