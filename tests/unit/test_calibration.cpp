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
