#include "kept/date.hpp"
#include "kept/error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;
using std::chrono::days;

namespace {

constexpr Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// The week of 2026-03-02 (Monday) to 2026-03-08 (Sunday).
constexpr Date monday = ymd(2026, 3, 2);
constexpr Date wednesday = ymd(2026, 3, 4);
constexpr Date friday = ymd(2026, 3, 6);
constexpr Date saturday = ymd(2026, 3, 7);
constexpr Date sunday = ymd(2026, 3, 8);

WorkWeek workweek_of(std::initializer_list<unsigned> c_encodings) {
    WorkWeek week{0};
    for (const unsigned day : c_encodings) {
        week.mask = static_cast<std::uint8_t>(week.mask | (1U << day));
    }
    return week;
}

std::string due(std::string_view text, Date today, const WorkWeek& workweek = {}) {
    return format_date(parse_date(text, today, workweek, "--due"));
}

std::string rejection(std::string_view text, Date today = wednesday,
                      const WorkWeek& workweek = {}) {
    try {
        parse_date(text, today, workweek, "--due");
    } catch (const BadValue& e) {
        return e.what();
    }
    return "accepted";
}

std::string invalid(std::string_view text) {
    return "--due: \"" + std::string(text) + "\" is not a valid date";
}

} // namespace

TEST_CASE("parse_iso_date: accepts real calendar days") {
    CHECK(parse_iso_date("2026-03-04") == ymd(2026, 3, 4));
    CHECK(parse_iso_date("2026-01-01") == ymd(2026, 1, 1));
    CHECK(parse_iso_date("2026-12-31") == ymd(2026, 12, 31));
    CHECK(parse_iso_date("0001-01-01") == ymd(1, 1, 1));
    CHECK(parse_iso_date("9999-12-31") == ymd(9999, 12, 31));
    CHECK(parse_iso_date("2026-04-30") == ymd(2026, 4, 30));
}

TEST_CASE("parse_iso_date: every day agrees with the calendar") {
    // Year 0 (a leap year before which the days count backwards), the epoch, and today's years.
    for (auto [first, last] :
         {std::pair{ymd(0, 1, 1), ymd(4, 12, 31)}, std::pair{ymd(1968, 1, 1), ymd(1971, 12, 31)},
          std::pair{ymd(2023, 1, 1), ymd(2029, 12, 31)},
          std::pair{ymd(9996, 1, 1), ymd(9999, 12, 31)}}) {
        for (Date d = first; d <= last; d += days{1}) {
            CAPTURE(format_date(d));
            REQUIRE(parse_iso_date(format_date(d)) == d);
        }
    }
}

TEST_CASE("parse_iso_date: leap days") {
    CHECK(parse_iso_date("2024-02-29") == ymd(2024, 2, 29));
    CHECK(parse_iso_date("2000-02-29") == ymd(2000, 2, 29));
    CHECK_FALSE(parse_iso_date("2026-02-29"));
    CHECK_FALSE(parse_iso_date("1900-02-29"));
    CHECK_FALSE(parse_iso_date("2100-02-29"));
    CHECK_FALSE(parse_iso_date("2024-02-30"));
}

TEST_CASE("parse_iso_date: rejects anything but exactly YYYY-MM-DD") {
    for (const char* text :
         {"",           " 2026-01-01", "2026-01-01 ", "2026-1-1",   "2026-01-1",
          "26-01-01",   "02026-01-01", "2026/01/01",  "2026-13-01", "2026-00-10",
          "2026-01-00", "2026-01-32",  "2026-04-31",  "2026-06-31", "2026-09-31",
          "2026-11-31", "2026-02-30",  "2026-0a-01",  "+026-01-01", "2026-01-01T00:00:00Z",
          "2026--1-01", "2026-01--1",  "today"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_iso_date(text));
    }
}

TEST_CASE("parse_date: rejects Feb 30") {
    CHECK_THROWS_WITH_AS(parse_date("2026-02-30", wednesday, {}, "--due"),
                         "--due: \"2026-02-30\" is not a valid date", BadValue);
}

TEST_CASE("parse_date: names the field it parses") {
    CHECK_THROWS_WITH_AS(parse_date("soon", wednesday, {}, "--on"),
                         "--on: \"soon\" is not a valid date", BadValue);
}

