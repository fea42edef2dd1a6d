#pragma once

// A prepared statement read through SQLite's C API, for the loops that read every row of a big
// table or run on every add: a SQLite::Column costs a shared_ptr copy per cell, and in those
// loops that copy was a tenth of the work.

#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace kept {

class RawStatement {
  public:
    /// Prepares `sql` on `db`; throws SQLite::Exception when it does not compile.
    RawStatement(SQLite::Database& db, const char* sql);
    ~RawStatement();
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    /// Makes the statement ready to run again, its parameters cleared.
    void reset();
    /// Binds parameter `index` (1-based) to a copy of `text`.
    void bind(int index, std::string_view text);
    void bind(int index, std::int64_t value);
    /// Binds parameter `index` to `text` when there is one (a filter given or not).
    void bind(int index, const std::optional<std::string>& text) {
        if (text) {
            bind(index, std::string_view(*text));
        }
    }
    /// Steps to the next row: false when there is none. Throws SQLite::Exception on failure.
    bool step();

    std::int64_t int64(int column) const;
    int integer(int column) const;
    bool is_null(int column) const;
    /// The column as text ("" for NULL), valid until the next step or reset.
    std::string_view text(int column) const;

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace kept
