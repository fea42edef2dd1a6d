#include "kept/statement.hpp"

#include "kept/records.hpp"
#include "kept/render.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kept {

namespace {

using Json = nlohmann::ordered_json;

const auto& cell = markdown_cell;

std::string percent_of(int part, int whole) {
    return fmt::format("{:.0f}%", 100.0 * part / whole);
}

void record_markdown(std::string& out, const ReliabilityFigures& r) {
    if (r.delivered == 0) {
        out += r.dropped == 0 ? "**On time:** nothing delivered in the period yet.\n\n"
                              : fmt::format("**On time:** nothing delivered in the period; {} "
                                            "dropped.\n\n",
                                            r.dropped);
        return;
    }
    out += fmt::format("**On time:** {} of {} delivered by the agreed date ({}), {} by the date "
                       "first promised ({})",
                       r.on_time_last, r.delivered, percent_of(r.on_time_last, r.delivered),
                       r.on_time_first, percent_of(r.on_time_first, r.delivered));
    out += r.dropped == 0 ? ".\n\n" : fmt::format("; {} dropped.\n\n", r.dropped);
}

Json change_json(const StatementChange& c) {
    Json out = Json::object();
    out["day"] = format_date(c.day);
    out["requested_by"] = c.requested_by;
    out["reason"] = c.reason;
    out["late"] = c.late;
    out["due"] = change_or_null(c.due_before, c.due_after, format_date);
    out["effort_hours"] = change_or_null(c.effort_before, c.effort_after, hours_value);
    out["scope_added"] = c.scope_added;
    out["scope_dropped"] = c.scope_dropped;
    out["fee"] = c.fee_changed ? Json{{"before", fee_or_null(c.fee_before)},
                                      {"after", fee_or_null(c.fee_after)}}
                               : Json(nullptr);
    return out;
}

Json line_json(const StatementLine& line) {
    const Commitment& c = line.commitment;
    Json out = Json::object();
    out["id"] = c.id;
    out["uuid"] = c.uuid;
    out["title"] = c.title;
    out["owner"] = c.owner;
    out["state"] = to_string(c.state);
    out["due"] = format_date(c.due);
    out["first_due"] = format_date(c.original_due);
    out["effort_hours"] = hours_value(c.effort);
    out["first_effort_hours"] = hours_value(c.original_effort);
    out["scope"] = c.scope;
    out["fee"] = fee_or_null(c.fee);
    out["first_fee"] = fee_or_null(c.original_fee);
    out["created"] = format_date(c.created);
    out["closed"] = date_or_null(c.closed);
    bool delivered = c.state == State::delivered && c.closed;
    out["on_time"] = delivered ? Json(*c.closed <= c.due) : Json(nullptr);
    out["on_time_first"] = delivered ? Json(*c.closed <= c.original_due) : Json(nullptr);
    if (line.forecast) {
        out["forecast"] = {
            {"finish", date_or_null(line.forecast->finish)},
            {"on_time_percent", std::round(line.forecast->on_time_percent * 10.0) / 10.0},
            {"status", line.forecast->status}};
    } else {
        out["forecast"] = nullptr;
    }
    Json changes = Json::array();
    for (const StatementChange& change : line.changes) {
        changes.push_back(change_json(change));
    }
    out["changes"] = std::move(changes);
    return out;
}

} // namespace

std::string statement_lateness(Date closed, Date due) {
    auto days = (closed - due).count();
    if (days <= 0) {
        return "on time";
    }
    return fmt::format("{} day{} late", days, days == 1 ? "" : "s");
}

std::string statement_effort(const Commitment& c) {
    if (c.effort == c.original_effort) {
        return format_hours(c.effort);
    }
    return fmt::format("{} (first {})", format_hours(c.effort), format_hours(c.original_effort));
}

std::string statement_change_text(const StatementChange& change) {
    std::vector<std::string> parts;
    if (change.due_before && change.due_after) {
        parts.push_back(fmt::format("due {} → {}", format_day(*change.due_before),
                                    format_day(*change.due_after)));
    }
    if (change.effort_before && change.effort_after) {
        parts.push_back(fmt::format("effort {} → {}", format_hours(*change.effort_before),
                                    format_hours(*change.effort_after)));
    }
    for (const auto& item : change.scope_added) {
        parts.push_back(fmt::format("scope + \"{}\"", item));
    }
    for (const auto& item : change.scope_dropped) {
        parts.push_back(fmt::format("scope − \"{}\"", item));
    }
    if (change.fee_changed) {
        auto fee = [](const std::optional<Cents>& cents) {
            return cents ? format_fee(*cents) : std::string("none");
        };
        parts.push_back(fmt::format("fee {} → {}", fee(change.fee_before), fee(change.fee_after)));
    }
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : "; ") + part;
    }
    return text;
}

std::string statement_fee(const Commitment& c, const std::string& currency) {
    auto amount = [&](Cents cents) {
        return currency.empty() ? format_fee(cents)
                                : fmt::format("{} {}", format_fee(cents), currency);
    };
    if (!c.fee) {
        return "-";
    }
    if (c.original_fee == c.fee) {
        return amount(*c.fee);
    }
    return fmt::format("{} (first {})", amount(*c.fee),
                       c.original_fee ? amount(*c.original_fee) : std::string("none"));
}

