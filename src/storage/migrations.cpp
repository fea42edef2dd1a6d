#include "ledger_impl.hpp"

#include "kept/error.hpp"
#include "kept/ledger_copy.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace kept {

namespace fs = std::filesystem;

namespace {

/// One step from schema `to - 1` to schema `to`. Steps only ever add to the schema (or widen an
/// index), so a ledger at any older version stays readable as is; writing upgrades it first.
struct Migration {
    int to;
    std::string (*sql)();
};

// Schema 2: events are append-only in the database itself, not only by kept's own discipline. A
// slip in kept's code or a hand-typed UPDATE in the sqlite3 shell now fails instead of rewriting
// history (someone set on tampering can drop the triggers; `kept verify` catches that edit).
constexpr Migration migrations[] = {
    {2,
     [] {
         return std::string(R"sql(
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted'); END;
)sql");
     }},
    // Schema 3 widens two indexes so that two reads are answered from the index alone. The day
    // index gains the commitment id: "which commitments changed after this day" (report
    // --as-of). The owner index gains created and effort: the owner's open work that every add
    // and renegotiate weighs against capacity. Each replaces the narrower index it contains.
    {3,
     [] {
         return std::string(R"sql(
DROP INDEX events_by_day;
CREATE INDEX events_by_day ON events (day, commitment_id);
DROP INDEX commitments_by_owner;
CREATE INDEX commitments_by_owner ON commitments (owner, state, due, created, effort_minutes);
)sql");
     }},
    // Schema 4 tallies reliability as commitments are written (reliability_counts, kept by
    // triggers), indexes delivered commitments by owner with what calibration reads, and late
    // renegotiations by day: a report no longer reads every closed commitment, nor every event
    // of its late window (reliability_tallies.cpp). It also sums each owner's open work per due
    // date (open_work, kept by triggers): the overload check of an add reads those sums instead
    // of every open commitment of the owner (open_work.cpp).
    {4, [] { return reliability_tallies_schema() + open_work_schema(); }},
    // Schema 5 keeps the effort a delivered commitment really took (close --spent), which the
    // schedule's Monte Carlo learns each owner's accuracy from; the delivered index carries it.
    {5,
     [] {
         return std::string(R"sql(
ALTER TABLE commitments ADD COLUMN spent_minutes INTEGER;
DROP INDEX commitments_delivered;
CREATE INDEX commitments_delivered ON commitments
    (owner, created, original_due, closed, effort_minutes, original_effort_minutes, spent_minutes)
    WHERE state = 'delivered';
)sql");
     }},
    // Schema 6 remembers, per replica of the sync working copy, how far sync has imported its
    // files (the chunk, line and byte offset of the last event taken, with that event's hash: the chain's
    // hash of the whole prefix), so that a sync reads only what is new and still notices a
    // rewritten prefix; and where the file stops being importable, which report flags as sync.
    {6,
     [] {
         return std::string(R"sql(
CREATE TABLE replica_files (
    origin TEXT PRIMARY KEY,
    resume_part INTEGER NOT NULL,
    resume_offset INTEGER NOT NULL,
    resume_line INTEGER NOT NULL,
    last_uuid TEXT NOT NULL,
    last_hash TEXT NOT NULL,
    last_clock INTEGER NOT NULL,
    problem_part INTEGER,
    problem_line INTEGER,
    problem TEXT
);
)sql");
     }},
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
            db.exec(step.sql());
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