TEST_CASE("parse_date: accepts exactly the dates from 1970-01-01 to 9998-12-31") {
    const std::string range = "is outside the dates kept accepts (from 1970-01-01 to 9998-12-31)";
    CHECK(due("1970-01-01", wednesday) == "1970-01-01");
    CHECK(due("9998-12-31", wednesday) == "9998-12-31");
    CHECK(format_date(earliest_date) == "1970-01-01");
    CHECK(format_date(latest_date) == "9998-12-31");
    CHECK(rejection("1969-12-31") == "--due: \"1969-12-31\" " + range);
    CHECK(rejection("9999-01-01") == "--due: \"9999-01-01\" " + range);
    CHECK(rejection("9999-12-31") == "--due: \"9999-12-31\" " + range);
    CHECK(rejection("0000-01-01") == "--due: \"0000-01-01\" " + range);
    CHECK(due("tomorrow", ymd(9998, 12, 30)) == "9998-12-31");
    CHECK(rejection("tomorrow", ymd(9998, 12, 31)) == "--due: \"tomorrow\" " + range);
    CHECK(rejection("eom", ymd(9998, 12, 31) + days{1}) == "--due: \"eom\" " + range);
}

TEST_CASE("parse_date: ISO dates pass through, in the past too") {
    CHECK(due("2026-03-04", wednesday) == "2026-03-04");
    CHECK(due("2024-02-29", wednesday) == "2024-02-29");
    CHECK(due("1999-12-31", wednesday) == "1999-12-31");
}

TEST_CASE("parse_date: today and tomorrow, any case") {
    CHECK(due("today", wednesday) == "2026-03-04");
    CHECK(due("TODAY", wednesday) == "2026-03-04");
    CHECK(due("Today", wednesday) == "2026-03-04");
    CHECK(due("tomorrow", wednesday) == "2026-03-05");
    CHECK(due("Tomorrow", ymd(2026, 12, 31)) == "2027-01-01");
    CHECK(due("tomorrow", ymd(2024, 2, 28)) == "2024-02-29");
    CHECK(due("tomorrow", ymd(2026, 2, 28)) == "2026-03-01");
}

TEST_CASE("parse_date: +Nd and +Nw") {
    SUBCASE("days") {
        CHECK(due("+0d", wednesday) == "2026-03-04");
        CHECK(due("+1d", wednesday) == "2026-03-05");
        CHECK(due("+3d", wednesday) == "2026-03-07");
        CHECK(due("+28d", ymd(2026, 2, 1)) == "2026-03-01");
        CHECK(due("+366d", ymd(2024, 1, 1)) == "2025-01-01");
        CHECK(due("+007d", wednesday) == "2026-03-11");
        CHECK(due("+3D", wednesday) == "2026-03-07");
    }
    SUBCASE("weeks") {
        CHECK(due("+0w", wednesday) == "2026-03-04");
        CHECK(due("+1w", wednesday) == "2026-03-11");
        CHECK(due("+2w", ymd(2026, 12, 24)) == "2027-01-07");
        CHECK(due("+2W", wednesday) == "2026-03-18");
    }
    SUBCASE("bounds") {
        CHECK(due("+100000d", ymd(2026, 1, 1)) == format_date(ymd(2026, 1, 1) + days{100000}));
        CHECK(due("+14285w", ymd(2026, 1, 1)) == format_date(ymd(2026, 1, 1) + days{99995}));
        CHECK(rejection("+100001d") == invalid("+100001d"));
        CHECK(rejection("+14286w") == invalid("+14286w"));
        CHECK(rejection("+99999999999999999999999d") == invalid("+99999999999999999999999d"));
        CHECK(rejection("+9d", ymd(9998, 12, 30)) ==
              "--due: \"+9d\" is outside the dates kept accepts (from 1970-01-01 to 9998-12-31)");
    }
    SUBCASE("malformed") {
        for (const char* text : {"+d", "+w", "+-3d", "-3d", "+3", "3d", "+3x", "+3dd", "+ 3d",
                                 "+3 d", "++3d", "+3.5d", "+1e3d", "+３d"}) {
            CAPTURE(text);
            CHECK(rejection(text) == invalid(text));
        }
    }
}

