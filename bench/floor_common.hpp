#pragma once

// What both floors share: opening the ledger exactly as kept does, and the rows they insert.

#include <cstdint>
#include <random>
#include <sqlite3.h>
#include <string>

namespace floor_bench {

/// Opens an existing ledger read-write with kept's settings: a 5 s busy timeout, and SQLite's
/// checkpoint when the last connection closes, which leaves the file whole at rest. Exits 74
/// with a message when it cannot.
sqlite3* open_ledger(const char* path);

/// Runs SQL without results; exits 74 naming it on failure.
void exec(sqlite3* db, const char* sql);

/// Prepares SQL; exits 74 naming it on failure.
sqlite3_stmt* prepare(sqlite3* db, const char* sql);

/// Steps and resets a prepared insert; exits 74 on failure.
void run(sqlite3* db, sqlite3_stmt* statement);

/// A time-ordered UUID (version 7), as kept writes: the milliseconds of now, then `sequence`
/// (the n-th made in this process) where kept keeps its counter, then random bits.
std::string ordered_uuid(std::mt19937_64& random, std::uint64_t sequence);

/// 64 hex digits derived from `n`: the size of a SHA-256 hash, without computing one.
std::string fake_hash(std::uint64_t n);

/// The INSERT kept's storage uses for an event row (same columns, same order).
extern const char* const insert_event_sql;

/// Binds a plausible `added` event for commitment `commitment_id` to insert_event_sql.
void bind_event(sqlite3_stmt* statement, std::int64_t commitment_id, const std::string& uuid,
                const std::string& commitment_uuid, std::int64_t clock, const std::string& origin);

} // namespace floor_bench
