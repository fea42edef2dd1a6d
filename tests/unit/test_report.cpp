#include "kept/report.hpp"

#include "report_fixtures.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;
using kept::test::delivered;
using kept::test::hour;
using kept::test::promise;

namespace {

const Date monday = day("2026-11-23");

Config team_config() {
    Config config;
    config.members["alice"].hours_per_week = 32;
    config.members["zed"] = Member{};
    return config;
}

std::vector<std::string> kinds_of(const Report& report) {
    std::vector<std::string> out;
    for (const auto& f : report.flags) {
        out.emplace_back(to_string(f.kind));
    }
    return out;
}

} // namespace

TEST_CASE("ReportBuilder: each flag where it belongs, worst first") {
    Config config = team_config();
    std::vector<LateRenegotiation> late = {
        {6, day("2026-11-20"), day("2026-11-18"), day("2026-11-21")}};
    ReportBuilder builder(config, monday, 2, late);

    builder.add(promise(1, "alice", "2026-11-23", "2026-11-27", 40 * hour));
    builder.add(promise(2, "alice", "2026-11-16", "2026-11-25", 2 * hour));
    builder.add(promise(3, "bob", "2026-11-16", "2026-11-20", 6 * hour));
    auto creep = promise(4, "carol", "2026-11-02", "2026-12-11", 8 * hour);
    creep.effort = 13 * hour;
    creep.scope_items = 2;
    creep.scope_added = 2;
    builder.add(creep);
    auto chronic = promise(5, "carol", "2026-11-02", "2026-12-18", 4 * hour);
    chronic.renegotiations = 3;
    builder.add(chronic);
    auto closed = promise(6, "dave", "2026-11-02", "2026-11-18", 4 * hour);
    closed.due = day("2026-11-21");
    closed.renegotiations = closed.late_renegotiations = 1;
    builder.add(delivered(closed, "2026-11-21"));
    Report report = builder.build();

    CHECK(kinds_of(report) ==
          std::vector<std::string>{"overdue", "overload", "risk", "heads-up", "late", "creep",
                                   "chronic"});
    const Flag& overdue = report.flags[0];
    CHECK(overdue.commitments == std::vector<std::int64_t>{3});

    const Flag& overload = report.flags[1];
    CHECK(overload.owner == "alice");
    CHECK(*overload.week == IsoWeek{2026, 48});
    CHECK(*overload.load_hours == doctest::Approx(42.0));
    CHECK(*overload.capacity_hours == doctest::Approx(32.0));
    CHECK(*overload.utilization == doctest::Approx(131.25));
    // #2 (due Wednesday) is worked first and done Monday; #1 is late, so it alone is named.
    CHECK(overload.commitments == std::vector<std::int64_t>{1});
    CHECK(overload.detail ==
          "42.0h of work due by 2026-11-29 for 32.0h of capacity until then (131%)");

    // 6.4h a day: 2h of #2 and 40h of #1 take 42 / 6.4 = 6.6, so 7 working days: Monday to
    // Tuesday 2026-12-01, two working days after #1's Friday due date.
    const Flag& risk = report.flags[2];
    CHECK(risk.commitments == std::vector<std::int64_t>{1});
    CHECK(*risk.days_left == 4);
    CHECK(*risk.finish == day("2026-12-01"));
    CHECK(*risk.slack_days == -2);
    CHECK(*risk.load_hours == doctest::Approx(42.0));
    CHECK(*risk.capacity_hours == doctest::Approx(32.0));
    CHECK(detail_of(risk) ==
          "due 2026-11-27 (in 4 days): alice finishes 2026-12-01, 2 working days "
          "late; 42.0h of work until then, 32.0h of capacity");

    const Flag& heads_up = report.flags[3];
    CHECK(heads_up.commitments == std::vector<std::int64_t>{1});
    CHECK(heads_up.client == "acme");
    CHECK(*heads_up.talk_by == day("2026-11-27"));
    CHECK(*heads_up.finish == day("2026-12-01"));

    CHECK(report.flags[4].owner == "dave");
    CHECK(report.flags[5].commitments == std::vector<std::int64_t>{4});
    CHECK(report.flags[6].commitments == std::vector<std::int64_t>{5});

    SUBCASE("the load table: members and owners of open work, every week of the horizon") {
        REQUIRE(report.horizon.size() == 2);
        std::vector<std::string> owners;
        for (const auto& cell : report.load) {
            if (owners.empty() || owners.back() != cell.owner) {
                owners.push_back(cell.owner);
            }
        }
        CHECK(owners == std::vector<std::string>{"alice", "bob", "carol", "zed"});
        CHECK(report.load.size() == 8);
        CHECK(report.load[2].owner == "bob");
        CHECK(report.load[2].load.load_minutes == doctest::Approx(6 * hour));
        CHECK(report.load[6].load.load_minutes == 0.0);
        CHECK(report.load[6].load.capacity_minutes == 2400.0);
    }
    SUBCASE("reliability counts every state") {
        CHECK(report.reliability.team.delivered == 1);
        CHECK(report.reliability.team.late_renegotiations == 1);
        CHECK(report.reliability.team.proactive_renegotiations == 3);
    }
}