TEST_CASE("parse_date: weekday names mean the next such day, today excluded") {
    SUBCASE("from a Wednesday") {
        CHECK(due("thu", wednesday) == "2026-03-05");
        CHECK(due("fri", wednesday) == "2026-03-06");
        CHECK(due("sat", wednesday) == "2026-03-07");
        CHECK(due("sun", wednesday) == "2026-03-08");
        CHECK(due("mon", wednesday) == "2026-03-09");
        CHECK(due("tue", wednesday) == "2026-03-10");
        CHECK(due("wed", wednesday) == "2026-03-11");
    }
    SUBCASE("today being that weekday is a week later") {
        CHECK(due("fri", friday) == "2026-03-13");
        CHECK(due("mon", monday) == "2026-03-09");
        CHECK(due("sun", sunday) == "2026-03-15");
    }
    SUBCASE("long names and any case") {
        CHECK(due("monday", wednesday) == "2026-03-09");
        CHECK(due("tuesday", wednesday) == "2026-03-10");
        CHECK(due("wednesday", wednesday) == "2026-03-11");
        CHECK(due("thursday", wednesday) == "2026-03-05");
        CHECK(due("friday", wednesday) == "2026-03-06");
        CHECK(due("saturday", wednesday) == "2026-03-07");
        CHECK(due("sunday", wednesday) == "2026-03-08");
        CHECK(due("FRI", wednesday) == "2026-03-06");
        CHECK(due("Friday", wednesday) == "2026-03-06");
    }
    SUBCASE("across month and year ends") {
        CHECK(due("mon", ymd(2026, 12, 31)) == "2027-01-04");
        CHECK(due("sun", ymd(2024, 2, 27)) == "2024-03-03");
    }
    SUBCASE("near misses are rejected") {
        for (const char* text : {"fr", "frid", "fridays", "thur", "thurs", "tues", "weds", "mo"}) {
            CAPTURE(text);
            CHECK(rejection(text) == invalid(text));
        }
    }
}

TEST_CASE("parse_date: eow is the last working day of this week") {
    SUBCASE("Monday to Friday") {
        CHECK(due("eow", monday) == "2026-03-06");
        CHECK(due("eow", wednesday) == "2026-03-06");
        CHECK(due("EOW", wednesday) == "2026-03-06");
    }
    SUBCASE("today when today is that day") {
        CHECK(due("eow", friday) == "2026-03-06");
    }
    SUBCASE("on Saturday and Sunday it is next week's") {
        CHECK(due("eow", saturday) == "2026-03-13");
        CHECK(due("eow", sunday) == "2026-03-13");
    }
    SUBCASE("custom workweeks") {
        const WorkWeek sun_to_thu = workweek_of({0, 1, 2, 3, 4});
        // The ISO week ends on Sunday, so Sunday is the last working day of this one.
        CHECK(due("eow", wednesday, sun_to_thu) == "2026-03-08");
        CHECK(due("eow", friday, sun_to_thu) == "2026-03-08");
        CHECK(due("eow", sunday, sun_to_thu) == "2026-03-08");

        const WorkWeek mon_to_thu = workweek_of({1, 2, 3, 4});
        CHECK(due("eow", wednesday, mon_to_thu) == "2026-03-05");
        CHECK(due("eow", friday, mon_to_thu) == "2026-03-12");

        const WorkWeek every_day = workweek_of({0, 1, 2, 3, 4, 5, 6});
        CHECK(due("eow", saturday, every_day) == "2026-03-08");

        const WorkWeek monday_only = workweek_of({1});
        CHECK(due("eow", monday, monday_only) == "2026-03-02");
        CHECK(due("eow", ymd(2026, 3, 3), monday_only) == "2026-03-09");
    }
    SUBCASE("across a year end") {
        CHECK(due("eow", ymd(2026, 12, 30)) == "2027-01-01");
    }
    SUBCASE("an empty workweek has no end") {
        CHECK(rejection("eow", wednesday, WorkWeek{0}) ==
              "--due: \"eow\" is not a valid date: the workweek has no working days");
    }
}

