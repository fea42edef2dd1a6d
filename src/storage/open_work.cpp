// Schema 4's open work, summed as the ledger is written: for each owner and due date, the effort
// of the open commitments due then. The schedule's check of every add and renegotiate reads here,
// as one sum, the owner's work due before the change's date (Ledger::open_queue).

#include "ledger_impl.hpp"
#include "raw_statement.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

/// How a share arriving as `excluded` is added to an owner's open work on a due date.
constexpr const char* open_work_addition =
    "ON CONFLICT DO UPDATE SET effort_minutes = effort_minutes + excluded.effort_minutes, "
    "commitments = commitments + excluded.commitments, latest_created = "
    "max(latest_created, excluded.latest_created)";

std::string add_open(std::string_view r) {
    // An upsert from a SELECT needs its WHERE: without one, ON would read as a join's.
    return fmt::format(
        "INSERT INTO open_work SELECT {0}.owner, {0}.due, {0}.effort_minutes, 1, {0}.created "
        "WHERE {0}.state = 'open' {1};\n",
        r, open_work_addition);
}

std::string remove_open(std::string_view r) {
    std::string match =
        fmt::format("{0}.state = 'open' AND owner = {0}.owner AND due = {0}.due", r);
    // latest_created stays: a maximum cannot be taken back, and a later one only sends the
    // reader to the rows (open_load).
    return fmt::format("UPDATE open_work SET effort_minutes = effort_minutes - {0}.effort_minutes, "
                       "commitments = commitments - 1 WHERE {1};\n"
                       "DELETE FROM open_work WHERE {1} AND commitments = 0;\n",
                       r, match);
}

constexpr const char* open_work_columns =
    "SELECT owner, due, sum(effort_minutes) AS effort, count(*) AS commitments, "
    "max(created) AS latest FROM commitments WHERE state = 'open'";

const std::string open_work_sums = fmt::format("{} GROUP BY owner, due", open_work_columns);

} // namespace

std::string open_work_schema() {
    return fmt::format(R"sql(
CREATE TABLE open_work (
    owner          TEXT NOT NULL,
    due            TEXT NOT NULL,
    effort_minutes INTEGER NOT NULL,
    commitments    INTEGER NOT NULL,
    latest_created TEXT NOT NULL,
    PRIMARY KEY (owner, due)
) WITHOUT ROWID;
{0}INSERT INTO open_work {1};
)sql",
                       commitment_triggers("open", add_open("NEW"), remove_open("OLD")),
                       open_work_sums);
}

BulkFill open_work_bulk_fill() {
    return {"open_work", "commitments_open_insert", "commitments_open_delete",
            fmt::format("INSERT INTO open_work {} AND id > ?1 AND id <= ?2 GROUP BY owner, due {}",
                        open_work_columns, open_work_addition)};
}

std::int64_t Ledger::open_work_mismatches() {
    try {
        if (!impl_->db.tableExists("open_work")) {
            return 0;
        }
        return impl_->db
            .execAndGet(
                fmt::format("SELECT count(*) FROM ({}) AS a "
                            "FULL JOIN open_work AS w USING (owner, due) WHERE a.effort IS NOT "
                            "w.effort_minutes OR a.commitments IS NOT w.commitments OR a.latest > "
                            "w.latest_created",
                            open_work_sums))
            .getInt64();
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

} // namespace kept
