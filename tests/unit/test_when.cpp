#include "kept/when.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;
using kept::test::hour;
using kept::test::promise;

namespace {

const MemberCalendar full_time(40, WorkWeek{}, {});
const Date monday = day("2026-11-23");

} // namespace

TEST_CASE("earliest_due: the first date whose spread fits every week it touches") {
    std::vector<CommitmentFacts> open = {promise(1, "a", "2026-11-23", "2026-11-27", 20 * hour)};
    // 30h from Monday: week 48 has 20h free. Spread to Wed 2 Dec (8 days), 18.75h of it falls
    // in week 48 and 11.25h in week 49; a day earlier puts 21.4h in week 48.
    WhenAnswer answer = earliest_due(full_time, open, 30 * hour, monday, monday, 1.0);
    REQUIRE(answer.due);
    CHECK(*answer.due == day("2026-12-02"));
    REQUIRE(answer.peak);
    CHECK(answer.peak->week == IsoWeek{2026, 48});
    CHECK(answer.peak->load_minutes == doctest::Approx(38.75 * 60));

    SUBCASE("the work fits this week") {
        CHECK(*earliest_due(full_time, open, 20 * hour, monday, monday, 1.0).due == monday);
    }
    SUBCASE("an effort of one minute is due today") {
        CHECK(*earliest_due(full_time, {}, 1, monday, monday, 1.0).due == monday);
    }
    SUBCASE("a higher overload_ratio leaves more room") {
        CHECK(*earliest_due(full_time, open, 30 * hour, monday, monday, 1.25).due == monday);
    }
    SUBCASE("a weekend start waits for a working day") {
        CHECK(*earliest_due(full_time, {}, hour, day("2026-11-28"), monday, 1.0).due ==
              day("2026-11-30"));
    }
}

TEST_CASE("earliest_due: a full week in the way, and a later start") {
    std::vector<CommitmentFacts> open = {promise(1, "a", "2026-11-23", "2026-11-27", 45 * hour)};
    WhenAnswer blocked = earliest_due(full_time, open, hour, monday, monday, 1.0);
    CHECK(!blocked.due);
    REQUIRE(blocked.blocked_by);
    CHECK(blocked.blocked_by->week == IsoWeek{2026, 48});
    CHECK(blocked.blocked_by->load_minutes == doctest::Approx(45 * 60));
    CHECK(*blocked.retry_from == day("2026-11-30"));

    WhenAnswer later = earliest_due(full_time, open, hour, day("2026-11-30"), monday, 1.0);
    CHECK(*later.due == day("2026-11-30"));
}

TEST_CASE("earliest_due: no capacity, time off, and a bounded search") {
    MemberCalendar zero(0, WorkWeek{}, {});
    CHECK(earliest_due(zero, {}, hour, monday, monday, 1.0).no_capacity);

    MemberCalendar away(40, WorkWeek{}, {{day("2026-11-23"), day("2026-12-04")}});
    CHECK(*earliest_due(away, {}, 8 * hour, monday, monday, 1.0).due == day("2026-12-07"));

    WhenAnswer too_big = earliest_due(full_time, {}, 1000 * hour, monday, monday, 1.0, 30);
    CHECK(!too_big.due);
    CHECK(!too_big.blocked_by);
    CHECK(!too_big.no_capacity);
}

TEST_CASE("earliest_due: a nearly full week blocks like a full one") {
    // Five minutes free in week 48: spreading 16h evenly from today would need 960 days before
    // the week's share fits, so the week is named as the block, with the Monday after it.
    std::vector<CommitmentFacts> open = {
        promise(1, "a", "2026-11-23", "2026-11-27", 40 * hour - 5)};
    WhenAnswer answer = earliest_due(full_time, open, 16 * hour, monday, monday, 1.0);
    CHECK(!answer.due);
    REQUIRE(answer.blocked_by);
    CHECK(answer.blocked_by->week == IsoWeek{2026, 48});
    CHECK(*answer.retry_from == day("2026-11-30"));
    // From the suggested Monday the work fits week 49 (capacity is checked per week).
    CHECK(*earliest_due(full_time, open, 16 * hour, day("2026-11-30"), monday, 1.0).due ==
          day("2026-11-30"));
}

TEST_CASE("overload_caused: only a change that pushes a week over, or further over") {
    std::vector<CommitmentFacts> others = {promise(1, "a", "2026-11-23", "2026-11-27", 20 * hour)};
    auto added = promise(2, "a", "2026-11-23", "2026-11-27", 30 * hour);
    auto hit = overload_caused(full_time, others, nullptr, &added, monday, 1.0);
    REQUIRE(hit);
    CHECK(hit->week.week == IsoWeek{2026, 48});
    CHECK(hit->week.load_minutes == doctest::Approx(50 * 60));
    CHECK(hit->week.capacity_minutes == 2400.0);

    auto fits = promise(2, "a", "2026-11-23", "2026-11-27", 20 * hour);
    CHECK(!overload_caused(full_time, others, nullptr, &fits, monday, 1.0));

    SUBCASE("moving the date out eases the week: no warning though it stays over") {
        auto later = added;
        later.due = day("2026-11-30"); // 6 days: 25h of it stay in week 48, 45h in all
        CHECK(!overload_caused(full_time, others, &added, &later, monday, 1.0));
    }
    SUBCASE("moving the date in makes it worse") {
        auto before = promise(2, "a", "2026-11-23", "2026-12-04", 30 * hour);
        auto sooner = before;
        sooner.due = day("2026-11-27");
        auto worse = overload_caused(full_time, others, &before, &sooner, monday, 1.0);
        REQUIRE(worse);
        CHECK(worse->week.load_minutes == doctest::Approx(50 * 60));
    }
    SUBCASE("weeks the change does not touch are not its fault") {
        std::vector<CommitmentFacts> busy = {
            promise(1, "a", "2026-11-23", "2026-11-27", 50 * hour)};
        auto next_week = promise(2, "a", "2026-11-30", "2026-12-04", 10 * hour);
        CHECK(!overload_caused(full_time, busy, nullptr, &next_week, monday, 1.0));
        // A week later the 50h are overdue and land on that Monday, the week it shares.
        CHECK(overload_caused(full_time, busy, nullptr, &next_week, day("2026-11-30"), 1.0));
    }
}
