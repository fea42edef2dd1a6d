#include "kept/evidence.hpp"
#include "kept/forecast.hpp"

#include "report_fixtures.hpp"

#include <array>
#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;
using kept::test::delivered;
using kept::test::hour;
using kept::test::promise;

namespace {

const Date tuesday = day("2026-12-01");

CommitmentFacts done(std::int64_t id, const std::string& owner, Minutes first, Minutes actual) {
    auto c = delivered(promise(id, owner, "2026-11-02", "2026-11-06", first), "2026-11-06");
    c.spent = actual;
    return c;
}

AccuracyRatios always(double ratio) {
    return {std::vector<double>(10, ratio), RatioSource::owner, 10};
}

} // namespace

TEST_CASE("accuracy_ratio: spent over the first estimate, else the last agreed effort") {
    CHECK(*accuracy_ratio(done(1, "a", 8 * hour, 12 * hour)) == doctest::Approx(1.5));
    auto grown = delivered(promise(2, "a", "2026-11-02", "2026-11-06", 8 * hour), "2026-11-06");
    grown.effort = 10 * hour; // scope the client added counts against the first promise
    CHECK(*accuracy_ratio(grown) == doctest::Approx(1.25));
    CHECK(!accuracy_ratio(promise(3, "a", "2026-11-02", "2026-11-06", hour)));
}

TEST_CASE("prior_ratios: a lognormal with median 1.3 and a spread of a factor of 2") {
    const auto& prior = prior_ratios();
    REQUIRE(prior.size() == 200);
    CHECK(std::is_sorted(prior.begin(), prior.end()));
    CHECK((prior[99] + prior[100]) / 2 == doctest::Approx(1.3).epsilon(0.01));
    // One standard deviation of the log above the median: the 84th percentile is 2 x 1.3.
    CHECK(prior[168] == doctest::Approx(2.6).epsilon(0.03));
}

TEST_CASE("AccuracyHistory: the owner's own with 5, the team's with 5, else the prior") {
    AccuracyHistory history;
    for (int i = 1; i <= 4; ++i) {
        history.add(done(i, "ann", 8 * hour, 16 * hour));
    }
    CHECK(history.for_owner("ann").source == RatioSource::prior);
    history.add(done(5, "bob", 8 * hour, 8 * hour));
    CHECK(history.for_owner("ann").source == RatioSource::team);
    CHECK(history.for_owner("ann").samples == 5);
    history.add(done(6, "ann", 8 * hour, 16 * hour));
    auto own = history.for_owner("ann");
    CHECK(own.source == RatioSource::owner);
    CHECK(own.values == std::vector<double>(5, 2.0));
    CHECK(history.for_owner("carol").source == RatioSource::team);
}

TEST_CASE("MonteCarlo: exact histories give the schedule's answers, stretched by the ratio") {
    MemberCalendar calendar(40, WorkWeek{}, {});
    CapacityLine line(calendar, tuesday);
    auto schedule = project(line, {{1, day("2026-12-04"), 16 * hour}});
    const std::array<int, 3> percents = {50, 80, 90};
    SUBCASE("a ratio of 1: the schedule's own date") {
        AccuracyRatios ratios = always(1.0);
        MonteCarlo mc(line, schedule, ratios, "ann");
        CHECK(mc.on_time_percent() == std::vector<double>{100.0});
        auto capacity = *earliest_doable(line, schedule, 8 * hour, tuesday);
        CHECK(capacity == tuesday); // 8h today, then #1 by Thursday
        auto dates = mc.confident_dates(8 * hour, tuesday, capacity, percents);
        CHECK(*dates.at[1] == capacity);
    }
    SUBCASE("a ratio of 2: twice the work, and the old commitment is not pushed below P") {
        AccuracyRatios ratios = always(2.0);
        MonteCarlo mc(line, schedule, ratios, "ann");
        CHECK(mc.on_time_percent() == std::vector<double>{100.0}); // 32h by Friday: just fits
        auto dates = mc.confident_dates(8 * hour, tuesday, day("2026-12-03"), percents);
        // Ahead of #1 it would push #1 past Friday, so after it: 32h + 16h = Tuesday 12-08.
        CHECK(*dates.at[1] == day("2026-12-08"));
    }
    SUBCASE("never earlier than the floor it is given") {
        AccuracyRatios ratios = always(0.5);
        MonteCarlo mc(line, schedule, ratios, "ann");
        auto dates = mc.confident_dates(8 * hour, tuesday, day("2026-12-03"), percents);
        CHECK(*dates.at[0] == day("2026-12-03"));
    }
}

TEST_CASE("MonteCarlo: the same ledger gives the same answer; more confidence, later dates") {
    MemberCalendar calendar(40, WorkWeek{}, {});
    CapacityLine line(calendar, tuesday);
    std::vector<QueuedWork> queue;
    for (int i = 1; i <= 30; ++i) {
        queue.push_back({i, tuesday + std::chrono::days{2 * i}, 6 * hour});
    }
    auto schedule = project(line, queue);
    AccuracyRatios prior{prior_ratios()};
    auto a = MonteCarlo(line, schedule, prior, "ann").on_time_percent();
    auto b = MonteCarlo(line, schedule, prior, "ann").on_time_percent();
    CHECK(a == b);
    const std::array<int, 3> percents = {50, 80, 90};
    auto floor = *earliest_doable(line, schedule, 2 * 8 * hour, tuesday);
    auto dates = MonteCarlo(line, schedule, prior, "ann")
                     .confident_dates(16 * hour, tuesday, floor, percents);
    REQUIRE(dates.at[0]);
    REQUIRE(dates.at[2]);
    CHECK(*dates.at[0] >= floor);
    CHECK(*dates.at[0] <= *dates.at[1]);
    CHECK(*dates.at[1] <= *dates.at[2]);
}

TEST_CASE("forecast: status, slack and the last day to talk to the client") {
    MemberCalendar calendar(40, WorkWeek{}, {});
    CapacityLine line(calendar, tuesday);
    auto schedule = project(line, {{1, day("2026-12-03"), 24 * hour},
                                   {2, day("2026-12-04"), 16 * hour},
                                   {3, day("2026-12-31"), 8 * hour}});
    auto entries = forecast(line, schedule, always(1.0), "ann", 80);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].status == ForecastStatus::on_track);
    CHECK(entries[1].status == ForecastStatus::will_miss); // 40h by Friday: Monday 12-07
    CHECK(*entries[1].slack == -1);
    CHECK(*entries[1].talk_by == day("2026-12-04"));
    CHECK(entries[2].status == ForecastStatus::on_track);
    auto risky = forecast(line, schedule, always(1.2), "ann", 80);
    CHECK(risky[0].status == ForecastStatus::at_risk); // 28.8h by Thursday: 24h of capacity
    CHECK(risky[0].on_time_percent == 0.0);
    CHECK(worse_than(entries[1], entries[0]));
    CHECK(!last_day_to_talk(calendar, tuesday, day("2026-11-30")));
    CHECK(*last_day_to_talk(calendar, tuesday, day("2026-12-06")) == day("2026-12-04"));
}
