#include "kept/capacity.hpp"
#include "kept/error.hpp"
#include "kept/flag_list.hpp"
#include "kept/flags.hpp"

#include "report_fixtures.hpp"

#include <array>
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
    SUBCASE("a fee says whether it grew with the work") {
        c.fee = c.original_fee = 120000;
        auto unchanged = creep_flag(c, settings);
        REQUIRE(unchanged);
        CHECK(detail_of(*unchanged) == "effort 8.0h → 13.0h (+62%), scope +2 items, fee "
                                       "unchanged (1,200), due unchanged");
        CHECK(*unchanged->fee == 120000);
        CHECK(*unchanged->original_fee == 120000);
        c.fee = 150050;
        CHECK(creep_flag(c, settings)->detail ==
              "effort 8.0h → 13.0h (+62%), scope +2 items, fee 1,200 → 1,500.50 (+25%), due "
              "unchanged");
        c.original_fee.reset();
        CHECK(creep_flag(c, settings)->detail ==
              "effort 8.0h → 13.0h (+62%), scope +2 items, fee 1,500.50 (none first), due "
              "unchanged");
        c.original_fee = 0;
        CHECK(creep_flag(c, settings)->detail ==
              "effort 8.0h → 13.0h (+62%), scope +2 items, fee 0 → 1,500.50, due unchanged");
        c.fee.reset();
        CHECK(!creep_flag(c, settings)->fee);
    }
}