TEST_CASE("parse_date: eom is the last day of this month") {
    CHECK(due("eom", ymd(2026, 1, 1)) == "2026-01-31");
    CHECK(due("eom", ymd(2026, 1, 31)) == "2026-01-31");
    CHECK(due("eom", ymd(2024, 2, 1)) == "2024-02-29");
    CHECK(due("eom", ymd(2024, 2, 29)) == "2024-02-29");
    CHECK(due("eom", ymd(2026, 2, 10)) == "2026-02-28");
    CHECK(due("eom", ymd(2000, 2, 10)) == "2000-02-29");
    CHECK(due("eom", ymd(2100, 2, 10)) == "2100-02-28");
    CHECK(due("eom", ymd(2026, 4, 15)) == "2026-04-30");
    CHECK(due("eom", ymd(2026, 12, 1)) == "2026-12-31");
    CHECK(due("eom", ymd(2026, 12, 31)) == "2026-12-31");
    CHECK(due("EoM", ymd(2026, 12, 31)) == "2026-12-31");
}

TEST_CASE("parse_date: garbage is not a valid date") {
    const std::string long_text(5000, 'x');
    const std::string long_date = "2026-01-01" + std::string(1000, ' ');
    for (const std::string& text :
         {std::string(), std::string(" "), std::string(" 2026-01-01"), std::string("2026-01-01 "),
          std::string("2026-1-1"), std::string("2026-13-01"), std::string("2026-02-29"),
          std::string("yesterday"), std::string("now"), std::string("next week"),
          std::string(" today"), std::string("today "), std::string("to day"), std::string("eow "),
          std::string("eod"), std::string("eoy"), long_text, long_date, std::string("\xff\xfe")}) {
        CAPTURE(text);
        CHECK(rejection(text) == invalid(text));
    }
}

std::string since(std::string_view text, Date today, const WorkWeek& workweek = {}) {
    return format_date(parse_past_date(text, today, workweek, "--since"));
}

std::string past_rejection(std::string_view text, Date today = wednesday) {
    try {
        parse_past_date(text, today, {}, "--since");
    } catch (const BadValue& e) {
        return e.what();
    }
    return "accepted";
}

std::string not_past(std::string_view text) {
    return "--since: \"" + std::string(text) + "\" is not a valid date";
}

TEST_CASE("parse_past_date: a weekday name is the most recent one, today included") {
    SUBCASE("from a Wednesday") {
        CHECK(since("wed", wednesday) == "2026-03-04");
        CHECK(since("tue", wednesday) == "2026-03-03");
        CHECK(since("mon", wednesday) == "2026-03-02");
        CHECK(since("sun", wednesday) == "2026-03-01");
        CHECK(since("sat", wednesday) == "2026-02-28");
        CHECK(since("fri", wednesday) == "2026-02-27");
        CHECK(since("thu", wednesday) == "2026-02-26");
    }
    SUBCASE("on a Monday, mon is today") {
        CHECK(since("mon", monday) == "2026-03-02");
        CHECK(since("Monday", monday) == "2026-03-02");
        CHECK(since("sun", monday) == "2026-03-01");
        CHECK(since("tue", monday) == "2026-02-24");
    }
    SUBCASE("on a Sunday") {
        CHECK(since("sun", sunday) == "2026-03-08");
        CHECK(since("mon", sunday) == "2026-03-02");
        CHECK(since("sat", sunday) == "2026-03-07");
    }
    SUBCASE("across year ends and leap days") {
        CHECK(since("fri", ymd(2027, 1, 1)) == "2027-01-01");
        CHECK(since("thu", ymd(2027, 1, 1)) == "2026-12-31");
        CHECK(since("sat", ymd(2027, 1, 1)) == "2026-12-26");
        CHECK(since("thu", ymd(2024, 3, 1)) == "2024-02-29");
        // 2026-12-28 is the Monday of week 53 of 2026: its Sunday is in week 52.
        CHECK(since("sun", ymd(2026, 12, 28)) == "2026-12-27");
        CHECK(since("mon", ymd(2027, 1, 3)) == "2026-12-28");
    }
}

