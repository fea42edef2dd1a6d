// The frozen schema: a new ledger and every past schema's fixture upgraded to the latest version
// end with the same sqlite_master.

#include "kept/ledger.hpp"
#include "sqlite_master.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kept;
using kept::test::schema_of;

namespace fs = std::filesystem;

namespace {

int user_version(const fs::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("PRAGMA user_version").getInt();
}

} // namespace

TEST_CASE("schema: every fixture upgraded equals a new ledger, sqlite_master row by row") {
    std::string pattern = (fs::temp_directory_path() / "kept-schema-XXXXXX").string();
    fs::path dir = ::mkdtemp(pattern.data());
    fs::path fresh = dir / "new.db";
    { Ledger ledger(fresh, OpenMode::write, 1000); }
    auto want = schema_of(fresh);
    CHECK(user_version(fresh) == Ledger::schema_version);
    CHECK(want.size() > 20);
    for (int version = 1; version < Ledger::schema_version; ++version) {
        CAPTURE(version);
        fs::path fixture =
            fs::path(KEPT_FIXTURES_DIR) / ("ledger-v" + std::to_string(version) + ".db");
        REQUIRE(fs::exists(fixture));
        fs::path copy = dir / fixture.filename();
        fs::copy_file(fixture, copy);
        CHECK(user_version(copy) == version);
        { Ledger ledger(copy, OpenMode::write, 1000); } // upgrades, after a backup
        CHECK(user_version(copy) == Ledger::schema_version);
        CHECK(
            fs::exists(dir / (copy.filename().string() + ".v" + std::to_string(version) + ".bak")));
        CHECK(schema_of(copy) == want);
    }
    fs::remove_all(dir);
}
