#include "kept/effort.hpp"

#include "kept/error.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace kept {

namespace {

// A hundred years of minutes: anything above is a typo, and it keeps sums far from overflow.
constexpr Minutes max_minutes = 52'560'000;

[[noreturn]] void throw_not_an_effort(std::string_view field, std::string_view text) {
    throw BadValue(
        fmt::format("{}: \"{}\" is not an effort (use 90m, 6h, 1.5d or 1w)", field, text));
}

[[noreturn]] void throw_too_large(std::string_view field, std::string_view text) {
    throw BadValue(fmt::format("{}: \"{}\" is too large (at most {}h, a hundred years)", field,
                               text, max_minutes / 60));
}

// Digits with at most one '.', and at least one digit: "6", "1.5", ".5", "2.". No sign, no
// exponent, no spaces; std::from_chars then reads it without regard to the locale. Digits past
// what a double holds read as infinity (or as 0 when they are all zeros before the '.').
std::optional<double> parse_plain_number(std::string_view text) {
    int digits = 0;
    int dots = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '.') {
            ++dots;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || dots > 1) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    if (ec == std::errc::result_out_of_range) {
        const std::string_view whole = text.substr(0, text.find('.'));
        const bool large = whole.find_first_not_of('0') != std::string_view::npos;
        return large ? HUGE_VAL : 0.0;
    }
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// A unit's size in minutes and its rank (w 4, d 3, h 2, m 1); nullopt for any other character.
struct Unit {
    double minutes = 0;
    int rank = 0;
};

std::optional<Unit> unit_of(char unit, const EffortUnits& units) {
    switch (unit) {
    case 'm':
    case 'M':
        return Unit{1.0, 1};
    case 'h':
    case 'H':
        return Unit{60.0, 2};
    case 'd':
    case 'D':
        return Unit{units.hours_per_day * 60.0, 3};
    case 'w':
    case 'W':
        return Unit{units.hours_per_day * 60.0 * units.workdays_per_week, 4};
    default:
        return std::nullopt;
    }
}

// Parses the unsigned effort in `body`: one NUMBER UNIT, or several with units from the largest
// down ("1h30m", "2d4h"), or a bare number of hours alone. Errors quote `text`, what the user
// typed.
Minutes parse_amount(std::string_view body, std::string_view text, const EffortUnits& units,
                     std::string_view field) {
    if (body.empty()) {
        throw_not_an_effort(field, text);
    }
    double minutes = 0;
    int last_rank = 5;
    std::string_view rest = body;
    while (!rest.empty()) {
        const std::size_t unit_at = rest.find_first_not_of("0123456789.");
        std::string_view number = rest.substr(0, unit_at);
        Unit unit{60.0, 0};
        if (unit_at == std::string_view::npos) {
            if (rest.size() != body.size()) {
                throw_not_an_effort(field, text); // "1h30": only a whole effort may be bare
            }
            rest = {};
        } else {
            const auto found = unit_of(rest[unit_at], units);
            if (!found || found->rank >= last_rank) {
                throw_not_an_effort(field, text);
            }
            unit = *found;
            last_rank = unit.rank;
            rest.remove_prefix(unit_at + 1);
        }
        const auto value = parse_plain_number(number);
        if (!value || !std::isfinite(unit.minutes) || unit.minutes < 0) {
            throw_not_an_effort(field, text);
        }
        minutes += *value * unit.minutes;
    }
    if (!std::isfinite(minutes) || minutes > static_cast<double>(max_minutes)) {
        throw_too_large(field, text);
    }
    const Minutes rounded = std::llround(minutes);
    if (rounded < 1) {
        throw BadValue(fmt::format("{}: \"{}\" must be at least one minute", field, text));
    }
    return rounded;
}

} // namespace

Minutes parse_effort(std::string_view text, const EffortUnits& units, std::string_view field) {
    return parse_amount(text, text, units, field);
}

EffortChange parse_effort_change(std::string_view text, const EffortUnits& units,
                                 std::string_view field) {
    EffortChange change;
    std::string_view body = text;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
        change.mode = body.front() == '+' ? EffortChange::Mode::add : EffortChange::Mode::subtract;
        body.remove_prefix(1);
    }
    change.amount = parse_amount(body, text, units, field);
    return change;
}

Minutes EffortChange::apply(Minutes current, std::string_view field) const {
    Minutes result = amount;
    std::string_view sign;
    if (mode == Mode::add) {
        result = current + amount;
        sign = "+";
    } else if (mode == Mode::subtract) {
        result = current - amount;
        sign = "-";
    }
    if (result < 1) {
        throw BadValue(fmt::format("{}: {}{} on {} would leave {}; effort must stay at least one "
                                   "minute",
                                   field, sign, format_hours(amount), format_hours(current),
                                   format_hours(result)));
    }
    if (result > max_minutes) {
        throw BadValue(fmt::format("{}: {}{} on {} would make {}; effort must stay under 100 years",
                                   field, sign, format_hours(amount), format_hours(current),
                                   format_hours(result)));
    }
    return result;
}

std::string format_hours(Minutes minutes) {
    // Tenths of an hour are 6 minutes; the +3 rounds half away from zero.
    const Minutes magnitude = minutes < 0 ? -minutes : minutes;
    const Minutes tenths = (magnitude + 3) / 6;
    const bool negative = minutes < 0 && tenths > 0;
    return fmt::format(FMT_COMPILE("{}{}.{}h"), negative ? "-" : "", tenths / 10, tenths % 10);
}

} // namespace kept
