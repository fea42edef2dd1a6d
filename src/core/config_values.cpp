#include "config_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace kept::config_values {

[[noreturn]] void fail(const toml::source_region& region, std::string message) {
    throw Problem{region.begin, std::move(message)};
}

[[noreturn]] void unknown_key(const toml::key& key, std::string_view table) {
    fail(key.source(), fmt::format("unknown key {:?}", fmt::format("{}.{}", table, key.str())));
}

std::string describe(const toml::node& node) {
    if (const auto* s = node.as_string()) {
        return fmt::format("{:?}", s->get());
    }
    if (const auto* i = node.as_integer()) {
        return fmt::format("{}", i->get());
    }
    if (const auto* f = node.as_floating_point()) {
        // Keep 8.0 from reading as the integer 8 in "must be a whole number, not 8".
        std::string shown = fmt::format("{}", f->get());
        if (shown.find_first_not_of("-0123456789") == std::string::npos) {
            shown += ".0";
        }
        return shown;
    }
    if (const auto* b = node.as_boolean()) {
        return b->get() ? "true" : "false";
    }
    if (const auto* d = node.as_date()) {
        return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
    }
    if (node.is_array()) {
        return "an array";
    }
    if (node.is_table()) {
        return "a table";
    }
    return node.is_time() ? "a time" : "a date-time";
}

double number(const toml::node& node, std::string_view name, const Range& range) {
    std::optional<double> value;
    if (const auto* i = node.as_integer()) {
        value = static_cast<double>(i->get());
    } else if (const auto* f = node.as_floating_point()) {
        value = f->get();
    }
    if (!value || !std::isfinite(*value) ||
        !(range.low_inclusive ? *value >= range.low : *value > range.low) || *value > range.high) {
        fail(node.source(),
             fmt::format("{} must be a number {}, not {}", name, range.words, describe(node)));
    }
    return *value;
}

int whole_number(const toml::node& node, std::string_view name, int low, int high,
                 std::string_view words) {
    const auto* i = node.as_integer();
    if (!i || i->get() < low || i->get() > high) {
        fail(node.source(),
             fmt::format("{} must be a whole number {}, not {}", name, words, describe(node)));
    }
    return static_cast<int>(i->get());
}

std::string text(const toml::node& node, std::string_view name) {
    const auto* s = node.as_string();
    if (!s || s->get().empty()) {
        fail(node.source(),
             fmt::format("{} must be a non-empty string, not {}", name, describe(node)));
    }
    // A NUL would cut a path short: ledger = "a.db\u0000x" must not quietly mean "a.db".
    if (s->get().find('\0') != std::string::npos) {
        fail(node.source(), fmt::format("{} must not contain a NUL character (\\u0000)", name));
    }
    return s->get();
}

std::string currency(const toml::node& node, std::string_view name) {
    const auto* s = node.as_string();
    bool code = s && s->get().size() == 3 &&
                std::all_of(s->get().begin(), s->get().end(), [](char c) {
                    return c >= 'A' && c <= 'Z';
                });
    if (!code) {
        fail(node.source(), fmt::format("{} must be a currency code of three capital letters "
                                        "(\"EUR\", \"USD\"), not {}",
                                        name, describe(node)));
    }
    return s->get();
}

bool boolean(const toml::node& node, std::string_view name) {
    const auto* b = node.as_boolean();
    if (!b) {
        fail(node.source(), fmt::format("{} must be true or false, not {}", name, describe(node)));
    }
    return b->get();
}

Date within_range(Date day, const toml::node& node, std::string_view name) {
    if (!in_date_range(day)) {
        fail(node.source(), fmt::format("{} must be a date {}, not {}", name, date_range_text(),
                                        format_date(day)));
    }
    return day;
}

