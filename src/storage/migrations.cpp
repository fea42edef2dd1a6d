#include "connection.hpp"
#include "schema_sql.hpp"

#include "kept/error.hpp"
#include "kept/ledger_copy.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace kept {

namespace fs = std::filesystem;

namespace {

/// One step from schema `to - 1` to schema `to`, frozen in src/storage/schema/migrate_*.sql.
/// Steps only ever add to the schema (or widen an index), so a ledger at any older version stays
/// readable as is; writing upgrades it first.
struct Migration {
    int to;
    const char* const* sql;
};

constexpr Migration migrations[] = {
    {2, &schema_sql::migrate_1_to_2}, {3, &schema_sql::migrate_2_to_3},
    {4, &schema_sql::migrate_3_to_4}, {5, &schema_sql::migrate_4_to_5},
    {6, &schema_sql::migrate_5_to_6}, {7, &schema_sql::migrate_6_to_7},
    {8, &schema_sql::migrate_7_to_8}, {9, &schema_sql::migrate_8_to_9},
    {10, &schema_sql::migrate_9_to_10},
};

static_assert(std::size(migrations) > 0 &&
                  migrations[std::size(migrations) - 1].to == Ledger::schema_version,
              "every schema version needs its migration step");

bool is_busy(const SQLite::Exception& error) {
    int code = error.getErrorCode() & 0xFF;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

} // namespace

void apply_migrations(SQLite::Database& db, int from) {
    for (const auto& step : migrations) {
        if (step.to > from) {
            db.exec(*step.sql);
        }
    }
    db.exec(fmt::format("PRAGMA user_version = {}", Ledger::schema_version));
    SQLite::Statement meta(db, "INSERT OR REPLACE INTO meta (key, value) "
                               "VALUES ('schema_version', ?)");
    meta.bind(1, std::to_string(Ledger::schema_version));
    meta.exec();
}

fs::path backup_path(const fs::path& ledger, int version) {
    return fs::path(ledger.string() + fmt::format(".v{}.bak", version));
}

void upgrade_schema(SQLite::Database& db, const fs::path& path) {
    fs::path backup;
    bool created = false;
    int from = 0;
    auto discard_backup = [&] {
        std::error_code ignored;
        if (created) {
            fs::remove(backup, ignored);
        }
    };
    try {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        // Another kept may have upgraded the ledger while this one waited for the lock.
        from = db.execAndGet("PRAGMA user_version").getInt();
        if (from >= Ledger::schema_version) {
            return;
        }
        backup = backup_path(path, from);
        // An older upgrade's backup of the same version is replaced. The caller holds the write
        // lock, so the state a second connection copies is the state about to be upgraded.
        std::error_code ignored;
        if (fs::is_regular_file(fs::symlink_status(backup, ignored))) {
            fs::remove(backup, ignored);
        }
        try {
            copy_ledger(path, backup, fmt::format("the backup {}", backup.string()));
        } catch (const Error& error) {
            // The ledger cannot be upgraded: a storage failure, whatever stopped the copy.
            if (error.code() != ExitCode::cannot_create) {
                throw;
            }
            throw StorageError(error.what());
        }
        created = true;
        apply_migrations(db, from);
        transaction.commit();
    } catch (const SQLite::Exception& error) {
        discard_backup();
        if (is_busy(error)) {
            throw;
        }
        throw StorageError(fmt::format("{}: cannot upgrade the ledger from schema {} to {} ({}); "
                                       "it was left unchanged",
                                       path.string(), from, Ledger::schema_version, error.what()));
    } catch (const Error&) {
        discard_backup();
        throw;
    }
}

} // namespace kept
