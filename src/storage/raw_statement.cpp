#include "raw_statement.hpp"

#include <sqlite3.h>

namespace kept {

RawStatement::RawStatement(SQLite::Database& db, const char* sql) {
    int rc = sqlite3_prepare_v2(db.getHandle(), sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(db.getHandle(), rc);
    }
}

RawStatement::~RawStatement() {
    sqlite3_finalize(stmt_);
}

void RawStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void RawStatement::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(sqlite3_db_handle(stmt_), rc);
    }
}

void RawStatement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(sqlite3_db_handle(stmt_), rc);
    }
}

bool RawStatement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    throw SQLite::Exception(sqlite3_db_handle(stmt_), rc);
}

std::int64_t RawStatement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

int RawStatement::integer(int column) const {
    return sqlite3_column_int(stmt_, column);
}

bool RawStatement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string_view RawStatement::text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) {
        return {};
    }
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

} // namespace kept
