// kept_floor_add LEDGER: the least a program can do to record one event the way kept does —
// open the existing ledger with kept's settings, insert one event row in a BEGIN IMMEDIATE
// transaction, commit, close. `kept add` is measured against this.

#include "floor_common.hpp"

#include <cstdio>
#include <random>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: kept_floor_add LEDGER\n");
        return 64;
    }
    std::random_device device;
    std::mt19937_64 random((static_cast<std::uint64_t>(device()) << 32) | device());
    sqlite3* db = floor_bench::open_ledger(argv[1]);
    floor_bench::exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt* insert = floor_bench::prepare(db, floor_bench::insert_event_sql);
    floor_bench::bind_event(insert, 0, floor_bench::ordered_uuid(random, 0),
                            floor_bench::ordered_uuid(random, 1),
                            static_cast<std::int64_t>(random() >> 1), "floor");
    floor_bench::run(db, insert);
    sqlite3_finalize(insert);
    floor_bench::exec(db, "COMMIT");
    sqlite3_close(db);
    return 0;
}
