// The Ledger on an in-memory database (or a temporary file where two connections are needed):
// append and read back, rollback, busy errors, import refusals, rebuild.

#include "sqlite_master.hpp"
#include "storage_history.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kept;
using namespace kept::test;

namespace fs = std::filesystem;

namespace {

/// A fresh temporary directory, removed with the object.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "kept-storage-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

/// The ledger's schema (sqlite_master) and SQLite's integrity check, last.
std::vector<std::string> schema_and_integrity(const fs::path& path) {
    auto rows = schema_of(path);
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    rows.push_back(db.execAndGet("PRAGMA integrity_check").getString());
    return rows;
}

} // namespace

TEST_CASE("write_bulk: the indexes built at its end are the schema's, and hold every row") {
    TempDir dir;
    auto path = dir.path / "kept.db";
    Ledger ledger(path, OpenMode::write, 0);
    History history(11);
    write_history(ledger, history, 10);
    auto before = schema_and_integrity(path);
    REQUIRE(before.back() == "ok");
    std::int64_t held = ledger.events().event_count();

    // The indexes are away while the body runs (a read by one fails), when and only when the
    // rows expected outnumber the events held.
    auto read_by_index = [&] { ledger.events().commitments_changed_after(day("2026-01-01")); };
    CHECK_THROWS(ledger.write_bulk(held + 1, read_by_index));
    CHECK_NOTHROW(ledger.write_bulk(held, read_by_index));

    // A bulk write that fails leaves the indexes in place, and nothing of its rows.
    CHECK_THROWS_AS(ledger.write_bulk(1'000'000,
                                      [&] {
                                          ledger.events().append(history.add());
                                          throw BadValue("stop");
                                      }),
                    BadValue);
    CHECK(schema_and_integrity(path) == before);
    CHECK(ledger.events().event_count() == held);

    ledger.write_bulk(1'000'000, [&] {
        for (int i = 0; i < 200; ++i) {
            ledger.events().append(history.add());
        }
    });
    CHECK(schema_and_integrity(path) == before);
    CHECK(ledger.events().event_count() == held + 200);
    // A read by an index (INDEXED BY) finds the rows the bulk write added.
    CHECK(ledger.events().commitments_changed_after(day("2026-01-01")).size() ==
          all_commitments(ledger).size());
}

TEST_CASE("Ledger: appended events read back with their chain and their commitment") {
    Ledger ledger = Ledger::in_memory();
    History history(7);
    Event draft = history.add();
    Commitment c;
    ledger.write([&] { c = ledger.events().append(draft); });
    CHECK(c.id == 1);
    CHECK(ledger.events().event_count() == 1);
    auto events = all_events(ledger);
    REQUIRE(events.size() == 1);
    CHECK(events[0].uuid == draft.uuid);
    CHECK(events[0].origin == ledger.uuid());
    CHECK(events[0].clock == 1);
    CHECK(events[0].prev_hash.empty());
    CHECK(events[0].hash == compute_hash(events[0]));
    CHECK(ledger.events().seq_of(draft.uuid) == events[0].seq);
    CHECK_FALSE(ledger.events().seq_of("no-such-event").has_value());
    CHECK_FALSE(ledger.events().has_foreign_events());
    auto found = ledger.commitments().find(c.id);
    REQUIRE(found.has_value());
    CHECK(same_commitment(*found, c));
    CHECK(ledger.commitments().find_by_uuid(c.uuid)->id == c.id);
    CHECK_FALSE(ledger.commitments().find(99).has_value());

    std::optional<Event> change;
    for (int tries = 0; tries < 20 && !change; ++tries) {
        change = history.change(c); // the one picked may not apply
    }
    REQUIRE(change.has_value());
    ledger.write([&] { ledger.events().append(*change); });
    events = all_events(ledger);
    REQUIRE(events.size() == 2);
    CHECK(events[1].prev_hash == events[0].hash);
    CHECK(events[1].clock == 2);
    CHECK(events[1].payload.at("base") == events[0].uuid);
}

TEST_CASE("Ledger: an exception inside write() rolls everything back") {
    Ledger ledger = Ledger::in_memory();
    History history(8);
    ledger.write([&] { ledger.events().append(history.add()); });
    auto tallies = kept_tallies(ledger);
    CHECK_THROWS_AS(ledger.write([&] {
        ledger.events().append(history.add());
        ledger.events().append(history.add());
        throw BadValue("stop");
    }),
                    BadValue);
    CHECK(ledger.events().event_count() == 1);
    CHECK(all_commitments(ledger).size() == 1);
    CHECK(tally_differences(tallies, kept_tallies(ledger)) == 0);
    // The chain ends remembered inside the failed write are forgotten: the next event follows
    // the one committed.
    ledger.write([&] { ledger.events().append(history.add()); });
    auto events = all_events(ledger);
    REQUIRE(events.size() == 2);
    CHECK(events[1].prev_hash == events[0].hash);
    CHECK(events[1].clock == 2);
}

