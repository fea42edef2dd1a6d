#include "floor_common.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace floor_bench {

namespace {

[[noreturn]] void die(sqlite3* db, const char* what) {
    std::fprintf(stderr, "floor: %s: %s\n", what, db != nullptr ? sqlite3_errmsg(db) : "");
    std::exit(74);
}

std::string hex(std::uint64_t high, std::uint64_t low) {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                  static_cast<unsigned long long>(low));
    return text;
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

} // namespace

const char* const insert_event_sql =
    "INSERT INTO events (uuid, commitment_id, commitment_uuid, ts, day, actor, kind, payload, "
    "reason, origin, clock, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

sqlite3* open_ledger(const char* path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        die(db, path);
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

void exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        die(db, sql);
    }
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        die(db, sql);
    }
    return statement;
}

void run(sqlite3* db, sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
        die(db, "insert");
    }
    sqlite3_reset(statement);
}

std::string ordered_uuid(std::mt19937_64& random, std::uint64_t sequence) {
    static const auto start =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    std::uint64_t milliseconds = start + sequence / 4096;
    std::uint64_t high = (milliseconds << 16) | 0x7000ULL | (sequence % 4096);
    std::string h = hex(high, (random() & ~(0x3ULL << 62)) | (0x2ULL << 62));
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string fake_hash(std::uint64_t n) {
    return hex(n, ~n) + hex(n * 0x9E3779B97F4A7C15ULL, n ^ 0xA5A5A5A5A5A5A5A5ULL);
}

void bind_event(sqlite3_stmt* s, std::int64_t commitment_id, const std::string& uuid,
                const std::string& commitment_uuid, std::int64_t clock, const std::string& origin) {
    static const std::string payload =
        R"({"client":"client042","client_kind":"external","created":"2026-11-23",)"
        R"("due":"2026-12-31","effort_minutes":120,"owner":"owner07","scope":[],"tags":[],)"
        R"("title":"Bench item"})";
    bind_text(s, 1, uuid);
    sqlite3_bind_int64(s, 2, commitment_id);
    bind_text(s, 3, commitment_uuid);
    sqlite3_bind_text(s, 4, "2026-11-23T09:00:00Z", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, "2026-11-23", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, "bench", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, "added", -1, SQLITE_STATIC);
    bind_text(s, 8, payload);
    sqlite3_bind_null(s, 9);
    bind_text(s, 10, origin);
    sqlite3_bind_int64(s, 11, clock);
    bind_text(s, 12, fake_hash(static_cast<std::uint64_t>(clock) - 1));
    bind_text(s, 13, fake_hash(static_cast<std::uint64_t>(clock)));
}

} // namespace floor_bench
