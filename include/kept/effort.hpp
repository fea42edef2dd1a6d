#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kept {

/// Effort is stored and computed in whole minutes.
using Minutes = std::int64_t;

/// What a day and a week of effort mean for this team.
struct EffortUnits {
    double hours_per_day = 8.0;
    int workdays_per_week = 5;
};

/// Parses 90m, 6h, 1.5d (x hours_per_day), 1w (x workdays x hours_per_day), a compound of them
/// with units from the largest down (1h30m, 2d4h, 1w2d) or a bare number of hours, rounded to
/// the nearest minute. Must come to at least one minute and at most a hundred years (876000h).
/// Throws BadValue naming `field`: `--effort: "abc" is not an effort (use 90m, 6h, 1.5d or 1w)`,
/// `--effort: "900000h" is too large (at most 876000h, a hundred years)`.
Minutes parse_effort(std::string_view text, const EffortUnits& units, std::string_view field);

/// A renegotiated effort: E sets it, +E adds to it, -E takes from it.
struct EffortChange {
    enum class Mode { set, add, subtract };
    Mode mode = Mode::set;
    Minutes amount = 0;

    /// The new effort; throws BadValue naming `field` when the result would be under one minute.
    Minutes apply(Minutes current, std::string_view field) const;
};

/// Parses E, +E or -E where E is as for parse_effort.
EffortChange parse_effort_change(std::string_view text, const EffortUnits& units,
                                 std::string_view field);

/// Minutes as hours with one decimal: 480 -> "8.0h".
std::string format_hours(Minutes minutes);

} // namespace kept
