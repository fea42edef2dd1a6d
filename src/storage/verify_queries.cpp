// The reads of kept verify that SQL answers without reading a payload.

#include "ledger_impl.hpp"

namespace kept {

std::vector<ClockMismatch> Ledger::clock_mismatches() {
    // Both halves seek events_by_commitment (commitment_id, clock, origin), a covering index.
    const char* sql =
        "SELECT id, row_clock, event_clock FROM ("
        "  SELECT c.id AS id, c.last_clock AS row_clock,"
        "         (SELECT max(e.clock) FROM events e WHERE e.commitment_id = c.id) AS event_clock"
        "  FROM commitments c"
        ") WHERE event_clock IS NOT row_clock "
        "UNION ALL "
        "SELECT d.cid, NULL, (SELECT max(e.clock) FROM events e WHERE e.commitment_id = d.cid) "
        "FROM (SELECT DISTINCT commitment_id AS cid FROM events) d "
        "WHERE NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = d.cid) "
        "ORDER BY 1";
    try {
        SQLite::Statement q(impl_->db, sql);
        std::vector<ClockMismatch> out;
        auto optional_int = [&](int column) {
            return q.getColumn(column).isNull()
                       ? std::nullopt
                       : std::optional<std::int64_t>(q.getColumn(column).getInt64());
        };
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getInt64(), optional_int(1), optional_int(2)});
        }
        return out;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

void Ledger::read(const std::function<void()>& body) {
    if (impl_->in_write) {
        body();
        return;
    }
    try {
        SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::DEFERRED);
        body();
        transaction.commit();
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

} // namespace kept
