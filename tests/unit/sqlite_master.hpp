#pragma once

// A ledger file's schema as rows, for the storage tests that compare one schema with another.

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kept::test {

/// sqlite_master's rows (type, name, tbl_name, sql), in name order.
inline std::vector<std::string> schema_of(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT type, name, tbl_name, ifnull(sql, '') FROM sqlite_master "
                            "ORDER BY type, name");
    std::vector<std::string> rows;
    while (q.executeStep()) {
        rows.push_back(q.getColumn(0).getString() + " " + q.getColumn(1).getString() + " " +
                       q.getColumn(2).getString() + "\n" + q.getColumn(3).getString());
    }
    return rows;
}

} // namespace kept::test
