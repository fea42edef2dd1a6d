#include "cli/filters.hpp"

#include "kept/error.hpp"
#include "kept/owners.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <utility>

namespace kept::cli {

namespace {

// Enough for any screen or script; past it, --limit is a typo.
constexpr int max_limit = 1'000'000;

ListFilter::States parse_states(const std::string& text) {
    static constexpr std::pair<std::string_view, ListFilter::States> states[] = {
        {"open", ListFilter::States::open},
        {"delivered", ListFilter::States::delivered},
        {"dropped", ListFilter::States::dropped},
        {"closed", ListFilter::States::closed},
        {"all", ListFilter::States::all}};
    for (const auto& [name, state] : states) {
        if (text == name) {
            return state;
        }
    }
    throw BadValue(
        fmt::format("--state: \"{}\" is not one of open, delivered, dropped, closed, all", text));
}

ListSort parse_sort(const std::string& text) {
    static constexpr std::pair<std::string_view, ListSort> sorts[] = {
        {"due", ListSort::due},
        {"owner", ListSort::owner},
        {"client", ListSort::client},
        {"created", ListSort::created},
        {"effort", ListSort::effort}};
    for (const auto& [name, sort] : sorts) {
        if (text == name) {
            return sort;
        }
    }
    throw BadValue(
        fmt::format("--sort: \"{}\" is not one of due, owner, client, created, effort", text));
}

} // namespace

bool FilterOptions::any() const {
    const FilterOptions none;
    return owners != none.owners || clients != none.clients || state != none.state ||
           due_before != none.due_before || due_after != none.due_after ||
           overdue != none.overdue || tags != none.tags;
}

void add_filter_options(CLI::App& sub, FilterOptions& o) {
    sub.add_option("--owner", o.owners, "Only this owner's commitments (repeat for any of several)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    sub.add_option("--client", o.clients,
                   "Only this client's commitments (repeat for any of several)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    sub.add_option("--state", o.state, "open (default), delivered, dropped, closed or all");
    sub.add_option("--due-before", o.due_before,
                   "Only those due strictly before this date (not on it)")
        ->type_name("DATE");
    sub.add_option("--due-after", o.due_after,
                   "Only those due strictly after this date (not on it)")
        ->type_name("DATE");
    sub.add_flag("--overdue", o.overdue, "Only open commitments due before today");
    sub.add_option("--tag", o.tags, "Only those with this tag (repeat for any of several)")
        ->type_name("TAG")
        ->allow_extra_args(false);
}

ListFilter make_filter(Context& context, const FilterOptions& o) {
    ListFilter filter;
    filter.states = parse_states(o.state);
    filter.owners = o.owners;
    filter.clients = o.clients;
    filter.tags = o.tags;
    const Date today = context.today();
    const WorkWeek& workweek = context.config().workweek;
    if (!o.due_before.empty()) {
        filter.due_before = parse_date(o.due_before, today, workweek, "--due-before");
    }
    if (!o.due_after.empty()) {
        filter.due_after = parse_date(o.due_after, today, workweek, "--due-after");
    }
    if (o.overdue) {
        // Overdue as the report flags it: open and due before today.
        if (filter.states != ListFilter::States::open && filter.states != ListFilter::States::all) {
            throw UsageError(fmt::format(
                "--overdue: only open commitments are overdue; not with --state {}", o.state));
        }
        filter.states = ListFilter::States::open;
        filter.due_before = std::min(filter.due_before.value_or(today), today);
    }
    return filter;
}

void add_order_options(CLI::App& sub, OrderOptions& o) {
    sub.add_option("--sort", o.sort,
                   "Order by due (default), owner, client, created or effort; ties by due date, "
                   "then id (created: by id, the order added)")
        ->type_name("KEY");
    sub.add_flag("--reverse", o.reverse, "Print the list last to first");
    sub.add_option("--limit", o.limit, "Print at most the first N (after --sort and --reverse)")
        ->type_name("N");
}

void apply_order(const OrderOptions& o, ListFilter& filter) {
    filter.sort = parse_sort(o.sort);
    filter.reverse = o.reverse;
    if (!o.limit.empty()) {
        filter.limit = parse_bounded(o.limit, 0, {"--limit", "a whole number", 1, max_limit});
    }
}

void warn_unmatched_owners(Context& context, std::span<const std::string> asked,
                           std::span<const std::string> owners, bool machine) {
    std::vector<std::string> known = member_names(context.config());
    known.insert(known.end(), owners.begin(), owners.end());
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    for (const std::string& owner : asked) {
        if (auto warning = unmatched_owner(owner, known, machine)) {
            context.err() << "kept: warning: " << *warning << '\n';
        }
    }
}

int parse_bounded(const std::string& text, int fallback, const BoundedOption& option) {
    if (text.empty()) {
        return fallback;
    }
    auto parsed = util::parse_integer<int>(text);
    int value = parsed.value_or(0);
    if (!parsed || value < option.low || value > option.high) {
        throw BadValue(fmt::format("{}: \"{}\" is not {} from {} to {}", option.field, text,
                                   option.what, option.low, option.high));
    }
    return value;
}

int parse_weeks(const std::string& text, int fallback) {
    return parse_bounded(text, fallback, {"--weeks", "a number of weeks", 1, 520});
}

int parse_confidence(const std::string& text, int fallback) {
    return parse_bounded(text, fallback, {"--confidence", "a whole number", 50, 99});
}

} // namespace kept::cli
