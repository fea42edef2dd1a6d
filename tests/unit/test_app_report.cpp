// The report's use case on a real ledger, with plain arguments: no command line, no printing.

#include "app/read_beside.hpp"
#include "app/report.hpp"
#include "kept/changes.hpp"
#include "kept/event.hpp"
#include "report_fixtures.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace kept;
using kept::test::day;

namespace {

/// A ledger file in a fresh directory, removed with it.
struct TempLedger {
    fs::path dir;
    explicit TempLedger(const char* name) {
        dir = fs::temp_directory_path() / fmt::format("kept-app-report-{}-{}", name, ::getpid());
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~TempLedger() { fs::remove_all(dir); }
    fs::path path() const { return dir / "team.db"; }
};

Event draft(EventKind kind, std::string commitment_uuid, const char* on) {
    Event event;
    event.uuid = new_uuid();
    event.commitment_uuid = std::move(commitment_uuid);
    event.timestamp = format_timestamp(Timestamp(day(on) + std::chrono::hours(12)));
    event.day = on;
    event.actor = "alice";
    event.kind = kind;
    return event;
}

/// Adds a commitment of alice's made on `on`, due on `due`, of 6 hours.
Commitment add(Ledger& ledger, const char* title, const char* on, const char* due) {
    NewCommitment request;
    request.title = title;
    request.client = "acme";
    request.owner = "alice";
    request.due = day(due);
    request.effort = 360;
    Event event = draft(EventKind::added, new_uuid(), on);
    event.payload = added_payload(request, day(on));
    Commitment added;
    ledger.write([&] { added = ledger.events().append(event); });
    return added;
}

void deliver(Ledger& ledger, const Commitment& c, const char* on) {
    Event event = draft(EventKind::closed, c.uuid, on);
    event.payload = closed_payload(c, State::delivered, day(on), day(on));
    ledger.write([&] { ledger.events().append(event); });
}

bool overdue(const Report& report, std::int64_t id) {
    return std::any_of(report.flags.begin(), report.flags.end(), [&](const Flag& f) {
        return f.kind == FlagKind::overdue &&
               std::find(f.commitments.begin(), f.commitments.end(), id) != f.commitments.end();
    });
}

app::ReportWindow window(const char* today, bool as_of) {
    app::ReportWindow w;
    w.today = day(today);
    if (as_of) {
        w.as_of = w.today;
    }
    return w;
}

} // namespace

TEST_CASE("gather_report: --as-of replays a commitment closed after that day") {
    TempLedger temp("as-of");
    Ledger ledger(temp.path(), OpenMode::write, 1000);
    Config config;
    Commitment late = add(ledger, "Export API", "2026-03-02", "2026-03-04");
    deliver(ledger, late, "2026-03-10");
    add(ledger, "SSO", "2026-03-06", "2026-03-06");

    Report now = app::gather_report(ledger, config, window("2026-03-11", false));
    CHECK_FALSE(overdue(now, late.id));
    CHECK(overdue(now, 2));

    Report then = app::gather_report(ledger, config, window("2026-03-05", true));
    CHECK(then.as_of == day("2026-03-05"));
    CHECK(overdue(then, late.id));
    CHECK_FALSE(overdue(then, 2)); // made on 2026-03-06
}

TEST_CASE("gather_report: one snapshot, whatever another connection writes meanwhile") {
    for (bool as_of : {false, true}) {
        CAPTURE(as_of);
        TempLedger temp(as_of ? "snapshot-as-of" : "snapshot");
        Ledger ledger(temp.path(), OpenMode::write, 1000);
        Config config;
        Commitment first = add(ledger, "Export API", "2026-03-02", "2026-03-04");
        add(ledger, "SSO", "2026-03-02", "2026-03-05");
        Ledger other(temp.path(), OpenMode::write, 1000);
        int seen = 0;
        Report report = app::gather_report(
            ledger, config, window("2026-03-11", as_of), [&](const CommitmentFacts&) {
                if (++seen == 1) { // a write that commits while the report reads
                    deliver(other, *other.commitments().find(first.id), "2026-03-11");
                    add(other, "Audit log", "2026-03-03", "2026-03-09");
                }
            });
        CHECK(seen == 2);
        CHECK(overdue(report, first.id)); // the report's snapshot: still open
        CHECK(overdue(report, 2));
        CHECK_FALSE(overdue(report, 3)); // made after the snapshot
        Report after = app::gather_report(ledger, config, window("2026-03-11", as_of));
        CHECK_FALSE(overdue(after, first.id));
        CHECK(overdue(after, 3));
    }
}

TEST_CASE("read_beside: a second connection reads only when it sees what this one sees") {
    TempLedger temp("beside");
    Ledger ledger(temp.path(), OpenMode::write, 1000);
    add(ledger, "Export API", "2026-03-02", "2026-03-04");
    ledger.read([&] {
        std::int64_t held = ledger.events().event_count(); // the first read: the snapshot
        std::int64_t seen = 0;
        CHECK(app::read_beside(ledger, [&](Ledger& other) {
                  seen = other.events().event_count();
              }).get());
        CHECK(seen == held);

        Ledger writer(temp.path(), OpenMode::write, 1000);
        add(writer, "SSO", "2026-03-02", "2026-03-05"); // commits after this snapshot
        bool ran = false;
        CHECK_FALSE(app::read_beside(ledger, [&](Ledger&) { ran = true; }).get());
        CHECK_FALSE(ran);
        CHECK(ledger.events().event_count() == held);
    });
    Ledger memory = Ledger::in_memory();
    CHECK_FALSE(app::read_beside(memory, [](Ledger&) {}).get());
}
