// The reads of kept verify that SQL answers without reading a payload.

#include "connection.hpp"

#include <fmt/format.h>

namespace kept {

std::vector<std::string> VerifyReads::integrity_check(bool full) {
    return c_.guard([&] {
        SQLite::Statement q(c_.db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
        std::vector<std::string> messages;
        while (q.executeStep()) {
            messages.push_back(q.getColumn(0).getString());
        }
        return messages;
    });
}

std::vector<ClockMismatch> VerifyReads::clock_mismatches() {
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
    return c_.guard([&] {
        SQLite::Statement q(c_.db, sql);
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
    });
}

std::int64_t VerifyReads::open_work_mismatches() {
    // Each owner's open work per due date counted from the rows, against the sums kept.
    return c_.guard([&]() -> std::int64_t {
        if (!c_.db.tableExists("open_work")) {
            return 0;
        }
        return c_.db
            .execAndGet("SELECT count(*) FROM (SELECT owner, due, sum(effort_minutes) AS effort, "
                        "count(*) AS commitments, max(created) AS latest FROM commitments "
                        "WHERE state = 'open' GROUP BY owner, due) AS a "
                        "FULL JOIN open_work AS w USING (owner, due) WHERE a.effort IS NOT "
                        "w.effort_minutes OR a.commitments IS NOT w.commitments OR a.latest > "
                        "w.latest_created")
            .getInt64();
    });
}

} // namespace kept