TEST_CASE("parse_past_date: last DAY is the most recent one before today") {
    CHECK(since("last fri", wednesday) == "2026-02-27");
    CHECK(since("last wed", wednesday) == "2026-02-25");
    CHECK(since("last tue", wednesday) == "2026-03-03");
    CHECK(since("last mon", monday) == "2026-02-23");
    CHECK(since("last sun", monday) == "2026-03-01");
    CHECK(since("last sun", sunday) == "2026-03-01");
    CHECK(since("last sat", sunday) == "2026-03-07");
    CHECK(since("Last Friday", friday) == "2026-02-27");
    CHECK(since("last wednesday", saturday) == "2026-03-04");
    CHECK(since("last fri", ymd(2027, 1, 1)) == "2026-12-25");
    CHECK(since("last thu", ymd(2024, 3, 7)) == "2024-02-29");
}

TEST_CASE("parse_past_date: yesterday, -Nd and -Nw count calendar days back") {
    CHECK(since("yesterday", wednesday) == "2026-03-03");
    CHECK(since("Yesterday", ymd(2027, 1, 1)) == "2026-12-31");
    CHECK(since("yesterday", ymd(2024, 3, 1)) == "2024-02-29");
    CHECK(since("yesterday", ymd(2026, 3, 1)) == "2026-02-28");
    CHECK(since("-0d", wednesday) == "2026-03-04");
    CHECK(since("-1d", monday) == "2026-03-01");
    CHECK(since("-3d", monday) == "2026-02-27");
    CHECK(since("-3D", monday) == "2026-02-27");
    CHECK(since("-366d", ymd(2025, 1, 1)) == "2024-01-01");
    CHECK(since("-1w", wednesday) == "2026-02-25");
    CHECK(since("-2w", ymd(2027, 1, 7)) == "2026-12-24");
    CHECK(since("-2W", wednesday) == "2026-02-18");
    CHECK(since("-100000d", ymd(9000, 1, 1)) == format_date(ymd(9000, 1, 1) - days{100000}));
    CHECK(past_rejection("-100001d") == not_past("-100001d"));
    CHECK(past_rejection("-14286w") == not_past("-14286w"));
    CHECK(past_rejection("-3d", ymd(1970, 1, 2)) ==
          "--since: \"-3d\" is outside the dates kept accepts (from 1970-01-01 to 9998-12-31)");
}

TEST_CASE("parse_past_date: the forward forms keep their meaning") {
    CHECK(since("2026-03-20", wednesday) == "2026-03-20");
    CHECK(since("today", wednesday) == "2026-03-04");
    CHECK(since("tomorrow", wednesday) == "2026-03-05");
    CHECK(since("+3d", wednesday) == "2026-03-07");
    CHECK(since("eom", wednesday) == "2026-03-31");
    CHECK(since("eow", wednesday) == "2026-03-06");
}

TEST_CASE("parse_past_date: garbage is not a valid date") {
    for (const char* text :
         {"",        "last",       "last ",      "last  fri", "lastfri",
          "last fr", "last eow",   "last today", "next fri",  "-d",
          "--3d",    "-3",         "-3x",        "- 3d",      "-3.5d",
          "+-3d",    "yester day", " yesterday", "last fri ", "last wednesdays"}) {
        CAPTURE(text);
        CHECK(past_rejection(text) == not_past(text));
    }
}

TEST_CASE("parse_date: due dates know no look-back words") {
    for (const char* text : {"yesterday", "-3d", "-2w", "last fri"}) {
        CAPTURE(text);
        CHECK(rejection(text) == invalid(text));
    }
}

TEST_CASE("parse_weekday: short and long names, any case") {
    CHECK(parse_weekday("sun") == std::chrono::Sunday);
    CHECK(parse_weekday("mon") == std::chrono::Monday);
    CHECK(parse_weekday("tue") == std::chrono::Tuesday);
    CHECK(parse_weekday("wed") == std::chrono::Wednesday);
    CHECK(parse_weekday("thu") == std::chrono::Thursday);
    CHECK(parse_weekday("fri") == std::chrono::Friday);
    CHECK(parse_weekday("sat") == std::chrono::Saturday);
    CHECK(parse_weekday("Wednesday") == std::chrono::Wednesday);
    CHECK(parse_weekday("SATURDAY") == std::chrono::Saturday);
    CHECK_FALSE(parse_weekday(""));
    CHECK_FALSE(parse_weekday("s"));
    CHECK_FALSE(parse_weekday("satur"));
    CHECK_FALSE(parse_weekday("wednesdays"));
    CHECK_FALSE(parse_weekday(" mon"));
    CHECK_FALSE(parse_weekday("mon "));
}

