#pragma once

// Readers for the values of kept.toml. Each returns the value or throws Problem at the node.

#include "kept/config.hpp"

#include "toml.hpp"

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kept::config_values {

// One problem in the file, at the position the message is about.
struct Problem {
    toml::source_position where;
    std::string message;
};

[[noreturn]] void fail(const toml::source_region& region, std::string message);
[[noreturn]] void unknown_key(const toml::key& key, std::string_view table);

// A value as the user wrote it, for "..., not X".
std::string describe(const toml::node& node);

// An allowed range, and how it reads in a message: "greater than 0 and at most 24".
struct Range {
    double low;
    bool low_inclusive;
    double high;
    std::string_view words;
};

constexpr double no_limit = std::numeric_limits<double>::infinity();

double number(const toml::node& node, std::string_view name, const Range& range);
int whole_number(const toml::node& node, std::string_view name, int low, int high,
                 std::string_view words);
std::string text(const toml::node& node, std::string_view name);
bool boolean(const toml::node& node, std::string_view name);
/// A currency code: three capital letters (ISO 4217's form), as in "EUR".
std::string currency(const toml::node& node, std::string_view name);
Date date(const toml::node& node, std::string_view name);
WorkWeek workdays(const toml::node& node);
std::vector<AwayPeriod> away_periods(const toml::node& node, const std::string& name);
/// An array of dates such as [2026-12-25, 2027-01-01], sorted and without repeats.
std::vector<Date> dates(const toml::node& node, const std::string& name);
ClientKind client_kind(const toml::node& node, std::string_view name);
// The node as the table [kind.name].
const toml::table& table_named(const toml::node& node, std::string_view kind,
                               std::string_view name);

} // namespace kept::config_values