TEST_CASE("ReportBuilder: one owner only") {
    Config config = team_config();
    std::vector<LateRenegotiation> late = {{3, day("2026-11-22"), day("2026-11-20"), std::nullopt}};
    ReportBuilder builder(config, monday, 1, late, std::string("alice"));
    builder.add(promise(1, "alice", "2026-11-23", "2026-11-27", 2 * hour));
    builder.add(promise(3, "bob", "2026-11-16", "2026-11-20", 6 * hour));
    Report report = builder.build();
    CHECK(report.flags.empty());
    REQUIRE(report.load.size() == 1);
    CHECK(report.load[0].owner == "alice");
    CHECK(report.reliability.owners.size() == 1);
}

TEST_CASE("ReportBuilder: fed in parts, as from a ledger that keeps tallies, the same report") {
    Config config = team_config();
    std::vector<LateRenegotiation> late = {
        {4, day("2026-11-20"), day("2026-11-18"), day("2026-11-21")},
        {2, day("2026-11-21"), day("2026-11-19"), std::nullopt}};
    std::vector<CommitmentFacts> all = {
        promise(1, "alice", "2026-11-23", "2026-11-27", 40 * hour),
        promise(2, "alice", "2026-11-02", "2026-11-19", 2 * hour),
        delivered(promise(3, "bob", "2026-11-02", "2026-11-10", 6 * hour), "2026-11-12"),
        delivered(promise(4, "dave", "2026-11-02", "2026-11-18", 4 * hour), "2026-11-21"),
        delivered(promise(5, "dave", "2026-11-03", "2026-11-06", 4 * hour), "2026-11-05"),
    };
    all[3].due = day("2026-11-21");
    all[3].renegotiations = all[3].late_renegotiations = 1;
    all[4].state = State::dropped;
    all[1].renegotiations = all[1].late_renegotiations = 1;

    ReportBuilder whole(config, monday, 2, late);
    ReportBuilder parts(config, monday, 2, late);
    Tallier tallier;
    for (const auto& c : all) {
        whole.add(c);
        tallier.add(c);
        if (c.is_open()) {
            parts.add_open(c);
        } else if (c.state == State::delivered) {
            parts.add_delivered(c);
        }
    }
    for (const auto& tally : tallier.tallies()) {
        parts.add_tally(tally);
    }
    CHECK(parts.unseen_late_subjects() == std::vector<std::int64_t>{4});
    parts.add_late_subject(all[3]);
    CHECK(parts.unseen_late_subjects().empty());

    Report a = whole.build();
    Report b = parts.build();
    auto kinds = kinds_of(b);
    CHECK(kinds_of(a) == kinds);
    CHECK(std::count(kinds.begin(), kinds.end(), "late") == 2);
    REQUIRE(a.reliability.rows().size() == b.reliability.rows().size());
    for (std::size_t i = 0; i < a.reliability.rows().size(); ++i) {
        const auto* x = a.reliability.rows()[i];
        const auto* y = b.reliability.rows()[i];
        CHECK(x->group == y->group);
        CHECK(x->name == y->name);
        CHECK(same_counts(*x, *y));
    }
    REQUIRE(b.calibration.size() == 2);
    CHECK(a.calibration[0].ratios == b.calibration[0].ratios);
    CHECK(a.calibration[1].ratios == b.calibration[1].ratios);
}

