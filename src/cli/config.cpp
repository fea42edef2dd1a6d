#include "cli/command.hpp"
#include "cli/output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <ostream>

namespace kept::cli {

namespace {

std::string holidays_text(const std::vector<Date>& days) {
    std::vector<std::string> out;
    for (Date day : days) {
        out.push_back(format_date(day));
    }
    return fmt::format("[{}]", fmt::join(out, ", "));
}

std::string number(double value) {
    return fmt::format("{:g}", value);
}

std::string workdays_text(const WorkWeek& week) {
    static constexpr const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    std::string out;
    for (unsigned d : {1U, 2U, 3U, 4U, 5U, 6U, 0U}) {
        if (week.contains(std::chrono::weekday{d})) {
            out += (out.empty() ? "" : ", ") + std::string(names[d]);
        }
    }
    return "[" + out + "]";
}

struct Setting {
    std::string key;
    std::string value;
};

std::vector<Setting> settings(Context& context, const Config& c) {
    std::vector<Setting> out = {
        {"team.name", c.team_name},
        {"team.ledger", context.ledger_path().string()},
        {"team.hours_per_day", number(c.hours_per_day)},
        {"team.workdays", workdays_text(c.workweek)},
        {"team.default_hours_per_week", number(c.default_hours_per_week)},
        {"team.strict", c.strict ? "true" : "false"},
        {"team.holidays", holidays_text(c.holidays)},
        {"team.currency", c.currency},
        {"report.overload_ratio", number(c.report.overload_ratio)},
        {"report.weeks", std::to_string(c.report.weeks)},
        {"report.creep_ratio", number(c.report.creep_ratio)},
        {"report.creep_items", std::to_string(c.report.creep_items)},
        {"report.chronic_renegotiations", std::to_string(c.report.chronic_renegotiations)},
        {"report.risk_days", std::to_string(c.report.risk_days)},
        {"report.neglect_points", number(c.report.neglect_points)},
        {"report.confidence", std::to_string(c.report.confidence)},
        {"sync.remote", c.sync_remote.value_or("")},
    };
    for (const auto& [name, member] : c.members) {
        out.push_back({fmt::format("members.{}.hours_per_week", name),
                       number(member.hours_per_week.value_or(c.default_hours_per_week))});
        for (const auto& away : member.away) {
            out.push_back({fmt::format("members.{}.away", name),
                           fmt::format("{} to {}", format_date(away.from), format_date(away.to))});
        }
    }
    for (const auto& [name, kind] : c.clients) {
        out.push_back({fmt::format("clients.{}.kind", name), std::string(to_string(kind))});
    }
    // Shown when set: most teams trust each replica's key on first use.
    for (const auto& [origin, keys] : c.sync_trust.pinned) {
        for (const auto& key : keys) {
            out.push_back({"sync.trusted", fmt::format("{}={}", origin, key)});
        }
    }
    for (const auto& key : c.sync_trust.revoked) {
        out.push_back({"sync.revoked", key});
    }
    return out;
}

std::string origin_of(Context& context, const Config& c, const std::string& key) {
    if (key == "team.ledger" && !context.options().ledger_file.empty()) {
        return "--ledger";
    }
    auto it = c.origins.find(key);
    if (it == c.origins.end()) {
        return key == "team.ledger" && context.config_path().empty() ? "default ($XDG_DATA_HOME)"
                                                                     : "default";
    }
    return fmt::format("{}, {}", context.config_path().string(), it->second);
}

} // namespace

Run attach_config(CLI::App&) {
    return [](Context& context) {
        Format format = context.format();
        const Config& c = context.config();
        TextTable table;
        table.headers = {"KEY", "VALUE", "FROM"};
        std::vector<nlohmann::ordered_json> records;
        for (const auto& s : settings(context, c)) {
            std::string origin = origin_of(context, c, s.key);
            table.rows.push_back({{s.key}, {s.value}, {origin, Style::dim}});
            records.push_back({{"key", s.key}, {"value", s.value}, {"origin", origin}});
        }
        print_records(context, format, records, {"key", "value", "origin"}, table);
        return 0;
    };
}

} // namespace kept::cli