TEST_CASE("format_date: zero-padded ISO 8601") {
    CHECK(format_date(ymd(2026, 3, 4)) == "2026-03-04");
    CHECK(format_date(ymd(2026, 12, 31)) == "2026-12-31");
    CHECK(format_date(ymd(999, 1, 9)) == "0999-01-09");
    CHECK(format_date(Date{}) == "1970-01-01");
}

TEST_CASE("iso_week: week 53 and the weeks around new year") {
    CHECK(iso_week(ymd(2026, 1, 1)) == IsoWeek{2026, 1});
    CHECK(iso_week(ymd(2025, 12, 29)) == IsoWeek{2026, 1});
    CHECK(iso_week(ymd(2026, 12, 31)) == IsoWeek{2026, 53});
    CHECK(iso_week(ymd(2027, 1, 1)) == IsoWeek{2026, 53});
    CHECK(iso_week(ymd(2027, 1, 2)) == IsoWeek{2026, 53});
    CHECK(iso_week(ymd(2027, 1, 3)) == IsoWeek{2026, 53});
    CHECK(iso_week(ymd(2027, 1, 4)) == IsoWeek{2027, 1});
    CHECK(iso_week(ymd(2020, 12, 31)) == IsoWeek{2020, 53});
    CHECK(iso_week(ymd(2021, 1, 3)) == IsoWeek{2020, 53});
    CHECK(iso_week(ymd(2021, 1, 4)) == IsoWeek{2021, 1});
    CHECK(iso_week(ymd(2019, 12, 30)) == IsoWeek{2020, 1});
    CHECK(iso_week(ymd(2024, 12, 30)) == IsoWeek{2025, 1});
    CHECK(iso_week(ymd(2015, 12, 31)) == IsoWeek{2015, 53});
    CHECK(iso_week(ymd(2016, 1, 3)) == IsoWeek{2015, 53});
    CHECK(iso_week(ymd(2026, 11, 30)) == IsoWeek{2026, 49});
    CHECK(iso_week(ymd(2026, 3, 8)) == IsoWeek{2026, 10});
    CHECK(iso_week(ymd(2026, 3, 9)) == IsoWeek{2026, 11});
}

TEST_CASE("iso_week: agrees with monday_of for every day of 1990 to 2040") {
    int weeks_53 = 0;
    for (Date day = ymd(1990, 1, 1); day <= ymd(2040, 12, 31); day += days{1}) {
        const IsoWeek week = iso_week(day);
        const Date start = monday_of(week);
        REQUIRE(std::chrono::weekday{start} == std::chrono::Monday);
        REQUIRE(start <= day);
        REQUIRE(day < start + days{7});
        REQUIRE(week.week >= 1);
        REQUIRE(week.week <= 53);
        if (week.week == 53 && std::chrono::weekday{day} == std::chrono::Monday) {
            ++weeks_53;
        }
    }
    // 1992 1998 2004 2009 2015 2020 2026 2032 2037.
    CHECK(weeks_53 == 9);
}

TEST_CASE("monday_of: first and last weeks") {
    CHECK(monday_of({2026, 1}) == ymd(2025, 12, 29));
    CHECK(monday_of({2026, 49}) == ymd(2026, 11, 30));
    CHECK(monday_of({2026, 53}) == ymd(2026, 12, 28));
    CHECK(monday_of({2021, 1}) == ymd(2021, 1, 4));
    CHECK(monday_of({2020, 1}) == ymd(2019, 12, 30));
}

TEST_CASE("format_iso_week: two-digit week") {
    CHECK(format_iso_week({2026, 49}) == "2026-W49");
    CHECK(format_iso_week({2026, 1}) == "2026-W01");
    CHECK(format_iso_week({2026, 53}) == "2026-W53");
}

