#include "kept/error.hpp"
#include "kept/flags.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

using namespace kept;
using kept::test::day;
using kept::test::delivered;
using kept::test::hour;
using kept::test::promise;

TEST_CASE("overdue_flag: open and past due") {
    auto c = promise(7, "bob", "2026-11-16", "2026-11-20", 6 * hour);
    auto flag = overdue_flag(c, day("2026-11-23"));
    REQUIRE(flag);
    CHECK(flag->kind == FlagKind::overdue);
    CHECK(flag->severity == Severity::high);
    CHECK(flag->owner == "bob");
    CHECK(flag->commitments == std::vector<std::int64_t>{7});
    CHECK(*flag->days_overdue == 3);
    CHECK(*flag->effort_hours == 6.0);
    CHECK(detail_of(*flag) == "due 2026-11-20, 3 days overdue, 6.0h of work open");

    CHECK(!overdue_flag(c, day("2026-11-20")));
    CHECK(detail_of(*overdue_flag(c, day("2026-11-21"))) ==
          "due 2026-11-20, 1 day overdue, 6.0h of work open");
    CHECK(!overdue_flag(delivered(c, "2026-11-22"), day("2026-11-23")));
}

TEST_CASE("creep_flag: effort or scope grew while the date did not follow") {
    ReportSettings settings;
    auto c = promise(15, "alice", "2026-11-23", "2026-12-03", 8 * hour);
    c.effort = 13 * hour;
    c.scope_items = 4;
    c.scope_added = 2;
    auto flag = creep_flag(c, settings);
    REQUIRE(flag);
    CHECK(detail_of(*flag) == "effort 8.0h → 13.0h (+62%), scope +2 items, due unchanged");
    CHECK(*flag->effort_growth == doctest::Approx(62.5));
    CHECK(*flag->scope_added == 2);
    CHECK(*flag->schedule_growth == 0.0);
    CHECK(flag->severity == Severity::medium);

    SUBCASE("a due date moved in proportion clears it") {
        auto moved = promise(15, "alice", "2026-11-23", "2026-12-03", 8 * hour);
        moved.effort = 12 * hour;      // +50%
        moved.due = day("2026-12-08"); // +5 days on a 10-day span: +50%
        CHECK(!creep_flag(moved, settings));
        moved.due = day("2026-12-07"); // +40%
        auto less = creep_flag(moved, settings);
        REQUIRE(less);
        CHECK(less->detail ==
              "effort 8.0h → 12.0h (+50%), due 2026-12-03 → 2026-12-07 (+40% time)");
    }
    SUBCASE("growth at the threshold does not fire") {
        auto small = promise(1, "alice", "2026-11-23", "2026-12-03", 8 * hour);
        small.effort = 10 * hour; // exactly +25%
        CHECK(!creep_flag(small, settings));
        small.effort = 10 * hour + 1;
        CHECK(creep_flag(small, settings));
    }
    SUBCASE("scope items alone, net of dropped ones") {
        auto items = promise(2, "alice", "2026-11-23", "2026-12-03", 8 * hour);
        items.scope_items = 3;
        items.scope_added = 2;
        items.scope_dropped = 1;
        CHECK(!creep_flag(items, settings));
        items.scope_dropped = 0;
        items.scope_items = 4;
        auto flag2 = creep_flag(items, settings);
        REQUIRE(flag2);
        CHECK(flag2->detail == "scope +2 items, due unchanged");
    }
    SUBCASE("closed commitments are history") {
        CHECK(!creep_flag(delivered(c, "2026-11-30"), settings));
    }
}

TEST_CASE("chronic_flag: renegotiated at least chronic_renegotiations times") {
    ReportSettings settings;
    auto c = promise(3, "alice", "2026-11-01", "2026-12-03", 8 * hour);
    c.renegotiations = 2;
    CHECK(!chronic_flag(c, settings));
    c.renegotiations = 3;
    c.late_renegotiations = 1;
    auto flag = chronic_flag(c, settings);
    REQUIRE(flag);
    CHECK(detail_of(*flag) == "renegotiated 3 times (1 late)");
    CHECK(flag->severity == Severity::low);
    CHECK(*flag->renegotiations == 3);
}

TEST_CASE("late_flag: names the day, the date in force and the new one") {
    auto c = promise(9, "carol", "2026-11-01", "2026-12-04", 8 * hour);
    LateRenegotiation late{9, day("2026-11-25"), day("2026-11-23"), day("2026-12-04")};
    Flag flag = late_flag(late, c);
    CHECK(flag.owner == "carol");
    CHECK(*flag.days_late == 2);
    CHECK(*flag.due == day("2026-12-04"));
    CHECK(detail_of(flag) ==
          "renegotiated 2026-11-25, 2 days after the due date 2026-11-23; new due 2026-12-04");
    late.new_due.reset();
    CHECK(late_flag(late, c).detail ==
          "renegotiated 2026-11-25, 2 days after the due date 2026-11-23; due unchanged");
}

