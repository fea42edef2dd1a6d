#include "kept/figure.hpp"

#include <doctest/doctest.h>

using namespace kept;

namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

} // namespace

TEST_CASE("Figure: unset until set, and reads like std::optional") {
    Figure<double> hours;
    CHECK(!hours);
    CHECK(!hours.has_value());
    CHECK(hours.value_or(2.5) == 2.5);
    CHECK(!std::optional<double>(hours));
    hours = 0.0;
    CHECK(hours);
    CHECK(*hours == 0.0);
    hours = -1.25;
    CHECK(*hours == -1.25);
    CHECK(std::optional<double>(hours) == -1.25);
    hours = std::nullopt;
    CHECK(!hours);

    Figure<int> slack = -3;
    CHECK(*slack == -3);
    CHECK(Figure<int>(0).has_value());
    CHECK(Figure<int>(std::optional<int>()) == Figure<int>());
    CHECK(Figure<int>(std::optional<int>(7)) == Figure<int>(7));
    CHECK(!(Figure<int>(7) == Figure<int>(8)));
    CHECK(!(Figure<int>(7) == Figure<int>()));
}

TEST_CASE("Figure<Date>: every date kept exactly, in 4 bytes") {
    static_assert(sizeof(Figure<Date>) == 4);
    static_assert(sizeof(Figure<double>) == sizeof(double));
    for (Date d : {day(1970, 1, 1), day(1969, 12, 31), day(2026, 12, 1), day(2028, 2, 29),
                   day(9999, 12, 31), day(1, 1, 1), Date{}}) {
        Figure<Date> f = d;
        REQUIRE(f);
        CHECK(*f == d);
        CHECK(f.value_or(day(2000, 1, 1)) == d);
        CHECK(std::optional<Date>(f) == d);
    }
    Figure<Date> unset;
    CHECK(!unset);
    CHECK(unset.value_or(day(2026, 1, 1)) == day(2026, 1, 1));
}