TEST_CASE("heads_up_flag: will miss, and the client has not heard since it started to miss") {
    // Monday to Friday, 8h a day, from Monday 2026-11-23: 24h due Wednesday finishes Thursday.
    MemberCalendar calendar = member_calendar(Config{}, "bob");
    CapacityLine line(calendar, day("2026-11-23"));
    std::vector<Projection> schedule = project(line, {{9, day("2026-11-25"), 32 * hour}});
    const Projection& late = schedule[0];
    REQUIRE(*late.finish == day("2026-11-26"));

    auto flag = heads_up_flag("bob", late, line, "acme", std::nullopt);
    REQUIRE(flag);
    CHECK(flag->kind == FlagKind::heads_up);
    CHECK(flag->severity == Severity::high);
    CHECK(flag->client == "acme");
    CHECK(flag->commitments == std::vector<std::int64_t>{9});
    CHECK(*flag->talk_by == day("2026-11-25"));
    CHECK(*flag->slack_days == -1);
    CHECK(detail_of(*flag) ==
          "tell acme by 2026-11-25: due 2026-11-25, bob finishes 2026-11-26, 1 working day late");

    SUBCASE("renegotiated while it was on time: the miss is news") {
        CHECK(heads_up_flag("bob", late, line, "acme", day("2026-11-25")));
    }
    SUBCASE("renegotiated knowingly late: no news while it finishes no later") {
        CHECK(!heads_up_flag("bob", late, line, "acme", day("2026-11-26")));
        CHECK(!heads_up_flag("bob", late, line, "acme", day("2026-11-30")));
    }
    SUBCASE("finishing later than was known when renegotiated is news again") {
        auto later = late;
        later.finish = day("2026-11-27");
        CHECK(heads_up_flag("bob", later, line, "acme", day("2026-11-26")));
    }
    SUBCASE("on time, or already overdue, is not a heads-up") {
        auto on_time = project(line, {{9, day("2026-11-27"), 32 * hour}});
        CHECK(!heads_up_flag("bob", on_time[0], line, "acme", std::nullopt));
        CapacityLine later_line(calendar, day("2026-11-26"));
        auto overdue = project(later_line, {{9, day("2026-11-25"), 8 * hour}});
        CHECK(!heads_up_flag("bob", overdue[0], later_line, "acme", std::nullopt));
    }
    SUBCASE("due today: today is the last day to tell") {
        CapacityLine wednesday(calendar, day("2026-11-25"));
        auto today = project(wednesday, {{9, day("2026-11-25"), 16 * hour}});
        auto due_today = heads_up_flag("bob", today[0], wednesday, "acme", std::nullopt);
        REQUIRE(due_today);
        CHECK(*due_today->talk_by == day("2026-11-25"));
    }
    SUBCASE("no capacity: it never finishes") {
        Config none;
        none.members["bob"].hours_per_week = 0;
        MemberCalendar idle = member_calendar(none, "bob");
        CapacityLine idle_line(idle, day("2026-11-23"));
        auto never = project(idle_line, {{9, day("2026-11-25"), hour}});
        auto told = heads_up_flag("bob", never[0], idle_line, "acme", std::nullopt);
        REQUIRE(told);
        CHECK(!told->finish);
        CHECK(detail_of(*told) ==
              "tell acme by 2026-11-25: due 2026-11-25, bob can never finish it (no capacity)");
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
    CHECK(parse_flag_kinds("any", "--fail-on").size() == 10);
    CHECK(parse_flag_kinds("internal-neglect", "x") ==
          std::vector<FlagKind>{FlagKind::internal_neglect});
    CHECK_THROWS_WITH_AS(parse_flag_kinds("overlaod", "--fail-on"),
                         "--fail-on: \"overlaod\" is not a flag kind (one of overload, creep, "
                         "late, chronic, overdue, risk, heads-up, internal-neglect, conflict, "
                         "sync, any)",
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

TEST_CASE("FlagList: held risk and heads-up flags read and sort as whole ones do") {
    auto scheduled = [](FlagKind kind, std::int64_t id, double magnitude) {
        ScheduledFlag s;
        s.kind = kind;
        s.id = id;
        s.magnitude = magnitude;
        s.due = Date(std::chrono::days(20'000 + id));
        s.finish = Date(std::chrono::days(20'010 + id));
        s.slack_days = -static_cast<int>(magnitude);
        s.days_left = 4;
        s.load_minutes = 600;
        s.capacity_minutes = 480;
        s.talk_by = Date(std::chrono::days(19'999 + id));
        return s;
    };
    Flag overdue;
    overdue.kind = FlagKind::overdue;
    overdue.severity = severity_of(overdue.kind);
    overdue.owner = "bob";
    overdue.commitments = {5};
    overdue.magnitude = 2;
    Flag chronic;
    chronic.kind = FlagKind::chronic;
    chronic.severity = severity_of(chronic.kind);
    chronic.owner = "ann";
    chronic.commitments = {1};

    FlagList list;
    std::vector<Flag> whole;
    auto add = [&](const ScheduledFlag& s, std::string_view owner, std::string_view client) {
        list.push_back(s, owner, client);
        whole.push_back(flag_of(s, owner, client));
    };
    add(scheduled(FlagKind::risk, 7, 3), "zoe", "");
    list.push_back(chronic);
    whole.push_back(chronic);
    add(scheduled(FlagKind::heads_up, 7, 1), "zoe", "acme");
    add(scheduled(FlagKind::risk, 3, 3), "ann", "");
    list.push_back(overdue);
    whole.push_back(overdue);
    add(scheduled(FlagKind::risk, 2, 3), "zoe", "");
    add(scheduled(FlagKind::heads_up, 3, 5), "ann", "globex");

    REQUIRE(list.size() == whole.size());
    CHECK(list.kind_at(2) == FlagKind::heads_up);
    Flag told = list[2];
    CHECK(told.client == "acme");
    CHECK(told.talk_by == Figure<Date>(Date(std::chrono::days(20'006))));
    Flag risk = list[0];
    CHECK(risk.owner == "zoe");
    CHECK(risk.load_hours == Figure<double>(10.0));
    CHECK(risk.utilization == Figure<double>(125.0));
    CHECK(risk.client.empty());

    list.sort();
    sort_flags(whole);
    std::vector<std::string> listed;
    std::vector<std::string> expected;
    for (const Flag& f : list) {
        listed.push_back(fmt::format("{} {} {}", to_string(f.kind), f.owner, f.commitments));
    }
    for (const Flag& f : whole) {
        expected.push_back(fmt::format("{} {} {}", to_string(f.kind), f.owner, f.commitments));
    }
    CHECK(listed == expected);
    CHECK(listed.front() == "overdue bob [5]");
    CHECK(listed[1] == "risk ann [3]"); // equal slack: by owner, then id

    constexpr std::array kinds = {FlagKind::heads_up};
    list.keep_kinds(kinds);
    REQUIRE(list.size() == 2);
    CHECK(list[0].client == "globex"); // the larger magnitude (the nearer talk) first
    CHECK(list[1].commitments == std::vector<std::int64_t>{7});

    // Sorted again after some were left out: the flags kept, still in order, heads and all.
    list.push_back(overdue);
    add(scheduled(FlagKind::risk, 9, 0), "ann", "");
    list.sort();
    REQUIRE(list.size() == 4);
    std::vector<std::string> heads;
    for (std::size_t i = 0; i < list.size(); ++i) {
        FlagHead head = list.head_at(i);
        Flag made = list[i];
        CHECK(head.kind == made.kind);
        CHECK(head.severity == made.severity);
        CHECK(head.owner == made.owner);
        CHECK(std::vector<std::int64_t>(head.commitments.begin(), head.commitments.end()) ==
              made.commitments);
        heads.push_back(fmt::format("{} {} {}", to_string(head.kind), head.owner,
                                    made.client.empty() ? "-" : made.client));
    }
    CHECK(heads == std::vector<std::string>{"overdue bob -", "risk ann -", "heads-up ann globex",
                                            "heads-up zoe acme"});
}

TEST_CASE("overdue_of: the overdue flag as figures, and only its own") {
    auto c = promise(7, "bob", "2026-11-16", "2026-11-20", 90);
    auto figures = overdue_of(c, day("2026-11-23"));
    REQUIRE(figures);
    CHECK(figures->kind == FlagKind::overdue);
    CHECK(figures->id == 7);
    CHECK(figures->days_overdue == Figure<int>(3));
    CHECK(figures->load_minutes == 90.0);
    Flag made = flag_of(*figures, "bob", "");
    CHECK(made.effort_hours == Figure<double>(1.5));
    CHECK(!made.finish);
    CHECK(!made.slack_days);
    CHECK(!made.load_hours);
    CHECK(!made.utilization);
    CHECK(!overdue_of(c, day("2026-11-20")));
}