Date date(const toml::node& node, std::string_view name) {
    if (const auto* d = node.as_date()) {
        const toml::date& v = d->get();
        return within_range(Date{std::chrono::year{v.year} / v.month / v.day}, node, name);
    }
    const auto* s = node.as_string();
    const auto day = s ? parse_iso_date(s->get()) : std::nullopt;
    if (!day) {
        fail(node.source(),
             fmt::format("{} must be a date such as 2026-12-24, not {}", name, describe(node)));
    }
    return within_range(*day, node, name);
}

WorkWeek workdays(const toml::node& node) {
    const auto* array = node.as_array();
    if (!array || array->empty()) {
        fail(node.source(), fmt::format("team.workdays must be a non-empty array of weekday names "
                                        "such as [\"mon\", \"tue\"], not {}",
                                        array ? "[]" : describe(node)));
    }
    WorkWeek workweek{0};
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& element = *array->get(i);
        const auto* s = element.as_string();
        const auto day = s ? parse_weekday(s->get()) : std::nullopt;
        if (!day) {
            fail(element.source(), fmt::format("team.workdays[{}] must be a weekday name "
                                               "(mon..sun), not {}",
                                               i, describe(element)));
        }
        if (workweek.contains(*day)) {
            fail(element.source(), fmt::format("team.workdays names {} twice", describe(element)));
        }
        workweek.mask = static_cast<std::uint8_t>(workweek.mask | (1U << day->c_encoding()));
    }
    return workweek;
}

namespace {

AwayPeriod away_period(const toml::node& node, const std::string& name) {
    const auto* period = node.as_table();
    if (!period) {
        fail(node.source(),
             fmt::format("{} must be a table such as {{ from = 2026-12-24, to = 2027-01-02 }}, "
                         "not {}",
                         name, describe(node)));
    }
    for (auto&& [key, value] : *period) {
        if (key != "from" && key != "to") {
            unknown_key(key, name);
        }
    }
    const toml::node* from = period->get("from");
    const toml::node* to = period->get("to");
    if (!from || !to) {
        fail(node.source(), fmt::format("{} needs both from and to dates", name));
    }
    const AwayPeriod result{date(*from, name + ".from"), date(*to, name + ".to")};
    if (result.to < result.from) {
        fail(to->source(), fmt::format("{} ends on {}, before it starts on {}", name,
                                       format_date(result.to), format_date(result.from)));
    }
    return result;
}

} // namespace

std::vector<AwayPeriod> away_periods(const toml::node& node, const std::string& name) {
    const auto* array = node.as_array();
    if (!array) {
        fail(node.source(),
             fmt::format("{} must be an array such as [{{ from = 2026-12-24, to = 2027-01-02 }}], "
                         "not {}",
                         name, describe(node)));
    }
    std::vector<AwayPeriod> periods;
    for (std::size_t i = 0; i < array->size(); ++i) {
        periods.push_back(away_period(*array->get(i), fmt::format("{}[{}]", name, i)));
    }
    return periods;
}

ClientKind client_kind(const toml::node& node, std::string_view name) {
    const auto* s = node.as_string();
    if (!s || (s->get() != "internal" && s->get() != "external")) {
        fail(node.source(),
             fmt::format("{} must be \"internal\" or \"external\", not {}", name, describe(node)));
    }
    return s->get() == "internal" ? ClientKind::internal : ClientKind::external;
}

const toml::table& table_named(const toml::node& node, std::string_view kind,
                               std::string_view name) {
    const auto* table = node.as_table();
    if (!table) {
        fail(node.source(), fmt::format("{}.{} must be a table such as [{}.{}], not {}", kind, name,
                                        kind, name, describe(node)));
    }
    return *table;
}

std::vector<Date> dates(const toml::node& node, const std::string& name) {
    const auto* array = node.as_array();
    if (!array) {
        fail(node.source(), fmt::format("{} must be an array of dates such as [2026-12-25, "
                                        "2027-01-01], not {}",
                                        name, describe(node)));
    }
    std::vector<Date> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        out.push_back(date(*array->get(i), fmt::format("{}[{}]", name, i)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace kept::config_values