TEST_CASE("WorkWeek: contains and days_per_week") {
    const WorkWeek standard;
    CHECK(standard.days_per_week() == 5);
    CHECK(standard.contains(std::chrono::Monday));
    CHECK(standard.contains(std::chrono::Friday));
    CHECK_FALSE(standard.contains(std::chrono::Saturday));
    CHECK_FALSE(standard.contains(std::chrono::Sunday));
    CHECK(standard.contains(wednesday));
    CHECK_FALSE(standard.contains(sunday));
    CHECK(WorkWeek{0}.days_per_week() == 0);
    CHECK(WorkWeek{0x7F}.days_per_week() == 7);
    CHECK(workweek_of({0, 1, 2, 3}).days_per_week() == 4);
}

TEST_CASE("working_days_between: inclusive on both ends") {
    CHECK(working_days_between(monday, friday, {}) == 5);
    CHECK(working_days_between(monday, sunday, {}) == 5);
    CHECK(working_days_between(monday, monday, {}) == 1);
    CHECK(working_days_between(saturday, sunday, {}) == 0);
    CHECK(working_days_between(saturday, saturday, {}) == 0);
    CHECK(working_days_between(friday, friday + days{3}, {}) == 2);
    CHECK(working_days_between(ymd(2026, 1, 1), ymd(2026, 12, 31), {}) == 261);
    CHECK(working_days_between(ymd(2024, 1, 1), ymd(2024, 12, 31), {}) == 262);
}

TEST_CASE("working_days_between: reversed ranges are empty") {
    CHECK(working_days_between(friday, monday, {}) == 0);
    CHECK(working_days_between(monday + days{1}, monday, {}) == 0);
}

TEST_CASE("working_days_between: custom workweeks") {
    const WorkWeek sun_to_thu = workweek_of({0, 1, 2, 3, 4});
    CHECK(working_days_between(monday, sunday, sun_to_thu) == 5);
    CHECK(working_days_between(friday, sunday, sun_to_thu) == 1);
    CHECK(working_days_between(monday, friday, WorkWeek{0}) == 0);
    CHECK(working_days_between(monday, sunday, WorkWeek{0x7F}) == 7);
}

TEST_CASE("working_days_between: agrees with counting day by day") {
    for (const std::uint8_t mask : {0x00, 0x3E, 0x1F, 0x41, 0x7F, 0x2A, 0x02}) {
        const WorkWeek week{mask};
        for (int start = 0; start < 9; ++start) {
            for (int length = -2; length < 40; ++length) {
                const Date from = monday + days{start};
                const Date to = from + days{length};
                int expected = 0;
                for (Date day = from; day <= to; day += days{1}) {
                    expected += week.contains(day) ? 1 : 0;
                }
                CAPTURE(mask);
                CAPTURE(start);
                CAPTURE(length);
                REQUIRE(working_days_between(from, to, week) == expected);
            }
        }
    }
}

TEST_CASE("parse_timestamp: exactly YYYY-MM-DDTHH:MM:SSZ") {
    using namespace std::chrono;
    CHECK(parse_timestamp("2026-03-04T09:30:15Z") ==
          Timestamp{ymd(2026, 3, 4)} + hours{9} + minutes{30} + seconds{15});
    CHECK(parse_timestamp("1970-01-01T00:00:00Z") == Timestamp{});
    CHECK(parse_timestamp("2024-02-29T23:59:59Z") == Timestamp{ymd(2024, 3, 1)} - seconds{1});
    for (const char* text :
         {"", "2026-03-04", "2026-03-04T09:30:15", "2026-03-04T09:30:15z", "2026-03-04 09:30:15Z",
          "2026-03-04T9:30:15Z", "2026-03-04T24:00:00Z", "2026-03-04T23:60:00Z",
          "2026-03-04T23:59:60Z", "2026-02-30T00:00:00Z", "2026-03-04T09:30:15+00:00",
          "2026-03-04T09:30:15.5Z", " 2026-03-04T09:30:15Z", "2026-03-04T09:30:15Z ",
          "2026-03-04T-9:30:15Z"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_timestamp(text));
    }
}

TEST_CASE("format_timestamp: round-trips parse_timestamp") {
    for (const char* text : {"2026-03-04T09:30:15Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                             "2024-02-29T12:00:05Z", "9999-12-31T23:59:59Z"}) {
        CAPTURE(text);
        const auto instant = parse_timestamp(text);
        REQUIRE(instant);
        CHECK(format_timestamp(*instant) == text);
    }
}
