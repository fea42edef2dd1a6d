#include "kept/date.hpp"

#include "kept/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace kept {

namespace {

using std::chrono::days;
using std::chrono::weekday;
using std::chrono::year_month_day;

// Relative forms (+Nd, +Nw) further out than this are typos, not plans.
constexpr long long max_offset_days = 100000;

/// Bits set among the low 7 (a week's days). std::popcount compiles to a library call on the
/// baseline x86-64 target, and the report counts working days for every delivered commitment.
int bits_set(unsigned week_bits) {
    int count = 0;
    for (unsigned bits = week_bits & 0x7FU; bits != 0; bits &= bits - 1) {
        ++count;
    }
    return count;
}

// Reads exactly `width` ASCII digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t pos, std::size_t width) {
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

[[noreturn]] void throw_invalid(std::string_view field, std::string_view text) {
    throw BadValue(fmt::format("{}: \"{}\" is not a valid date", field, text));
}

Date in_range(Date day, std::string_view field, std::string_view text) {
    if (!in_date_range(day)) {
        throw BadValue(fmt::format("{}: \"{}\" is outside the dates kept accepts ({})", field, text,
                                   date_range_text()));
    }
    return day;
}

// "+12d" -> 12 days, "+2w" -> 14 days (with `sign` '-': "-2w" -> 14 days); nullopt if the text
// is not of that form or too far out.
std::optional<days> parse_offset(std::string_view text, char sign = '+') {
    if (text.size() < 3 || text.front() != sign) {
        return std::nullopt;
    }
    const char unit = text.back();
    if (unit != 'd' && unit != 'w') {
        return std::nullopt;
    }
    const std::string_view digits = text.substr(1, text.size() - 2);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const auto parsed = util::parse_integer<long long>(digits);
    if (!parsed) {
        return std::nullopt;
    }
    const long long count = *parsed;
    const long long per_unit = unit == 'w' ? 7 : 1;
    if (count > max_offset_days / per_unit) {
        return std::nullopt;
    }
    return days{count * per_unit};
}

// The last working day of the ISO week (Monday to Sunday) that contains `day`.
Date last_working_day_of_week(Date day, const WorkWeek& workweek) {
    const Date monday = day - (weekday{day} - std::chrono::Monday);
    Date last = monday + days{6};
    while (!workweek.contains(last)) {
        last -= days{1};
    }
    return last;
}

Date end_of_week(Date today, const WorkWeek& workweek) {
    const Date last = last_working_day_of_week(today, workweek);
    // Past this week's last working day, "end of week" can only sensibly mean next week's.
    return last >= today ? last : last + days{7};
}

Date end_of_month(Date today) {
    const year_month_day ymd{today};
    return Date{ymd.year() / ymd.month() / std::chrono::last};
}

} // namespace

int WorkWeek::days_per_week() const {
    return bits_set(mask & 0x7FU);
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const int y = read_digits(text, 0, 4);
    const int m = read_digits(text, 5, 2);
    const int d = read_digits(text, 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) {
        return std::nullopt;
    }
    // Checked and counted by hand rather than through year_month_day: ledgers hold millions of
    // dates, and the report reads them all.
    static constexpr int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) {
        return std::nullopt;
    }
    // Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, counting years from
    // March so that the leap day ends a year (the civil-from-days algorithm, reversed).
    const int year = y - (m <= 2 ? 1 : 0);
    const int era = (year >= 0 ? year : year - 399) / 400; // floored: year 0's January is -1
    const int year_of_era = year - era * 400;
    const int day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return Date{days{era * 146097 + day_of_era - 719468}};
}

std::string_view weekday_name(Date day) {
    static constexpr std::string_view names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};
    return names[weekday{day}.c_encoding()];
}

std::string format_day(Date day) {
    return std::string(weekday_name(day).substr(0, 3)) + " " + format_date(day);
}

std::optional<weekday> parse_weekday(std::string_view text) {
    static constexpr std::string_view names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                 "thursday", "friday", "saturday"};
    if (text.size() > names[3].size()) {
        return std::nullopt;
    }
    const std::string lower = util::lowercase(text);
    for (unsigned i = 0; i < 7; ++i) {
        if (lower == names[i] || lower == names[i].substr(0, 3)) {
            return weekday{i};
        }
    }
    return std::nullopt;
}

std::string date_range_text() {
    return fmt::format("from {} to {}", format_date(earliest_date), format_date(latest_date));
}

