#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kept {

/// A calendar day with no time zone.
using Date = std::chrono::sys_days;
/// A UTC instant in whole seconds.
using Timestamp = std::chrono::sys_seconds;

/// The set of working weekdays (bit i = weekday with c_encoding i, 0 = Sunday).
struct WorkWeek {
    std::uint8_t mask = 0b0111110; // Monday to Friday

    bool contains(std::chrono::weekday day) const { return (mask >> day.c_encoding()) & 1U; }
    bool contains(Date day) const { return contains(std::chrono::weekday{day}); }
    /// Number of working days in a week (0..7).
    int days_per_week() const;
    bool operator==(const WorkWeek&) const = default;
};

/// An ISO 8601 week: the year that owns the week's Thursday, and the week number 1..53.
struct IsoWeek {
    int year = 0;
    unsigned week = 0;
    auto operator<=>(const IsoWeek&) const = default;
};

/// The dates kept accepts, wherever they come from (options, import rows and events, the config,
/// KEPT_TODAY, KEPT_NOW): 1970-01-01 to 9998-12-31. Every format kept writes can hold them and
/// the day after (an ICS event ends the day after its due date).
inline constexpr Date earliest_date{std::chrono::days{0}};
inline constexpr Date latest_date{std::chrono::year{9998} / std::chrono::December / 31};
/// "from 1970-01-01 to 9998-12-31", for messages.
std::string date_range_text();
/// Whether `day` is from earliest_date to latest_date.
inline bool in_date_range(Date day) {
    return day >= earliest_date && day <= latest_date;
}

/// Parses exactly YYYY-MM-DD (a real calendar day, any year 0000-9999: ledgers are read as they
/// are); nullopt otherwise. Input from users goes through parse_date or in_date_range too.
std::optional<Date> parse_iso_date(std::string_view text);

/// Parses a user date: YYYY-MM-DD, today, tomorrow, +Nd, +Nw, mon..sun (the next such day, today
/// excluded), eow (last working day of this ISO week, today if it is that day), eom (last day of
/// the month). Throws BadValue naming `field` and the text: `--due: "2026-02-30" is not a valid
/// date`, or `--due: "9999-12-31" is outside the dates kept accepts (from 1970-01-01 to
/// 9998-12-31)`.
Date parse_date(std::string_view text, Date today, const WorkWeek& workweek,
                std::string_view field);

/// Parses a user date about the past (log --since, close --on, report/check --as-of): as
/// parse_date, but a weekday name is the most recent such day, today included (`mon` on a
/// Monday is today), and also yesterday, -Nd (N calendar days back), -Nw (N weeks back) and
/// `last DAY` (the most recent such day before today: a week back on that day). Throws BadValue
/// as parse_date does.
Date parse_past_date(std::string_view text, Date today, const WorkWeek& workweek,
                     std::string_view field);

/// Parses a weekday name: mon..sun or monday..sunday, any case.
std::optional<std::chrono::weekday> parse_weekday(std::string_view text);

/// YYYY-MM-DD.
std::string format_date(Date day);
/// "Monday" .. "Sunday".
std::string_view weekday_name(Date day);
/// "Thu 2026-12-03": a date as people read it in tables and messages.
std::string format_day(Date day);

/// The ISO week a day belongs to.
IsoWeek iso_week(Date day);
/// The Monday that starts an ISO week.
Date monday_of(IsoWeek week);
/// "2026-W49".
std::string format_iso_week(IsoWeek week);

/// Working days in [from, to], both inclusive; 0 when to < from.
int working_days_between(Date from, Date to, const WorkWeek& workweek);

/// Parses exactly YYYY-MM-DDTHH:MM:SSZ; nullopt otherwise.
std::optional<Timestamp> parse_timestamp(std::string_view text);
/// YYYY-MM-DDTHH:MM:SSZ.
std::string format_timestamp(Timestamp instant);

} // namespace kept
