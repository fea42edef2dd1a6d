#pragma once

// The commitment filters that `list` and `export` share: --owner, --client, --tag (each
// repeatable: any of), --state, --due-before, --due-after, --overdue; and list's order:
// --sort, --reverse, --limit.

#include "cli/context.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace kept::cli {

/// The filter options as given on the command line; empty means not given.
struct FilterOptions {
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    std::string state = "open";
    std::string due_before;
    std::string due_after;
    bool overdue = false;
    std::vector<std::string> tags;

    /// Whether any option differs from its default.
    bool any() const;
};

/// Registers the filter options on a subcommand.
void add_filter_options(CLI::App& sub, FilterOptions& options);

/// The filter the options ask for. Throws BadValue for a bad --state, --due-before or
/// --due-after, UsageError for --overdue with a --state that holds no open commitment.
ListFilter make_filter(Context& context, const FilterOptions& options);

/// list's order options as given; empty means not given.
struct OrderOptions {
    std::string sort = "due";
    bool reverse = false;
    std::string limit;
};

/// Registers --sort, --reverse and --limit on a subcommand.
void add_order_options(CLI::App& sub, OrderOptions& options);

/// Sets the filter's order and limit. Throws BadValue for a bad --sort or a --limit that is not
/// a whole number from 1 to 1000000.
void apply_order(const OrderOptions& options, ListFilter& filter);

/// Warns on the context's stderr, for each of `asked` that is neither a member (of the context's
/// config) nor in `owners` (every owner of the ledgers read, and a roll-up's teams' members):
/// `kept: warning: no commitment has owner "bbo" (did you mean "bob"?)`. For output that is not
/// a table (`machine`), only when a known name is clearly meant: a script may well ask about
/// someone without work.
void warn_unmatched_owners(Context& context, std::span<const std::string> asked,
                           std::span<const std::string> owners, bool machine);

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