TEST_CASE("internal_neglect_flag: a gap of more than neglect_points with 5 of each") {
    ReportSettings settings;
    Reliability r;
    for (int i = 0; i < 5; ++i) {
        auto ext = promise(i, "alice", "2026-11-01", "2026-11-10", hour);
        r.add(delivered(ext, "2026-11-10"));
        auto in = promise(10 + i, "alice", "2026-11-01", "2026-11-10", hour);
        in.client_kind = ClientKind::internal;
        r.add(delivered(in, i < 2 ? "2026-11-09" : "2026-11-12"));
    }
    auto flag = internal_neglect_flag(r, settings);
    REQUIRE(flag);
    CHECK(*flag->internal_on_time == 40.0);
    CHECK(*flag->external_on_time == 100.0);
    CHECK(*flag->gap_points == 60.0);
    CHECK(flag->owner.empty());
    CHECK(detail_of(*flag) ==
          "internal clients got 40% on time, external 100% (60 points apart; 5 and 5 delivered)");

    settings.neglect_points = 60;
    CHECK(!internal_neglect_flag(r, settings));

    Reliability few;
    for (int i = 0; i < 4; ++i) {
        auto in = promise(i, "alice", "2026-11-01", "2026-11-10", hour);
        in.client_kind = ClientKind::internal;
        few.add(delivered(in, "2026-11-20"));
        few.add(
            delivered(promise(10 + i, "alice", "2026-11-01", "2026-11-10", hour), "2026-11-10"));
    }
    few.add(delivered(promise(20, "alice", "2026-11-01", "2026-11-10", hour), "2026-11-10"));
    CHECK(!internal_neglect_flag(few, ReportSettings{}));
}

TEST_CASE("parse_flag_kinds") {
    CHECK(parse_flag_kinds("overdue,late", "--fail-on") ==
          std::vector<FlagKind>{FlagKind::overdue, FlagKind::late});
    CHECK(parse_flag_kinds("late,late", "--fail-on") == std::vector<FlagKind>{FlagKind::late});
    CHECK(parse_flag_kinds("any", "--fail-on").size() == 9);
    CHECK(parse_flag_kinds("internal-neglect", "x") ==
          std::vector<FlagKind>{FlagKind::internal_neglect});
    CHECK_THROWS_WITH_AS(parse_flag_kinds("overlaod", "--fail-on"),
                         "--fail-on: \"overlaod\" is not a flag kind (one of overload, creep, "
                         "late, chronic, overdue, risk, internal-neglect, conflict, sync, any)",
                         BadValue);
    CHECK_THROWS_AS(parse_flag_kinds("", "--fail-on"), BadValue);
    CHECK_THROWS_AS(parse_flag_kinds("late,", "--fail-on"), BadValue);
}

TEST_CASE("sort_flags: worst first") {
    std::vector<Flag> flags(4);
    flags[0].kind = FlagKind::chronic;
    flags[1].kind = FlagKind::overload;
    flags[1].magnitude = 110;
    flags[2].kind = FlagKind::overload;
    flags[2].magnitude = 150;
    flags[3].kind = FlagKind::creep;
    for (auto& f : flags) {
        f.severity = severity_of(f.kind);
    }
    sort_flags(flags);
    CHECK(flags[0].magnitude == 150);
    CHECK(flags[1].magnitude == 110);
    CHECK(flags[2].kind == FlagKind::creep);
    CHECK(flags[3].kind == FlagKind::chronic);
}

TEST_CASE("sort_flags: equal figures go by owner, then week, then commitments") {
    auto risk = [](std::string owner, std::vector<std::int64_t> ids, unsigned week = 0) {
        Flag f;
        f.kind = FlagKind::risk;
        f.severity = severity_of(f.kind);
        f.magnitude = 3;
        f.owner = std::move(owner);
        f.commitments = std::move(ids);
        if (week) {
            f.week = IsoWeek{2026, week};
        }
        return f;
    };
    std::vector<Flag> flags = {risk("zoe", {1}),    risk("bob", {9}),     risk("bob", {2, 7}),
                               risk("bob", {2, 5}), risk("ann", {4}, 50), risk("ann", {3}, 49),
                               risk("", {8})};
    sort_flags(flags);
    std::vector<std::string> order;
    for (const Flag& f : flags) {
        order.push_back(fmt::format("{}{}", f.owner, fmt::join(f.commitments, ",")));
    }
    CHECK(order ==
          std::vector<std::string>{"8", "ann3", "ann4", "bob2,5", "bob2,7", "bob9", "zoe1"});
}
