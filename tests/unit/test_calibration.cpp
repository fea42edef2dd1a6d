#include "kept/calibration.hpp"

#include <doctest/doctest.h>

using namespace kept;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return sys_days(year(y) / month(m) / d);
}

/// A delivered commitment promised for created..due and delivered on `delivered`.
Commitment delivered(const std::string& owner, Date created, Date due, Date on, Minutes effort = 60,
                     Minutes original = 60) {
    Commitment c;
    c.owner = owner;
    c.state = State::delivered;
    c.created = created;
    c.original_due = c.due = due;
    c.closed = on;
    c.effort = effort;
    c.original_effort = original;
    return c;
}

const WorkWeek weekdays;
const Date monday = ymd(2026, 11, 23);
const Date friday = ymd(2026, 11, 27);

} // namespace

TEST_CASE("percentile: linear interpolation, empty gives 1") {
    CHECK(percentile({}, 50) == 1.0);
    CHECK(percentile({2.0}, 90) == 2.0);
    CHECK(percentile({1.0, 2.0, 3.0, 4.0}, 50) == doctest::Approx(2.5));
    CHECK(percentile({1.0, 2.0, 3.0, 4.0, 5.0}, 80) == doctest::Approx(4.2));
    CHECK(percentile({1.0, 2.0}, 100) == 2.0);
}

TEST_CASE("calibrate: duration ratios in working days, effort growth, per owner") {
    // Promised Mon..Fri (5 working days), delivered the Friday after (10): ratio 2.
    std::vector<Commitment> history = {
        delivered("alice", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 13), 120, 60),
        delivered("alice", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 6)),
        delivered("bob", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 4)),
    };
    Commitment open = history[0];
    open.state = State::open;
    open.closed.reset();
    history.push_back(open);
    Commitment dropped = history[0];
    dropped.state = State::dropped;
    history.push_back(dropped);

    auto owners = calibrate(history, weekdays);
    REQUIRE(owners.size() == 2);
    const auto& alice = owners.at("alice");
    CHECK(alice.samples == 2);
    CHECK(alice.ratios == std::vector<double>{1.0, 2.0});
    CHECK(alice.median == doctest::Approx(1.5));
    CHECK(alice.median_effort_growth == doctest::Approx(1.5));
    CHECK_FALSE(alice.usable());
    CHECK(owners.at("bob").ratios == std::vector<double>{0.6});
}

TEST_CASE("calibrate: same-day work counts as one working day") {
    auto owners = calibrate({delivered("a", monday, monday, monday)}, weekdays);
    CHECK(owners.at("a").ratios == std::vector<double>{1.0});
}

TEST_CASE("nth_working_day") {
    CHECK(nth_working_day(monday, 1, weekdays) == monday);
    CHECK(nth_working_day(monday, 5, weekdays) == friday);
    CHECK(nth_working_day(monday, 6, weekdays) == ymd(2026, 11, 30));
    CHECK(nth_working_day(ymd(2026, 11, 28), 1, weekdays) == ymd(2026, 11, 30)); // Saturday start
    CHECK(nth_working_day(ymd(2026, 12, 31), 2, weekdays) == ymd(2027, 1, 1));   // across the year
}

TEST_CASE("confident_dates: zero history falls back to the capacity date") {
    OwnerCalibration none;
    none.owner = "alice";
    auto dates = confident_dates(monday, friday, none, 80, weekdays);
    CHECK_FALSE(dates.calibrated);
    CHECK(dates.trials == 0);
    CHECK(dates.at_confidence == friday);
    CHECK(dates.p50 == friday);
    CHECK(dates.p90 == friday);
}

TEST_CASE("confident_dates: too little history (4) is not used") {
    std::vector<Commitment> history(
        4, delivered("a", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 13)));
    auto owners = calibrate(history, weekdays);
    auto dates = confident_dates(monday, friday, owners.at("a"), 80, weekdays);
    CHECK_FALSE(dates.calibrated);
    CHECK(dates.at_confidence == friday);
}

TEST_CASE("confident_dates: an all-on-time history gives the capacity date") {
    std::vector<Commitment> history;
    for (int i = 0; i < 6; ++i) {
        history.push_back(delivered("a", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 4)));
    }
    auto dates =
        confident_dates(monday, friday, calibrate(history, weekdays).at("a"), 99, weekdays);
    CHECK(dates.calibrated);
    CHECK(dates.trials == calibration_trials);
    CHECK(dates.p50 == friday);
    CHECK(dates.at_confidence == friday);
    CHECK(dates.p90 == friday);
}

TEST_CASE("confident_dates: a history that always takes twice as long doubles the span") {
    std::vector<Commitment> history(
        5, delivered("a", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 13)));
    auto dates =
        confident_dates(monday, friday, calibrate(history, weekdays).at("a"), 80, weekdays);
    // Five working days from Monday become ten: the Friday after.
    CHECK(dates.p50 == ymd(2026, 12, 4));
    CHECK(dates.at_confidence == ymd(2026, 12, 4));
    CHECK(dates.p90 == ymd(2026, 12, 4));
}

TEST_CASE("confident_dates: one outlier moves only the high percentiles") {
    std::vector<Commitment> history(
        4, delivered("a", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 6)));
    // 5 promised working days, 15 taken: ratio 3.
    history.push_back(delivered("a", ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 20)));
    const auto owner = calibrate(history, weekdays).at("a");
    CHECK(owner.ratios == std::vector<double>{1.0, 1.0, 1.0, 1.0, 3.0});
    auto at70 = confident_dates(monday, friday, owner, 70, weekdays);
    CHECK(at70.p50 == friday);
    CHECK(at70.at_confidence == friday);
    CHECK(at70.p90 == ymd(2026, 12, 11)); // fifteen working days from Monday
    auto again = confident_dates(monday, friday, owner, 70, weekdays);
    CHECK(again.at_confidence == at70.at_confidence); // seeded: reproducible
}
