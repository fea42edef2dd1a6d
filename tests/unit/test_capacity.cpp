#include "kept/capacity.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>
#include <random>

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

namespace {

int pick(std::mt19937& random, int below) {
    return std::uniform_int_distribution<int>(0, below - 1)(random);
}

// A calendar of `week` with up to four away periods and fourteen holidays in the 900 days
// from `start`.
MemberCalendar random_calendar(std::mt19937& random, WorkWeek week, Date start) {
    std::vector<AwayPeriod> away;
    for (int i = pick(random, 5); i > 0; --i) {
        Date from = start + std::chrono::days{pick(random, 900)};
        away.push_back({from, from + std::chrono::days{pick(random, 40)}});
    }
    std::vector<Date> holidays;
    for (int i = pick(random, 15); i > 0; --i) {
        holidays.push_back(start + std::chrono::days{pick(random, 900)});
    }
    return {40, week, away, holidays};
}

} // namespace

TEST_CASE("MemberCalendar::nth_available is the n-th available day, day by day") {
    // Against a walk of the calendar a day at a time, on random workweeks, time off and
    // holidays, across leap days and week 53 (2026 has one).
    std::mt19937 random(20261203);
    const Date start = day("2026-11-23");
    for (int calendar = 0; calendar < 300; ++calendar) {
        WorkWeek week{static_cast<std::uint8_t>(pick(random, 128))};
        MemberCalendar c = random_calendar(random, week, start);
        for (int ask = 0; ask < 20; ++ask) {
            Date from = start + std::chrono::days{pick(random, 400)};
            long long n = 1 + pick(random, ask < 10 ? 12 : 600);
            std::optional<Date> walked;
            if (week.days_per_week() > 0) {
                long long left = n;
                for (Date d = from;; d += std::chrono::days{1}) {
                    if (c.available(d) && --left == 0) {
                        walked = d;
                        break;
                    }
                }
            }
            CAPTURE(calendar);
            CAPTURE(n);
            CHECK(c.nth_available(from, n) == walked);
        }
    }
}

TEST_CASE("AvailableDays steps through the days nth_available counts") {
    std::mt19937 random(20261204);
    const Date start = day("2027-12-20"); // across the leap day of 2028
    for (int calendar = 0; calendar < 300; ++calendar) {
        WorkWeek week{static_cast<std::uint8_t>(1 + pick(random, 127))};
        MemberCalendar c = random_calendar(random, week, start);
        Date from = start + std::chrono::days{pick(random, 60)};
        AvailableDays days(c, from);
        long long counted = 0;
        for (int step = 0; step < 60; ++step) {
            long long n = 1 + pick(random, step % 4 == 0 ? 40 : 5);
            counted += n;
            CAPTURE(calendar);
            CAPTURE(step);
            REQUIRE(days.next(n) == c.nth_available(from, counted));
        }
        CHECK(!days.next(0).has_value());
    }
}

TEST_CASE("AvailableDays ends at the last calendar day and stays ended") {
    MemberCalendar c(40, WorkWeek{}, {});
    AvailableDays days(c, day("9999-12-30"));
    CHECK(days.next(1) == day("9999-12-30"));
    CHECK(days.next(1) == day("9999-12-31"));
    CHECK(!days.next(1).has_value());
    CHECK(!days.next(1).has_value());
    AvailableDays jump(c, day("9999-01-01"));
    CHECK(!jump.next(400).has_value());
    CHECK(!jump.next(1).has_value());
    MemberCalendar never(40, WorkWeek{0}, {});
    CHECK(!AvailableDays(never, day("2026-11-23")).next(1).has_value());
}

TEST_CASE("MemberCalendar::nth_available ends at the last calendar day") {
    MemberCalendar c(40, WorkWeek{}, {});
    CHECK(c.nth_available(day("9999-12-31"), 1) == day("9999-12-31")); // a Friday
    CHECK(!c.nth_available(day("9999-12-31"), 2).has_value());
    CHECK(!c.nth_available(day("2026-11-23"), 1LL << 40).has_value());
    CHECK(!c.nth_available(day("2026-11-23"), 0).has_value());
    MemberCalendar away_to_the_end(40, WorkWeek{}, {{day("9999-01-01"), day("9999-12-31")}});
    CHECK(!away_to_the_end.nth_available(day("9998-12-31"), 2).has_value());
    CHECK(away_to_the_end.nth_available(day("9998-12-31"), 1) == day("9998-12-31"));
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
