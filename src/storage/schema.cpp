#include "connection.hpp"
#include "schema_sql.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

int table_count(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
}

int user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

std::string read_uuid(SQLite::Database& db, const std::filesystem::path& path) {
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'ledger_uuid'");
    if (!q.executeStep()) {
        throw StorageError(fmt::format("{}: not a kept ledger (no ledger_uuid)", path.string()));
    }
    return q.getColumn(0).getString();
}

[[noreturn]] void not_a_ledger(const std::filesystem::path& path) {
    throw StorageError(fmt::format("{}: not a kept ledger", path.string()));
}

// A file at version 0 is empty, not ours, or being created by another kept at this moment. Its
// version and its tables are read in one snapshot: from two separate reads, a creation committed
// in between would look like a database that is not a ledger.

/// Creates the schema under the write lock unless another kept has just done it; returns the
/// version the ledger is now at.
int create_schema(SQLite::Database& db, const std::filesystem::path& path) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = user_version(db);
    if (version == 0) {
        if (table_count(db) != 0) {
            not_a_ledger(path);
        }
        // A new ledger takes the same path as an upgraded one: schema 1, then every step.
        db.exec(schema_sql::v1);
        SQLite::Statement meta(db, "INSERT INTO meta (key, value) VALUES ('ledger_uuid', ?)");
        meta.bind(1, new_uuid());
        meta.exec();
        apply_migrations(db, 1);
        version = Ledger::schema_version;
    }
    transaction.commit();
    return version;
}

/// For a reader: the version another kept has just written, or NotFound for an empty file.
int created_version(SQLite::Database& db, const std::filesystem::path& path) {
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    int version = user_version(db);
    int tables = table_count(db);
    snapshot.commit();
    if (version == 0 && tables != 0) {
        not_a_ledger(path);
    }
    if (version == 0) {
        throw NotFound(fmt::format("{}: the ledger is empty (no schema yet)", path.string()));
    }
    return version;
}

} // namespace

std::string prepare_schema(SQLite::Database& db, const std::filesystem::path& path,
                           bool may_write) {
    int version = user_version(db);
    if (version == 0) {
        version = may_write ? create_schema(db, path) : created_version(db, path);
    }
    if (version > Ledger::schema_version) {
        throw ConfigError(fmt::format("{}: ledger schema {} is newer than this kept supports ({}); "
                                      "upgrade kept to use it",
                                      path.string(), version, Ledger::schema_version));
    }
    // Migrations only add to the schema, so reading an older ledger needs no upgrade and a read
    // command never writes.
    if (version < Ledger::schema_version && may_write) {
        upgrade_schema(db, path);
    }
    return read_uuid(db, path);
}

} // namespace kept
