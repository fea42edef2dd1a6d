#include "connection.hpp"
#include "raw_statement.hpp"

namespace kept {

bool Tallies::for_each_tally(const std::optional<std::string>& owner,
                             const std::function<void(const ReliabilityTally&)>& visit) {
    return c_.guard([&] {
        if (!c_.db.tableExists("reliability_counts")) {
            return false; // an older ledger, read as it is
        }
        std::string sql = "SELECT owner, client, client_kind, delivered, dropped, on_time_first, "
                          "on_time_last, slip_days, late_days, renegotiations, "
                          "late_renegotiations, commitments FROM reliability_counts";
        if (owner) {
            sql += " WHERE owner = ?1";
        }
        RawStatement q(c_.db, sql.c_str());
        q.bind(1, owner);
        ReliabilityTally t;
        while (q.step()) {
            t.owner = q.text(0);
            t.client = q.text(1);
            t.client_kind = client_kind_of(q.text(2));
            ReliabilityFigures& f = t.figures;
            f.delivered = q.integer(3);
            f.dropped = q.integer(4);
            f.on_time_first = q.integer(5);
            f.on_time_last = q.integer(6);
            f.slip_days = q.int64(7);
            f.late_days = q.int64(8);
            f.late_renegotiations = q.integer(10);
            f.proactive_renegotiations = q.integer(9) - f.late_renegotiations;
            t.commitments = q.int64(11);
            visit(t);
        }
        return true;
    });
}

} // namespace kept
