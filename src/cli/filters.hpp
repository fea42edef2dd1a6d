#pragma once

// The commitment filters that `list` and `export` share: --owner, --client, --state,
// --due-before, --tag.

#include "cli/context.hpp"

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace kept::cli {

/// The filter options as given on the command line; empty means not given.
struct FilterOptions {
    std::string owner;
    std::string client;
    std::string state = "open";
    std::string due_before;
    std::string tag;
};

/// Registers the filter options on a subcommand.
void add_filter_options(CLI::App& sub, FilterOptions& options);

/// The filter the options ask for. Throws BadValue for a bad --state or --due-before.
ListFilter make_filter(Context& context, const FilterOptions& options);

/// A whole-number option and its range, for parse_bounded.
struct BoundedOption {
    std::string_view field; ///< "--weeks"
    std::string_view what;  ///< "a number of weeks", as the error message names it
    int low = 0;
    int high = 0;
};

/// Parses a whole number in [low, high]; `fallback` when empty. Throws BadValue:
/// `--weeks: "0" is not a number of weeks from 1 to 520`.
int parse_bounded(const std::string& text, int fallback, const BoundedOption& option);

/// Parses --weeks (a whole number from 1 to 520); `fallback` when empty. Throws BadValue.
int parse_weeks(const std::string& text, int fallback);

/// Parses --confidence (a whole number from 50 to 99); `fallback` when empty. Throws BadValue.
int parse_confidence(const std::string& text, int fallback);

} // namespace kept::cli
