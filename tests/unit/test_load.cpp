#include "kept/load.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;
using kept::test::hour;
using kept::test::promise;

namespace {

const MemberCalendar full_time(40, WorkWeek{}, {});

} // namespace

TEST_CASE("spread_of: even over the working days from max(today, created) to due") {
    Spread s = spread_of(promise(1, "a", "2026-11-23", "2026-11-27", 40 * hour), full_time,
                         day("2026-11-23"));
    CHECK(!s.is_lump());
    CHECK(s.from == day("2026-11-23"));
    CHECK(s.to == day("2026-11-27"));
    CHECK(s.per_day == 480.0);

    SUBCASE("made earlier: only the days from today on carry it") {
        Spread later = spread_of(promise(1, "a", "2026-11-16", "2026-11-27", 30 * hour), full_time,
                                 day("2026-11-25"));
        CHECK(later.from == day("2026-11-25"));
        CHECK(later.per_day == 600.0);
    }
}

TEST_CASE("spread_of: a commitment due today lands on today") {
    Spread s = spread_of(promise(1, "a", "2026-11-23", "2026-11-23", 6 * hour), full_time,
                         day("2026-11-23"));
    CHECK(s.from == day("2026-11-23"));
    CHECK(s.to == day("2026-11-23"));
    CHECK(s.per_day == 360.0);
}

TEST_CASE("spread_of: lumps") {
    SUBCASE("overdue effort lands on today") {
        Spread s = spread_of(promise(1, "a", "2026-11-16", "2026-11-20", 6 * hour), full_time,
                             day("2026-11-23"));
        CHECK(s.is_lump());
        CHECK(s.from == day("2026-11-23"));
        CHECK(s.lump == 360.0);
    }
    SUBCASE("overdue on a Saturday: the next working day") {
        Spread s = spread_of(promise(1, "a", "2026-11-16", "2026-11-20", 6 * hour), full_time,
                             day("2026-11-28"));
        CHECK(s.from == day("2026-11-30"));
    }
    SUBCASE("due today, a Saturday: no working day in the window") {
        Spread s = spread_of(promise(1, "a", "2026-11-28", "2026-11-28", 6 * hour), full_time,
                             day("2026-11-28"));
        CHECK(s.is_lump());
        CHECK(s.from == day("2026-11-30"));
    }
    SUBCASE("due before created") {
        Spread s = spread_of(promise(1, "a", "2026-11-25", "2026-11-24", 6 * hour), full_time,
                             day("2026-11-23"));
        CHECK(s.is_lump());
        CHECK(s.from == day("2026-11-24"));
        CHECK(s.lump == 360.0);
    }
    SUBCASE("away for the whole span: the first day back") {
        MemberCalendar away(40, WorkWeek{}, {{day("2026-11-20"), day("2026-11-27")}});
        Spread s = spread_of(promise(1, "a", "2026-11-23", "2026-11-27", 6 * hour), away,
                             day("2026-11-23"));
        CHECK(s.is_lump());
        CHECK(s.from == day("2026-11-30"));
    }
    SUBCASE("a member with no working days keeps the lump on the day itself") {
        MemberCalendar none(40, WorkWeek{0}, {});
        Spread s = spread_of(promise(1, "a", "2026-11-16", "2026-11-20", 6 * hour), none,
                             day("2026-11-23"));
        CHECK(s.from == day("2026-11-23"));
    }
}

TEST_CASE("LoadGrid: week boundaries are exact") {
    // Friday, Monday, Tuesday: one hour on each.
    Spread s = spread_of(promise(1, "a", "2026-11-27", "2026-12-01", 3 * hour), full_time,
                         day("2026-11-27"));
    LoadGrid grid(full_time, day("2026-11-27"), day("2026-12-13"));
    grid.add(s);
    auto weeks = week_loads(grid, full_time, day("2026-11-27"), 3);
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].week == IsoWeek{2026, 48});
    CHECK(weeks[0].load_minutes == doctest::Approx(60.0));
    CHECK(weeks[0].capacity_minutes == 480.0); // only Friday is left of this week
    CHECK(weeks[1].week == IsoWeek{2026, 49});
    CHECK(weeks[1].load_minutes == doctest::Approx(120.0));
    CHECK(weeks[1].capacity_minutes == 2400.0);
    CHECK(weeks[2].load_minutes == doctest::Approx(0.0));
    CHECK(grid.on(day("2026-11-28")) == 0.0);
    CHECK(minutes_in(s, full_time, day("2026-11-30"), day("2026-12-06")) == doctest::Approx(120.0));
}

