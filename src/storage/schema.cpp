#include "ledger_impl.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

constexpr const char* schema_v1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    commitment_id   INTEGER NOT NULL,
    commitment_uuid TEXT NOT NULL,
    ts              TEXT NOT NULL,
    day             TEXT NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    reason          TEXT,
    origin          TEXT NOT NULL,
    clock           INTEGER NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX events_by_commitment ON events (commitment_id, clock, origin);
CREATE INDEX events_by_origin ON events (origin, seq);
CREATE INDEX events_by_clock ON events (clock, origin);
CREATE INDEX events_by_day ON events (day);
CREATE TABLE commitments (
    id                      INTEGER PRIMARY KEY,
    uuid                    TEXT NOT NULL UNIQUE,
    title                   TEXT NOT NULL,
    client                  TEXT NOT NULL,
    client_kind             TEXT NOT NULL,
    owner                   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    due                     TEXT NOT NULL,
    original_due            TEXT NOT NULL,
    effort_minutes          INTEGER NOT NULL,
    original_effort_minutes INTEGER NOT NULL,
    scope                   TEXT NOT NULL,
    tags                    TEXT NOT NULL,
    created                 TEXT NOT NULL,
    closed                  TEXT,
    renegotiations          INTEGER NOT NULL,
    late_renegotiations     INTEGER NOT NULL,
    scope_added             INTEGER NOT NULL,
    scope_dropped           INTEGER NOT NULL,
    last_clock              INTEGER NOT NULL
);
CREATE INDEX commitments_by_owner ON commitments (owner, state, due);
CREATE INDEX commitments_by_state ON commitments (state, due);
CREATE INDEX commitments_by_client ON commitments (client, state, due);
)sql";

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
        db.exec(schema_v1);
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