TEST_CASE("Ledger: writing outside write() is an internal error") {
    Ledger ledger = Ledger::in_memory();
    History history(9);
    CHECK_THROWS_AS(ledger.events().append(history.add()), Error);
    CHECK(ledger.events().event_count() == 0);
}

TEST_CASE("Ledger: another writer holding the lock is a BusyError") {
    TempDir dir;
    fs::path path = dir.path / "team.db";
    Ledger first(path, OpenMode::write, 0);
    Ledger second(path, OpenMode::write, 0);
    History history(10);
    first.write([&] {
        first.events().append(history.add());
        CHECK_THROWS_AS(second.write([&] { second.events().append(history.add()); }), BusyError);
    });
    CHECK(second.events().event_count() == 1);
}

TEST_CASE("Ledger: opening for reading a missing ledger is NotFound") {
    TempDir dir;
    CHECK_THROWS_AS(Ledger(dir.path / "none.db", OpenMode::read, 0), NotFound);
}

TEST_CASE("import_event: refuses what it cannot take, and takes nothing of it") {
    Ledger source = Ledger::in_memory();
    History history(11);
    write_history(source, history, 12);
    auto events = all_events(source);
    REQUIRE(events.size() >= 3);
    Ledger target = Ledger::in_memory();

    auto refused = [&](Event e, const std::string& why) {
        CAPTURE(why);
        CHECK_THROWS_AS(target.write([&] { target.events().import_event(e); }), BadValue);
        CHECK(target.events().event_count() == 0);
    };
    Event tampered = events[0];
    tampered.payload["title"] = "other";
    refused(tampered, "hash does not match");
    refused(events[1], "does not follow its origin's last event");
    Event far = events[0];
    far.clock = 5;
    far.hash = compute_hash(far);
    refused(far, "clock beyond the history");

    target.write([&] {
        CHECK(target.events().import_event(events[0]));
        CHECK_FALSE(target.events().import_event(events[0])); // held already
    });
    Event rewritten = events[0];
    rewritten.actor = "someone else";
    rewritten.hash = compute_hash(rewritten);
    CHECK_THROWS_AS(target.write([&] { target.events().import_event(rewritten); }), BadValue);

    // A batch that skips a bad origin keeps the rest.
    std::vector<Event> rest(events.begin() + 1, events.end());
    rest[0].payload["x"] = 1; // breaks its hash, and so every later event of its origin
    auto counts = target.events().import_events(rest, OnBadEvent::skip_origin);
    CHECK(counts.added == 0);
    REQUIRE(counts.refused.size() == 1);
    CHECK(counts.refused[0].origin == source.uuid());
    CHECK(target.events().has_foreign_events());
}

TEST_CASE("rebuild: the commitments replayed from the events equal the rows written") {
    for (unsigned seed = 20; seed < 40; ++seed) {
        CAPTURE(seed);
        Ledger ledger = Ledger::in_memory();
        History history(seed);
        write_history(ledger, history, 50);
        CHECK(rebuild_keeps_rows(ledger));
        CHECK(ledger.checks().clock_mismatches().empty());
        CHECK(ledger.checks().integrity_check(false) == std::vector<std::string>{"ok"});
    }
}

TEST_CASE("sign_own_events: every own event signed once, a batch at a time") {
    Ledger ledger = Ledger::in_memory();
    History history(11);
    for (int i = 0; i < 25; ++i) {
        Event draft = history.add();
        ledger.write([&] { ledger.events().append(draft); });
    }
    KeyPair key = new_key_pair();
    SignedOwn first;
    ledger.write([&] { first = ledger.signatures().sign_own_events(key, 0, 10); });
    CHECK(first.signed_count == 25);
    CHECK(first.announced == key.public_key);
    CHECK(ledger.signatures().keys().size() == 1);
    for (Event& event : all_events(ledger)) {
        ledger.signatures().attach(event);
        CHECK(event.signature.size() == 128);
    }
    SignedOwn again;
    ledger.write([&] { again = ledger.signatures().sign_own_events(key, 0, 10); });
    CHECK(again.signed_count == 0);
    CHECK_FALSE(again.announced);
}