TEST_CASE("ReportBuilder: a zero-capacity member with work is overloaded and never finishes") {
    Config config;
    config.members["ghost"].hours_per_week = 0;
    ReportBuilder builder(config, monday, 1, {});
    builder.add(promise(1, "ghost", "2026-11-23", "2026-11-27", hour));
    Report report = builder.build();
    REQUIRE(report.flags.size() == 3);
    CHECK(report.flags[0].kind == FlagKind::overload);
    CHECK(!report.flags[0].utilization);
    CHECK(report.flags[0].detail ==
          "1.0h of work due by 2026-11-29 for 0.0h of capacity until then (no capacity)");
    CHECK(report.flags[1].kind == FlagKind::risk);
    CHECK(!report.flags[1].finish);
    CHECK(!report.flags[1].slack_days);
    CHECK(report.flags[2].kind == FlagKind::heads_up);
    CHECK(!report.flags[2].finish);
}

TEST_CASE("ReportBuilder: 500 commitments for one owner") {
    Config config;
    ReportBuilder builder(config, monday, 8, {});
    for (int i = 1; i <= 500; ++i) {
        builder.add(promise(i, "alice", "2026-11-23", "2026-11-27", hour));
    }
    Report report = builder.build();
    // 8h a day from Monday: #1..#40 are done by Friday, #41..#500 are late; every week of the
    // horizon (at most 320h by its end) has 500h due by then.
    auto count = [&](FlagKind kind) {
        return std::count_if(report.flags.begin(), report.flags.end(),
                             [&](const Flag& f) { return f.kind == kind; });
    };
    CHECK(count(FlagKind::overload) == 8);
    CHECK(count(FlagKind::risk) == 460);
    const Flag& first = report.flags[0];
    REQUIRE(first.kind == FlagKind::overload);
    CHECK(*first.load_hours == doctest::Approx(500.0));
    CHECK(first.commitments.size() == 460);
    CHECK(first.commitments.front() == 41);
    CHECK(first.commitments.back() == 500);
}

TEST_CASE("HistoryReplay: the ledger as it stood at the end of a day") {
    auto event = [](EventKind kind, const char* on, nlohmann::json payload) {
        Event e;
        e.commitment_id = 1;
        e.uuid = on;
        e.day = on;
        e.kind = kind;
        e.payload = std::move(payload);
        return e;
    };
    std::vector<Event> history = {
        event(EventKind::added, "2026-11-02",
              {{"title", "t"},
               {"client", "acme"},
               {"client_kind", "external"},
               {"owner", "alice"},
               {"due", "2026-11-20"},
               {"effort_minutes", 480},
               {"scope", nlohmann::json::array()},
               {"tags", nlohmann::json::array()},
               {"created", "2026-11-02"}}),
        event(EventKind::renegotiated, "2026-11-24",
              {{"due", {{"before", "2026-11-20"}, {"after", "2026-12-04"}}},
               {"requested_by", "team"},
               {"due_in_force", "2026-11-20"},
               {"late", true}}),
    };
    HistoryReplay before(day("2026-11-17"), day("2026-11-23"));
    HistoryReplay after(day("2026-11-18"), day("2026-11-24"));
    for (const auto& e : history) {
        before.feed(e);
        after.feed(e);
    }
    REQUIRE(before.facts().size() == 1);
    CHECK(before.facts()[0].due == day("2026-11-20"));
    CHECK(before.facts()[0].id == 1);
    CHECK(before.late().empty());
    CHECK(after.facts()[0].due == day("2026-12-04"));
    CHECK(after.facts()[0].late_renegotiations == 1);
    REQUIRE(after.late().size() == 1);
    CHECK(after.late()[0].due_in_force == day("2026-11-20"));
    CHECK(*after.late()[0].new_due == day("2026-12-04"));
}