TEST_CASE("LoadGrid: week 53 and the turn of the year") {
    // Thu 24 Dec to Tue 5 Jan: 9 working days, one hour each.
    Spread s = spread_of(promise(1, "a", "2026-12-24", "2027-01-05", 9 * hour), full_time,
                         day("2026-12-24"));
    CHECK(s.per_day == doctest::Approx(60.0));
    LoadGrid grid(full_time, day("2026-12-24"), day("2027-01-10"));
    grid.add(s);
    auto weeks = week_loads(grid, full_time, day("2026-12-24"), 3);
    CHECK(weeks[0].week == IsoWeek{2026, 52});
    CHECK(weeks[0].load_minutes == doctest::Approx(120.0));
    CHECK(weeks[1].week == IsoWeek{2026, 53});
    CHECK(weeks[1].first == day("2026-12-28"));
    CHECK(weeks[1].last == day("2027-01-03"));
    CHECK(weeks[1].load_minutes == doctest::Approx(300.0));
    CHECK(weeks[2].week == IsoWeek{2027, 1});
    CHECK(weeks[2].load_minutes == doctest::Approx(120.0));
}

TEST_CASE("LoadGrid: an effort of one minute") {
    Spread s =
        spread_of(promise(1, "a", "2026-11-23", "2026-11-27", 1), full_time, day("2026-11-23"));
    CHECK(s.per_day == doctest::Approx(0.2));
    LoadGrid grid(full_time, day("2026-11-23"), day("2026-11-29"));
    grid.add(s);
    CHECK(grid.sum(day("2026-11-23"), day("2026-11-29")) == doctest::Approx(1.0));
}

TEST_CASE("LoadGrid: parts outside the grid are ignored; removing undoes adding") {
    LoadGrid grid(full_time, day("2026-11-25"), day("2026-11-26"));
    Spread s = spread_of(promise(1, "a", "2026-11-23", "2026-11-27", 5 * hour), full_time,
                         day("2026-11-23"));
    grid.add(s);
    CHECK(grid.sum(day("2026-11-01"), day("2026-12-31")) == doctest::Approx(120.0));
    Spread lump{day("2026-11-30"), day("2026-11-30"), 0.0, 100.0};
    grid.add(lump);
    CHECK(grid.sum(day("2026-11-01"), day("2026-12-31")) == doctest::Approx(120.0));
    grid.add(s, -1.0);
    CHECK(grid.sum(day("2026-11-25"), day("2026-11-26")) == doctest::Approx(0.0));
}

TEST_CASE("LoadGrid: 500 commitments for one owner") {
    LoadGrid grid(full_time, day("2026-11-23"), day("2026-11-29"));
    for (int i = 1; i <= 500; ++i) {
        grid.add(spread_of(promise(i, "a", "2026-11-23", "2026-11-27", hour), full_time,
                           day("2026-11-23")));
    }
    CHECK(grid.on(day("2026-11-23")) == doctest::Approx(6000.0));
    CHECK(grid.sum(day("2026-11-23"), day("2026-11-29")) == doctest::Approx(30000.0));
}

TEST_CASE("weeks_spanned and utilization") {
    CHECK(weeks_spanned(day("2026-11-23"), day("2026-11-29")) == 1);
    CHECK(weeks_spanned(day("2026-11-29"), day("2026-11-30")) == 2);
    CHECK(weeks_spanned(day("2026-12-01"), day("2026-11-30")) == 0);
    WeekLoad w;
    w.load_minutes = 2760;
    w.capacity_minutes = 1920;
    CHECK(*w.utilization() == doctest::Approx(143.75));
    w.capacity_minutes = 0;
    CHECK(!w.utilization().has_value());
}
