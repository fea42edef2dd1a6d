// Schema 4, what a report reads instead of every commitment the ledger ever held: reliability
// tallied as the ledger is written (SQLite triggers keep, for each owner, client and client
// kind, the sums ReliabilityFigures counts), and three partial indexes: of delivered
// commitments (what calibration reads), of late renegotiations (what the late flag reads) and
// of open commitments (what the load and flag rules read).

#include "ledger_impl.hpp"
#include "raw_statement.hpp"

#include <array>
#include <fmt/format.h>

namespace kept {

namespace {

struct TallyColumn {
    const char* name;
    std::string (*of)(std::string_view row); ///< the row's contribution, as SQL over row.column
};

std::string delivered(std::string_view r) {
    return fmt::format("({0}.state = 'delivered' AND {0}.closed IS NOT NULL)", r);
}

/// Whole days delivered after `date` (0 when on time; 0 too for a date SQLite cannot read,
/// which only a hand-edited row holds and verify reports).
std::string days_after(std::string_view r, std::string_view date) {
    return fmt::format("CASE WHEN {1} AND {0}.closed > {0}.{2} THEN ifnull(CAST(round("
                       "julianday({0}.closed) - julianday({0}.{2})) AS INTEGER), 0) ELSE 0 END",
                       r, delivered(r), date);
}

// The same figures as ReliabilityFigures::add, in the same order as reliability_counts' columns
// after the key and the row count.
const std::array<TallyColumn, 8> tally_columns = {{
    {"delivered", delivered},
    {"dropped", [](std::string_view r) { return fmt::format("({}.state = 'dropped')", r); }},
    {"on_time_first",
     [](std::string_view r) {
         return fmt::format("({} AND {}.closed <= {}.original_due)", delivered(r), r, r);
     }},
    {"on_time_last",
     [](std::string_view r) {
         return fmt::format("({} AND {}.closed <= {}.due)", delivered(r), r, r);
     }},
    {"slip_days", [](std::string_view r) { return days_after(r, "original_due"); }},
    {"late_days", [](std::string_view r) { return days_after(r, "due"); }},
    {"renegotiations", [](std::string_view r) { return fmt::format("{}.renegotiations", r); }},
    {"late_renegotiations",
     [](std::string_view r) { return fmt::format("{}.late_renegotiations", r); }},
}};

/// How a share arriving as `excluded` is added to a tally already there.
std::string tally_additions() {
    std::string sums = "commitments = commitments + excluded.commitments";
    for (const auto& column : tally_columns) {
        sums += fmt::format(", {0} = {0} + excluded.{0}", column.name);
    }
    return sums;
}

std::string add_row(std::string_view r) {
    std::string values;
    for (const auto& column : tally_columns) {
        values += fmt::format(", {}", column.of(r));
    }
    return fmt::format("INSERT INTO reliability_counts VALUES ({0}.owner, {0}.client, "
                       "{0}.client_kind, 1{1}) ON CONFLICT DO UPDATE SET {2};\n",
                       r, values, tally_additions());
}

std::string remove_row(std::string_view r) {
    std::string differences;
    for (const auto& column : tally_columns) {
        differences += fmt::format(", {0} = {0} - {1}", column.name, column.of(r));
    }
    std::string key = fmt::format(
        "owner = {0}.owner AND client = {0}.client AND client_kind = {0}.client_kind", r);
    return fmt::format("UPDATE reliability_counts SET commitments = commitments - 1{} WHERE {};\n"
                       "DELETE FROM reliability_counts WHERE {} AND commitments = 0;\n",
                       differences, key, key);
}

} // namespace

std::string commitment_triggers(std::string_view name, const std::string& add_new,
                                const std::string& remove_old) {
    return fmt::format("CREATE TRIGGER commitments_{0}_insert AFTER INSERT ON commitments BEGIN\n"
                       "{1}END;\n"
                       "CREATE TRIGGER commitments_{0}_delete AFTER DELETE ON commitments BEGIN\n"
                       "{2}END;\n"
                       "CREATE TRIGGER commitments_{0}_update AFTER UPDATE ON commitments BEGIN\n"
                       "{2}{1}END;\n",
                       name, add_new, remove_old);
}

std::string reliability_tallies_schema() {
    std::string columns;
    std::string sums;
    for (const auto& column : tally_columns) {
        columns += fmt::format("    {} INTEGER NOT NULL,\n", column.name);
        sums += fmt::format(", sum({})", column.of("commitments"));
    }
    return fmt::format(R"sql(
CREATE TABLE reliability_counts (
    owner       TEXT NOT NULL,
    client      TEXT NOT NULL,
    client_kind TEXT NOT NULL,
    commitments INTEGER NOT NULL,
{0}    PRIMARY KEY (owner, client, client_kind)
) WITHOUT ROWID;
{1}INSERT INTO reliability_counts
    SELECT owner, client, client_kind, count(*){2} FROM commitments
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
)sql",
                       columns, commitment_triggers("tally", add_row("NEW"), remove_row("OLD")),
                       sums);
}

BulkFill reliability_tallies_bulk_fill() {
    std::string sums;
    for (const auto& column : tally_columns) {
        sums += fmt::format(", sum({})", column.of("commitments"));
    }
    return {"reliability_counts", "commitments_tally_insert", "commitments_tally_delete",
            fmt::format(
                "INSERT INTO reliability_counts SELECT owner, client, client_kind, "
                "count(*){} FROM commitments WHERE id > ?1 AND id <= ?2 GROUP BY owner, client, "
                "client_kind ON CONFLICT DO UPDATE SET {}",
                sums, tally_additions())};
}

bool Ledger::for_each_tally(const std::optional<std::string>& owner,
                            const std::function<void(const ReliabilityTally&)>& visit) {
    try {
        if (!impl_->db.tableExists("reliability_counts")) {
            return false; // an older ledger, read as it is
        }
        std::string sql = "SELECT owner, client, client_kind, delivered, dropped, on_time_first, "
                          "on_time_last, slip_days, late_days, renegotiations, "
                          "late_renegotiations, commitments FROM reliability_counts";
        if (owner) {
            sql += " WHERE owner = ?1";
        }
        RawStatement q(impl_->db, sql.c_str());
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
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

} // namespace kept
