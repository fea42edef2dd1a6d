#include "kept/effort.hpp"
#include "kept/error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

Minutes effort(std::string_view text, const EffortUnits& units = {}) {
    return parse_effort(text, units, "--effort");
}

std::string rejection(std::string_view text, const EffortUnits& units = {}) {
    try {
        parse_effort(text, units, "--effort");
    } catch (const BadValue& e) {
        return e.what();
    }
    return "accepted";
}

std::string not_an_effort(std::string_view text) {
    return "--effort: \"" + std::string(text) + "\" is not an effort (use 90m, 6h, 1.5d or 1w)";
}

std::string too_small(std::string_view text) {
    return "--effort: \"" + std::string(text) + "\" must be at least one minute";
}

std::string too_large(std::string_view text) {
    return "--effort: \"" + std::string(text) +
           "\" is too large (at most 876000h, a hundred years)";
}

std::string change_rejection(std::string_view text) {
    try {
        parse_effort_change(text, {}, "--effort");
    } catch (const BadValue& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("parse_effort: every unit") {
    CHECK(effort("90m") == 90);
    CHECK(effort("6h") == 360);
    CHECK(effort("1.5d") == 720);
    CHECK(effort("1d") == 480);
    CHECK(effort("1w") == 2400);
    CHECK(effort("2w") == 4800);
}

TEST_CASE("parse_effort: a bare number is hours") {
    CHECK(effort("6") == 360);
    CHECK(effort("1.5") == 90);
    CHECK(effort("0.25") == 15);
}

TEST_CASE("parse_effort: decimals") {
    CHECK(effort("0.5h") == 30);
    CHECK(effort(".5h") == 30);
    CHECK(effort("2.h") == 120);
    CHECK(effort("2.0h") == 120);
    CHECK(effort("007h") == 420);
    CHECK(effort("0.75d") == 360);
    CHECK(effort("0.5w") == 1200);
}

TEST_CASE("parse_effort: units are case-insensitive") {
    CHECK(effort("90M") == 90);
    CHECK(effort("6H") == 360);
    CHECK(effort("1D") == 480);
    CHECK(effort("1W") == 2400);
}

TEST_CASE("parse_effort: days and weeks follow the team's units") {
    const EffortUnits short_days{6.0, 4};
    CHECK(effort("1d", short_days) == 360);
    CHECK(effort("1w", short_days) == 1440);
    CHECK(effort("0.5w", short_days) == 720);
    CHECK(effort("90m", short_days) == 90);
    CHECK(effort("2h", short_days) == 120);
    const EffortUnits odd{7.5, 6};
    CHECK(effort("1d", odd) == 450);
    CHECK(effort("1w", odd) == 2700);
}

TEST_CASE("parse_effort: rounds to the nearest minute") {
    CHECK(effort("1.4m") == 1);
    CHECK(effort("1.5m") == 2);
    CHECK(effort("0.5m") == 1);
    CHECK(effort("0.01h") == 1);
    CHECK(effort("1.3333h") == 80);
    CHECK(effort("0.1d", {7.7, 5}) == 46);
}

TEST_CASE("parse_effort: zero and under a minute are refused") {
    for (const char* text : {"0", "0h", "0m", "0.0d", "0w", "0.4m", "0.008h", "00"}) {
        CAPTURE(text);
        CHECK(rejection(text) == too_small(text));
    }
    CHECK(rejection("1w", {8.0, 0}) == too_small("1w"));
}

TEST_CASE("parse_effort: negative is not an effort") {
    for (const char* text : {"-3h", "-1", "-0.5d", "+3h"}) {
        CAPTURE(text);
        CHECK(rejection(text) == not_an_effort(text));
    }
}

TEST_CASE("parse_effort: at most a hundred years, and past that too large") {
    CHECK(effort("52560000m") == 52'560'000);
    CHECK(effort("876000h") == 52'560'000);
    CHECK(effort("875999h60m") == 52'560'000);
    for (const char* text : {"52560001m", "876001h", "1000000h", "99999999999999999999999999h",
                             "100000w", "876000h1m", "100000w1m", "100000000000000000000d"}) {
        CAPTURE(text);
        CHECK(rejection(text) == too_large(text));
    }
    const std::string enormous = "1" + std::string(400, '0') + "h";
    CHECK(rejection(enormous) == too_large(enormous));
    const std::string enormous_bare = "9" + std::string(400, '9');
    CHECK(rejection(enormous_bare) == too_large(enormous_bare));
    // Four hundred zeros and a one is tiny, not large.
    const std::string tiny = "0." + std::string(400, '0') + "1h";
    CHECK(rejection(tiny) == too_small(tiny));
}

TEST_CASE("parse_effort: compound forms, units from the largest down") {
    CHECK(effort("1h30m") == 90);
    CHECK(effort("2d4h") == 2 * 480 + 240);
    CHECK(effort("1w2d") == 5 * 480 + 2 * 480);
    CHECK(effort("1w1d1h1m") == 2400 + 480 + 60 + 1);
    CHECK(effort("1d30m") == 510);
    CHECK(effort("0h30m") == 30);
    CHECK(effort("1h0m") == 60);
    CHECK(effort("1.5h15m") == 105);
    CHECK(effort("1H30M") == 90);
    CHECK(effort("2d4h", {6.0, 4}) == 2 * 360 + 240);
    CHECK(effort("1w1d", {6.0, 4}) == 4 * 360 + 360);
    CHECK(rejection("0h0m") == too_small("0h0m"));
    CHECK(rejection("0h0.4m") == too_small("0h0.4m"));
}

TEST_CASE("parse_effort: compound forms out of order or incomplete are not efforts") {
    for (const char* text :
         {"30m1h", "1h1h", "4h2d", "1m1m", "1d1w", "1h30", "30 1h", "1h 30m", "1h30m ", "1hm",
          "h30m", "1h.m", "1h+30m", "1h-30m", "1h30x", "1h30m5", "1h,30m"}) {
        CAPTURE(text);
        CHECK(rejection(text) == not_an_effort(text));
    }
}

TEST_CASE("parse_effort: garbage") {
    for (const char* text :
         {"",     "h",   "m",      ".",   ".h",   "abc",  "6hh",  "6 h",  " 6h",
          "6h ",  "6x",  "6hours", "inf", "nan",  "infh", "nanh", "1,5h", "1.5.5h",
          "1e3m", "1E3", "0x10h",  "６h", "6h30", "1/2d", "--"}) {
        CAPTURE(text);
        CHECK(rejection(text) == not_an_effort(text));
    }
    CHECK_THROWS_WITH_AS(parse_effort("abc", {}, "effort"),
                         "effort: \"abc\" is not an effort (use 90m, 6h, 1.5d or 1w)", BadValue);
}

TEST_CASE("parse_effort_change: set, add and subtract") {
    const EffortChange set = parse_effort_change("4h", {}, "--effort");
    CHECK(set.mode == EffortChange::Mode::set);
    CHECK(set.amount == 240);
    const EffortChange add = parse_effort_change("+2h", {}, "--effort");
    CHECK(add.mode == EffortChange::Mode::add);
    CHECK(add.amount == 120);
    const EffortChange subtract = parse_effort_change("-30m", {}, "--effort");
    CHECK(subtract.mode == EffortChange::Mode::subtract);
    CHECK(subtract.amount == 30);
    const EffortChange compound = parse_effort_change("-1h30m", {}, "--effort");
    CHECK(compound.mode == EffortChange::Mode::subtract);
    CHECK(compound.amount == 90);
    CHECK(change_rejection("+876001h") == too_large("+876001h"));
    const EffortChange days = parse_effort_change("+1.5d", {6.0, 5}, "--effort");
    CHECK(days.mode == EffortChange::Mode::add);
    CHECK(days.amount == 540);
}

TEST_CASE("parse_effort_change: errors quote the whole text") {
    CHECK(change_rejection("+") == not_an_effort("+"));
    CHECK(change_rejection("-") == not_an_effort("-"));
    CHECK(change_rejection("+-2h") == not_an_effort("+-2h"));
    CHECK(change_rejection("--2h") == not_an_effort("--2h"));
    CHECK(change_rejection("++2h") == not_an_effort("++2h"));
    CHECK(change_rejection("+ 2h") == not_an_effort("+ 2h"));
    CHECK(change_rejection("+abc") == not_an_effort("+abc"));
    CHECK(change_rejection("") == not_an_effort(""));
    CHECK(change_rejection("-0h") == too_small("-0h"));
    CHECK(change_rejection("+0") == too_small("+0"));
    CHECK(change_rejection("0m") == too_small("0m"));
}

TEST_CASE("EffortChange::apply: the new effort") {
    CHECK(EffortChange{EffortChange::Mode::set, 240}.apply(600, "--effort") == 240);
    CHECK(EffortChange{EffortChange::Mode::add, 120}.apply(600, "--effort") == 720);
    CHECK(EffortChange{EffortChange::Mode::subtract, 120}.apply(600, "--effort") == 480);
    CHECK(EffortChange{EffortChange::Mode::subtract, 599}.apply(600, "--effort") == 1);
}

TEST_CASE("EffortChange::apply: refuses to leave less than a minute") {
    CHECK_THROWS_WITH_AS(EffortChange({EffortChange::Mode::subtract, 600}).apply(600, "--effort"),
                         "--effort: -10.0h on 10.0h would leave 0.0h; effort must stay at least "
                         "one minute",
                         BadValue);
    CHECK_THROWS_WITH_AS(EffortChange({EffortChange::Mode::subtract, 600}).apply(480, "--effort"),
                         "--effort: -10.0h on 8.0h would leave -2.0h; effort must stay at least "
                         "one minute",
                         BadValue);
    CHECK_THROWS_AS(EffortChange({EffortChange::Mode::set, 0}).apply(480, "--effort"), BadValue);
}

TEST_CASE("EffortChange::apply: refuses more than a hundred years") {
    CHECK(EffortChange{EffortChange::Mode::add, 60}.apply(52'559'940, "--effort") == 52'560'000);
    CHECK_THROWS_WITH_AS(EffortChange({EffortChange::Mode::add, 60}).apply(52'560'000, "--effort"),
                         "--effort: +1.0h on 876000.0h would make 876001.0h; effort must stay "
                         "under 100 years",
                         BadValue);
}

TEST_CASE("format_hours: one decimal, half away from zero") {
    CHECK(format_hours(480) == "8.0h");
    CHECK(format_hours(90) == "1.5h");
    CHECK(format_hours(0) == "0.0h");
    CHECK(format_hours(1) == "0.0h");
    CHECK(format_hours(2) == "0.0h");
    CHECK(format_hours(3) == "0.1h");
    CHECK(format_hours(9) == "0.2h");
    CHECK(format_hours(15) == "0.3h");
    CHECK(format_hours(59) == "1.0h");
    CHECK(format_hours(61) == "1.0h");
    CHECK(format_hours(63) == "1.1h");
    CHECK(format_hours(60'000) == "1000.0h");
    CHECK(format_hours(-90) == "-1.5h");
    CHECK(format_hours(-3) == "-0.1h");
    CHECK(format_hours(-2) == "0.0h");
}

TEST_CASE("format_hours: parse_effort reads back what it prints") {
    for (const Minutes minutes : {6, 30, 90, 480, 2406, 52'560'000}) {
        CAPTURE(minutes);
        CHECK(parse_effort(format_hours(minutes), {}, "--effort") == minutes);
    }
}