namespace {

enum class Reading { forward, back };

// The most recent `target` day on or before `today` (before it, with `strictly`).
Date most_recent(weekday target, Date today, bool strictly) {
    const days back = weekday{today} - target;
    return today - (strictly && back == days{0} ? days{7} : back);
}

// The words only a look-back date knows: yesterday, -Nd, -Nw, last DAY.
std::optional<Date> parse_back_word(std::string_view word, Date today) {
    if (word == "yesterday") {
        return today - days{1};
    }
    if (const auto offset = parse_offset(word, '-')) {
        return today - *offset;
    }
    constexpr std::string_view last = "last ";
    if (word.starts_with(last)) {
        if (const auto target = parse_weekday(word.substr(last.size()))) {
            return most_recent(*target, today, true);
        }
    }
    return std::nullopt;
}

// The words both readings know; a weekday name is read in `reading`'s direction.
std::optional<Date> parse_word(std::string_view word, Date today, const WorkWeek& workweek,
                               Reading reading, std::string_view field, std::string_view text) {
    if (word == "today") {
        return today;
    }
    if (word == "tomorrow") {
        return today + days{1};
    }
    if (word == "eom") {
        return end_of_month(today);
    }
    if (word == "eow") {
        if (workweek.days_per_week() == 0) {
            throw BadValue(fmt::format("{}: \"{}\" is not a valid date: the workweek has no "
                                       "working days",
                                       field, text));
        }
        return end_of_week(today, workweek);
    }
    if (const auto offset = parse_offset(word)) {
        return today + *offset;
    }
    if (const auto target = parse_weekday(word)) {
        if (reading == Reading::back) {
            return most_recent(*target, today, false);
        }
        const days ahead = *target - weekday{today};
        return today + (ahead == days{0} ? days{7} : ahead);
    }
    return std::nullopt;
}

Date parse_user_date(std::string_view text, Date today, const WorkWeek& workweek,
                     std::string_view field, Reading reading) {
    if (const auto day = parse_iso_date(text)) {
        return in_range(*day, field, text);
    }
    // No keyword is longer than "last wednesday"; the cap keeps a pasted essay from being copied.
    if (text.size() > 16) {
        throw_invalid(field, text);
    }
    const std::string word = util::lowercase(text);
    std::optional<Date> result;
    if (reading == Reading::back) {
        result = parse_back_word(word, today);
    }
    if (!result) {
        result = parse_word(word, today, workweek, reading, field, text);
    }
    if (!result) {
        throw_invalid(field, text);
    }
    return in_range(*result, field, text);
}

} // namespace

Date parse_date(std::string_view text, Date today, const WorkWeek& workweek,
                std::string_view field) {
    return parse_user_date(text, today, workweek, field, Reading::forward);
}

Date parse_past_date(std::string_view text, Date today, const WorkWeek& workweek,
                     std::string_view field) {
    return parse_user_date(text, today, workweek, field, Reading::back);
}

std::string format_date(Date day) {
    // Written digit by digit: reports and forecasts print hundreds of thousands of dates.
    const year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {
        return fmt::format("{:04}-{:02}-{:02}", year, static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()));
    }
    const auto month = static_cast<unsigned>(ymd.month());
    const auto d = static_cast<unsigned>(ymd.day());
    std::string out = "0000-00-00";
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[8] = static_cast<char>('0' + d / 10);
    out[9] = static_cast<char>('0' + d % 10);
    return out;
}

IsoWeek iso_week(Date day) {
    // The week belongs to the year that holds its Thursday.
    const Date thursday = day + days{4 - static_cast<int>(weekday{day}.iso_encoding())};
    const std::chrono::year year = year_month_day{thursday}.year();
    const Date jan1{year / std::chrono::January / 1};
    return {static_cast<int>(year), static_cast<unsigned>((thursday - jan1).count() / 7 + 1)};
}

Date monday_of(IsoWeek week) {
    // January 4th is always in week 1.
    const Date jan4{std::chrono::year{week.year} / std::chrono::January / 4};
    const Date week1 = jan4 - (weekday{jan4} - std::chrono::Monday);
    return week1 + days{7 * (static_cast<int>(week.week) - 1)};
}

std::string format_iso_week(IsoWeek week) {
    return fmt::format("{:04}-W{:02}", week.year, week.week);
}

int working_days_between(Date from, Date to, const WorkWeek& workweek) {
    if (to < from) {
        return 0;
    }
    const long long span = (to - from).count() + 1;
    long long count = span / 7 * workweek.days_per_week();
    // The last span % 7 days start on from's weekday: their bits of the mask, taken from a
    // doubled mask so that the run may wrap past Saturday (the report counts this for every
    // delivered commitment).
    const unsigned rest = static_cast<unsigned>(span % 7);
    const unsigned start = std::chrono::weekday{from}.c_encoding();
    const unsigned doubled = (workweek.mask & 0x7FU) | ((workweek.mask & 0x7FU) << 7U);
    count += bits_set((doubled >> start) & ((1U << rest) - 1U));
    return static_cast<int>(count);
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z') {
        return std::nullopt;
    }
    const auto day = parse_iso_date(text.substr(0, 10));
    const int hours = read_digits(text, 11, 2);
    const int minutes = read_digits(text, 14, 2);
    const int seconds = read_digits(text, 17, 2);
    if (!day || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
        seconds > 59) {
        return std::nullopt;
    }
    return Timestamp{*day} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
           std::chrono::seconds{seconds};
}

std::string format_timestamp(Timestamp instant) {
    const Date day = std::chrono::floor<days>(instant);
    const std::chrono::hh_mm_ss time{instant - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(day), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

} // namespace kept
