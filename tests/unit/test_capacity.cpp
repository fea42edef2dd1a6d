#include "kept/capacity.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;

TEST_CASE("MemberCalendar: hours per week spread over the working days") {
    MemberCalendar full(40, WorkWeek{}, {});
    CHECK(full.per_day_minutes() == 480.0);
    CHECK(full.available(day("2026-11-23")));  // Monday
    CHECK(!full.available(day("2026-11-28"))); // Saturday
    CHECK(full.available_days(day("2026-11-23"), day("2026-11-29")) == 5);
    CHECK(full.capacity_minutes(day("2026-11-23"), day("2026-11-29")) == 2400.0);
    CHECK(full.capacity_minutes(day("2026-11-28")) == 0.0);
    CHECK(full.available_days(day("2026-11-29"), day("2026-11-23")) == 0);

    MemberCalendar part(32, WorkWeek{}, {});
    CHECK(part.per_day_minutes() == 384.0);
    CHECK(part.capacity_minutes(day("2026-11-23"), day("2026-11-29")) == 1920.0);

    WorkWeek four_days;
    four_days.mask = 0b0011110; // Monday to Thursday
    MemberCalendar short_week(32, four_days, {});
    CHECK(short_week.per_day_minutes() == 480.0);
    CHECK(!short_week.available(day("2026-11-27")));
}

TEST_CASE("MemberCalendar: away days are pro-rated out of the week") {
    MemberCalendar away(40, WorkWeek{}, {{day("2026-11-25"), day("2026-11-26")}});
    CHECK(!away.available(day("2026-11-25")));
    CHECK(away.available(day("2026-11-27")));
    CHECK(away.available_days(day("2026-11-23"), day("2026-11-29")) == 3);
    CHECK(away.capacity_minutes(day("2026-11-23"), day("2026-11-29")) == 1440.0);

    SUBCASE("overlapping and touching periods are merged") {
        MemberCalendar merged(40, WorkWeek{},
                              {{day("2026-11-26"), day("2026-11-27")},
                               {day("2026-11-25"), day("2026-11-26")},
                               {day("2026-11-30"), day("2026-12-01")},
                               {day("2026-11-28"), day("2026-11-29")}});
        CHECK(merged.available_days(day("2026-11-23"), day("2026-12-06")) == 5);
    }
    SUBCASE("a period across the new year") {
        MemberCalendar winter(40, WorkWeek{}, {{day("2026-12-24"), day("2027-01-02")}});
        CHECK(winter.available_days(day("2026-12-21"), day("2027-01-10")) == 8);
        CHECK(winter.next_available(day("2026-12-24")) == day("2027-01-04"));
    }
    SUBCASE("a whole span away") {
        MemberCalendar gone(40, WorkWeek{}, {{day("2026-11-01"), day("2026-12-31")}});
        CHECK(gone.available_days(day("2026-11-23"), day("2026-12-04")) == 0);
        CHECK(gone.capacity_minutes(day("2026-11-23"), day("2026-11-29")) == 0.0);
    }
}

TEST_CASE("MemberCalendar: members without capacity") {
    MemberCalendar zero(0, WorkWeek{}, {});
    CHECK(zero.per_day_minutes() == 0.0);
    CHECK(zero.available(day("2026-11-23")));
    CHECK(zero.capacity_minutes(day("2026-11-23"), day("2026-11-29")) == 0.0);

    MemberCalendar no_days(40, WorkWeek{0}, {});
    CHECK(no_days.per_day_minutes() == 0.0);
    CHECK(!no_days.available(day("2026-11-23")));
    CHECK(!no_days.next_available(day("2026-11-23")).has_value());
}

TEST_CASE("MemberCalendar::next_available skips weekends and time off") {
    MemberCalendar c(40, WorkWeek{}, {{day("2026-11-30"), day("2026-12-02")}});
    CHECK(c.next_available(day("2026-11-27")) == day("2026-11-27"));
    CHECK(c.next_available(day("2026-11-28")) == day("2026-12-03"));
    CHECK(!c.next_available(day("2026-11-28"), 3).has_value());
}

TEST_CASE("member_calendar: members, the team default and its default") {
    Config config;
    config.members["alice"].hours_per_week = 32;
    config.members["alice"].away = {{day("2026-11-23"), day("2026-11-23")}};
    config.members["carol"] = Member{};
    CHECK(member_calendar(config, "alice").per_day_minutes() == 384.0);
    CHECK(!member_calendar(config, "alice").available(day("2026-11-23")));
    CHECK(member_calendar(config, "bob").per_day_minutes() == 480.0);
    CHECK(member_calendar(config, "carol").per_day_minutes() == 480.0);
    config.default_hours_per_week = 30;
    CHECK(member_calendar(config, "bob").per_day_minutes() == 360.0);
}

TEST_CASE("monday_on_or_before") {
    CHECK(monday_on_or_before(day("2026-11-23")) == day("2026-11-23"));
    CHECK(monday_on_or_before(day("2026-11-29")) == day("2026-11-23"));
    CHECK(monday_on_or_before(day("2027-01-01")) == day("2026-12-28"));
}
