// kept_floor_import LEDGER N: the least a program can do to import N commitments the way kept
// stores them — one event row and one commitments row each, with time-ordered UUIDs and prepared
// statements, in one BEGIN IMMEDIATE transaction with a 256 MiB page cache. The derived tables'
// insert triggers are paused, as kept pauses them; kept then sums those tables once, the floor
// leaves them as they were. The indexes are kept as the rows go in. `kept import` is measured
// against it.

#include "floor_common.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr const char* insert_commitment_sql =
    "INSERT INTO commitments (uuid, title, client, client_kind, owner, state, due, original_due, "
    "effort_minutes, original_effort_minutes, scope, tags, created, closed, renegotiations, "
    "late_renegotiations, scope_added, scope_dropped, last_clock) "
    "VALUES (?, ?, ?, 'external', ?, 'open', '2026-12-31', '2026-12-31', 120, 120, '[]', '[]', "
    "'2026-11-23', NULL, 0, 0, 0, 0, ?)";

void bind(sqlite3_stmt* s, int index, const std::string& text) {
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

/// Drops the commitments' insert triggers and returns their CREATE statements.
std::vector<std::string> pause_insert_triggers(sqlite3* db) {
    sqlite3_stmt* q =
        floor_bench::prepare(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                 "tbl_name = 'commitments' AND sql LIKE '%AFTER INSERT%'");
    std::vector<std::string> names;
    std::vector<std::string> triggers;
    while (sqlite3_step(q) == SQLITE_ROW) {
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
        triggers.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
    }
    sqlite3_finalize(q);
    for (const auto& name : names) {
        floor_bench::exec(db, ("DROP TRIGGER \"" + name + "\"").c_str());
    }
    return triggers;
}

} // namespace

int main(int argc, char** argv) {
    long long count = argc == 3 ? std::atoll(argv[2]) : 0;
    if (count < 1) {
        std::fprintf(stderr, "usage: kept_floor_import LEDGER COUNT\n");
        return 64;
    }
    std::mt19937_64 random(std::random_device{}());
    sqlite3* db = floor_bench::open_ledger(argv[1]);
    // As a Ledger write of WriteSize::huge does: no page spills mid-transaction.
    floor_bench::exec(db, "PRAGMA cache_size = -262144");
    floor_bench::exec(db, "BEGIN IMMEDIATE");
    std::vector<std::string> triggers = pause_insert_triggers(db);
    sqlite3_stmt* event = floor_bench::prepare(db, floor_bench::insert_event_sql);
    sqlite3_stmt* commitment = floor_bench::prepare(db, insert_commitment_sql);
    std::uint64_t sequence = 0;
    std::string origin = floor_bench::ordered_uuid(random, sequence++);
    for (long long i = 0; i < count; ++i) {
        std::string commitment_uuid = floor_bench::ordered_uuid(random, sequence++);
        std::int64_t clock = 1'000'000'000 + i;
        bind(commitment, 1, commitment_uuid);
        bind(commitment, 2, "Imported item " + std::to_string(i));
        bind(commitment, 3, "client" + std::to_string(i % 200));
        bind(commitment, 4, "owner" + std::to_string(1 + i % 50));
        sqlite3_bind_int64(commitment, 5, clock);
        floor_bench::run(db, commitment);
        floor_bench::bind_event(event, sqlite3_last_insert_rowid(db),
                                floor_bench::ordered_uuid(random, sequence++), commitment_uuid,
                                clock, origin);
        floor_bench::run(db, event);
    }
    sqlite3_finalize(event);
    sqlite3_finalize(commitment);
    for (const auto& trigger : triggers) {
        floor_bench::exec(db, trigger.c_str());
    }
    floor_bench::exec(db, "COMMIT");
    sqlite3_close(db);
    std::printf("%lld\n", count);
    return 0;
}
