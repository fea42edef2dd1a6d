#include "cli/filters.hpp"

#include "kept/error.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace kept::cli {

namespace {

ListFilter::States parse_states(const std::string& text) {
    if (text == "open") {
        return ListFilter::States::open;
    }
    if (text == "closed") {
        return ListFilter::States::closed;
    }
    if (text == "all") {
        return ListFilter::States::all;
    }
    throw BadValue(fmt::format("--state: \"{}\" is not one of open, closed, all", text));
}

} // namespace

void add_filter_options(CLI::App& sub, FilterOptions& o) {
    sub.add_option("--owner", o.owner, "Only this owner's commitments");
    sub.add_option("--client", o.client, "Only this client's commitments");
    sub.add_option("--state", o.state, "open (default), closed or all");
    sub.add_option("--due-before", o.due_before, "Only those due strictly before this date");
    sub.add_option("--tag", o.tag, "Only those with this tag");
}

ListFilter make_filter(Context& context, const FilterOptions& o) {
    ListFilter filter;
    filter.states = parse_states(o.state);
    if (!o.owner.empty()) {
        filter.owner = o.owner;
    }
    if (!o.client.empty()) {
        filter.client = o.client;
    }
    if (!o.due_before.empty()) {
        filter.due_before =
            parse_date(o.due_before, context.today(), context.config().workweek, "--due-before");
    }
    if (!o.tag.empty()) {
        filter.tag = o.tag;
    }
    return filter;
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