std::string statement_forecast(const StatementLine& line) {
    if (!line.forecast) {
        return "-";
    }
    return fmt::format(
        "{}: {}", line.forecast->finish ? format_day(*line.forecast->finish) : std::string("never"),
        line.forecast->status);
}

std::string statement_chance(const StatementLine& line) {
    return line.forecast ? fmt::format("{:.0f}%", line.forecast->on_time_percent) : "-";
}

bool statement_has_fees(const std::vector<StatementLine>& lines) {
    return std::any_of(lines.begin(), lines.end(),
                       [](const StatementLine& l) { return l.commitment.fee.has_value(); });
}

std::string statement_markdown(const Statement& s) {
    std::string out = fmt::format("# Promises to {}{}\n\n", s.client,
                                  s.client_kind == ClientKind::internal ? " (internal)" : "");
    out += s.since ? fmt::format("From the {} team, {} to {}.\n\n", s.team, format_day(*s.since),
                                 format_day(s.until))
                   : fmt::format("From the {} team, up to {}.\n\n", s.team, format_day(s.until));
    record_markdown(out, s.record);

    if (markdown_section(out, "Open", s.open.empty(), "Nothing open.")) {
        bool fees = statement_has_fees(s.open);
        out += fees ? markdown_table_head({"#", "Promise", "Owner", "Due", "First promised",
                                           "Effort", "Fee", "Forecast", "Chance on time"})
                    : markdown_table_head({"#", "Promise", "Owner", "Due", "First promised",
                                           "Effort", "Forecast", "Chance on time"});
        for (const StatementLine& line : s.open) {
            const Commitment& c = line.commitment;
            std::string forecast = statement_forecast(line);
            std::string chance = statement_chance(line);
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {}{} | {} |\n", c.id, cell(c.title),
                               cell(c.owner), format_day(c.due), format_day(c.original_due),
                               statement_effort(c),
                               fees ? statement_fee(c, s.currency) + " | " : "", forecast, chance);
        }
        out += '\n';
    }

    if (markdown_section(out, "Delivered", s.delivered.empty(),
                         "Nothing delivered in the period.")) {
        out += markdown_table_head({"#", "Promise", "Delivered", "Due", "Against the due date",
                                    "First promised", "Against the first date"});
        for (const StatementLine& line : s.delivered) {
            const Commitment& c = line.commitment;
            Date closed = c.closed.value_or(c.due);
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", c.id, cell(c.title),
                               format_day(closed), format_day(c.due),
                               statement_lateness(closed, c.due), format_day(c.original_due),
                               statement_lateness(closed, c.original_due));
        }
        out += '\n';
    }

    if (!s.dropped.empty()) {
        markdown_section(out, "Dropped", false, "");
        out += markdown_table_head({"#", "Promise", "Dropped on", "Due"});
        for (const StatementLine& line : s.dropped) {
            const Commitment& c = line.commitment;
            out +=
                fmt::format("| {} | {} | {} | {} |\n", c.id, cell(c.title),
                            c.closed ? format_day(*c.closed) : std::string("-"), format_day(c.due));
        }
        out += '\n';
    }

    std::string changes;
    for (const auto* section : {&s.open, &s.delivered, &s.dropped}) {
        for (const StatementLine& line : *section) {
            for (const StatementChange& change : line.changes) {
                changes += fmt::format(
                    "- **#{} {}**, {}, asked by {}{}: {}.{}\n", line.commitment.id,
                    cell(line.commitment.title), format_day(change.day),
                    change.requested_by == "client" ? "you" : "us",
                    change.late ? " after the due date" : "", statement_change_text(change),
                    change.reason.empty() ? std::string()
                                          : fmt::format(" \"{}\"", cell(change.reason)));
            }
        }
    }
    out += "## Changes\n\n";
    out += changes.empty() ? "No promise changed in the period.\n" : changes;
    return out;
}

nlohmann::ordered_json statement_json(const Statement& s) {
    Json out = Json::object();
    out["team"] = s.team;
    out["client"] = s.client;
    out["client_kind"] = to_string(s.client_kind);
    out["currency"] = s.currency.empty() ? Json(nullptr) : Json(s.currency);
    out["since"] = date_or_null(s.since);
    out["until"] = format_date(s.until);
    const ReliabilityFigures& r = s.record;
    out["record"] = {
        {"delivered", r.delivered},
        {"dropped", r.dropped},
        {"on_time", r.on_time_last},
        {"on_time_first", r.on_time_first},
        {"on_time_percent", r.on_time_last_rate() ? Json(*r.on_time_last_rate()) : Json(nullptr)},
        {"on_time_first_percent",
         r.on_time_first_rate() ? Json(*r.on_time_first_rate()) : Json(nullptr)}};
    Json lines = Json::array();
    for (const auto* section : {&s.open, &s.delivered, &s.dropped}) {
        for (const StatementLine& line : *section) {
            lines.push_back(line_json(line));
        }
    }
    out["commitments"] = std::move(lines);
    return out;
}

} // namespace kept
