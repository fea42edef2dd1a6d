#include "kept/digest.hpp"

#include "kept/render.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kept {

namespace {

using Json = nlohmann::ordered_json;

std::string semicolon_joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : "; ") + part;
    }
    return text;
}

std::string day_or(const std::optional<Date>& day, const char* otherwise) {
    return day ? format_day(*day) : std::string(otherwise);
}

std::string due_text(const Commitment& c) {
    return c.due == c.original_due
               ? format_day(c.due)
               : fmt::format("{} (first {})", format_day(c.due), format_day(c.original_due));
}

std::string asked_by(const StatementChange& change) {
    return change.late ? fmt::format("{}, after the due date", change.requested_by)
                       : change.requested_by;
}

std::string client_of(const Commitment& c) {
    return fmt::format("{} ({})", c.client, to_string(c.client_kind));
}

/// The state now, when a closed commitment was reopened since.
std::string now_text(const Commitment& c, State closed_as) {
    return c.state == closed_as ? std::string() : fmt::format(" (now {})", to_string(c.state));
}

std::string week_range(const Digest& d) {
    return d.horizon.empty() ? std::string()
                             : fmt::format("{} to {}", format_iso_week(d.horizon.front()),
                                           format_iso_week(d.horizon.back()));
}

void promised_markdown(std::string& out, const Digest& d) {
    out += "## Promised\n\n";
    if (d.promised.empty()) {
        out += "Nothing promised in the period.\n\n";
        return;
    }
    out += "| # | Promise | Client | Owner | Promised on | Due | Effort | State |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const DigestPromise& p : d.promised) {
        const Commitment& c = p.commitment;
        out +=
            fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", c.id, markdown_cell(c.title),
                        markdown_cell(client_of(c)), markdown_cell(c.owner), format_day(p.day),
                        due_text(c), format_hours(c.effort), to_string(c.state));
    }
    out += '\n';
}

void moved_markdown(std::string& out, const Digest& d) {
    out += "## Moved\n\n";
    if (d.moved.empty()) {
        out += "No promise was renegotiated in the period.\n\n";
        return;
    }
    out += "| # | Promise | Client | On | Due | Moved | Also | Asked by | Reason |\n"
           "|---|---|---|---|---|---|---|---|---|\n";
    for (const DigestMove& m : d.moved) {
        const Commitment& c = m.commitment;
        const StatementChange& ch = m.change;
        std::string due =
            ch.due_before && ch.due_after
                ? fmt::format("{} → {}", format_day(*ch.due_before), format_day(*ch.due_after))
                : format_day(c.due);
        std::string also = other_changes_text(ch);
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", c.id,
                           markdown_cell(c.title), markdown_cell(client_of(c)), format_day(ch.day),
                           due, move_text(m), also.empty() ? "-" : markdown_cell(also),
                           asked_by(ch), ch.reason.empty() ? "-" : markdown_cell(ch.reason));
    }
    out += '\n';
}

void delivered_markdown(std::string& out, const Digest& d) {
    out += "## Delivered\n\n";
    if (d.delivered.empty()) {
        out += "Nothing delivered in the period.\n\n";
        return;
    }
    out += "| # | Promise | Client | Owner | Delivered | Due | Against the due date | First "
           "promised | Against the first date |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const DigestClose& close : d.delivered) {
        const Commitment& c = close.commitment;
        out += fmt::format("| {} | {}{} | {} | {} | {} | {} | {} | {} | {} |\n", c.id,
                           markdown_cell(c.title), now_text(c, State::delivered),
                           markdown_cell(client_of(c)), markdown_cell(c.owner),
                           format_day(close.on), format_day(c.due), against_text(close.on, c.due),
                           format_day(c.original_due), against_text(close.on, c.original_due));
    }
    out += '\n';
}

void dropped_markdown(std::string& out, const Digest& d) {
    out += "## Dropped\n\n";
    if (d.dropped.empty()) {
        out += "Nothing dropped in the period.\n\n";
        return;
    }
    out += "| # | Promise | Client | Owner | Dropped on | Due | Reason |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const DigestClose& close : d.dropped) {
        const Commitment& c = close.commitment;
        out += fmt::format("| {} | {}{} | {} | {} | {} | {} | {} |\n", c.id, markdown_cell(c.title),
                           now_text(c, State::dropped), markdown_cell(client_of(c)),
                           markdown_cell(c.owner), format_day(close.on), format_day(c.due),
                           close.reason.empty() ? "-" : markdown_cell(close.reason));
    }
    out += '\n';
}

void talk_markdown(std::string& out, const Digest& d) {
    out += "## Talk to clients\n\n";
    if (d.talk.empty()) {
        out += "No client to talk to: every open commitment holds.\n\n";
        return;
    }
    for (const DigestTalkGroup& g : d.talk) {
        std::optional<Date> by = g.talk_by();
        out += fmt::format("### {} → {} ({}), {}\n\n", g.owner, g.client, to_string(g.client_kind),
                           by ? "by " + format_day(*by) : std::string("now: overdue"));
        out += "| # | Promise | Due | Finish | Status | Talk by | Proposed |\n"
               "|---|---|---|---|---|---|---|\n";
        std::vector<std::string> commands;
        for (const DigestTalk& t : g.commitments) {
            std::string proposed = !t.triaged   ? "- (holds once the others move)"
                                   : t.proposed ? format_day(*t.proposed)
                                                : "none: no capacity";
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", t.id,
                               markdown_cell(t.title), format_day(t.due), day_or(t.finish, "never"),
                               to_string(t.status), day_or(t.talk_by, "now: overdue"), proposed);
            if (!t.command.empty()) {
                commands.push_back(t.command);
            }
        }
        out += '\n';
        if (!commands.empty()) {
            out += "Once the client agrees:\n\n```\n";
            for (const auto& command : commands) {
                out += command + '\n';
            }
            out += "```\n\n";
        }
    }
}

void load_markdown(std::string& out, const Digest& d) {
    out += fmt::format("## Load ahead\n\nScheduled hours of each ISO week's capacity, {}.\n\n",
                       week_range(d));
    if (d.load.empty()) {
        out += "No owners.\n";
        return;
    }
    std::string header = "| Owner |";
    std::string rule = "|---|";
    for (const IsoWeek& week : d.horizon) {
        header += fmt::format(" {} |", format_iso_week(week));
        rule += "---|";
    }
    out += header + '\n' + rule + '\n';
    for (std::size_t i = 0; i < d.load.size(); ++i) {
        const LoadCell& c = d.load[i];
        if (i == 0 || d.load[i - 1].owner != c.owner) {
            out += (i == 0 ? "| " : "\n| ") + markdown_cell(c.owner) + " |";
        }
        bool over = c.load.overloaded(d.overload_ratio);
        out += fmt::format(" {}{} |", load_text(c.load), over ? " **over**" : "");
    }
    out += '\n';
}

Json close_json(const DigestClose& close, bool delivered) {
    const Commitment& c = close.commitment;
    Json out = Json::object();
    out["id"] = c.id;
    out["uuid"] = c.uuid;
    out["title"] = c.title;
    out["client"] = c.client;
    out["client_kind"] = to_string(c.client_kind);
    out["owner"] = c.owner;
    out["state"] = to_string(c.state);
    out["day"] = format_date(close.day);
    out["on"] = format_date(close.on);
    out["due"] = format_date(c.due);
    out["first_due"] = format_date(c.original_due);
    out["on_time"] = delivered ? Json(close.on <= c.due) : Json(nullptr);
    out["on_time_first"] = delivered ? Json(close.on <= c.original_due) : Json(nullptr);
    out["reason"] = close.reason.empty() ? Json(nullptr) : Json(close.reason);
    return out;
}

Json move_json(const DigestMove& m) {
    const Commitment& c = m.commitment;
    const StatementChange& ch = m.change;
    Json out = Json::object();
    out["id"] = c.id;
    out["uuid"] = c.uuid;
    out["title"] = c.title;
    out["client"] = c.client;
    out["client_kind"] = to_string(c.client_kind);
    out["owner"] = c.owner;
    out["day"] = format_date(ch.day);
    out["actor"] = m.actor;
    out["requested_by"] = ch.requested_by;
    out["reason"] = ch.reason;
    out["late"] = ch.late;
    out["due"] = ch.due_before && ch.due_after ? Json{{"before", format_date(*ch.due_before)},
                                                      {"after", format_date(*ch.due_after)}}
                                               : Json(nullptr);
    out["working_days"] = m.working_days ? Json(*m.working_days) : Json(nullptr);
    out["effort_hours"] = ch.effort_before && ch.effort_after
                              ? Json{{"before", hours_value(*ch.effort_before)},
                                     {"after", hours_value(*ch.effort_after)}}
                              : Json(nullptr);
    out["scope_added"] = ch.scope_added;
    out["scope_dropped"] = ch.scope_dropped;
    out["owner_change"] = ch.owner_before && ch.owner_after
                              ? Json{{"before", *ch.owner_before}, {"after", *ch.owner_after}}
                              : Json(nullptr);
    return out;
}

Json talk_json(const DigestTalkGroup& g) {
    Json out = Json::object();
    out["owner"] = g.owner;
    out["client"] = g.client;
    out["client_kind"] = to_string(g.client_kind);
    out["talk_by"] = date_or_null(g.talk_by());
    Json commitments = Json::array();
    for (const DigestTalk& t : g.commitments) {
        Json one = Json::object();
        one["id"] = t.id;
        one["uuid"] = t.uuid;
        one["title"] = t.title;
        one["due"] = format_date(t.due);
        one["effort_hours"] = hours_value(t.effort);
        one["finish"] = date_or_null(t.finish);
        one["slack_days"] = t.slack ? Json(*t.slack) : Json(nullptr);
        one["status"] = to_string(t.status);
        one["talk_by"] = date_or_null(t.talk_by);
        one["triaged"] = t.triaged;
        one["proposed"] = date_or_null(t.proposed);
        one["command"] = t.command.empty() ? Json(nullptr) : Json(t.command);
        commitments.push_back(std::move(one));
    }
    out["commitments"] = std::move(commitments);
    return out;
}

double rounded_to(double value, int decimals) {
    double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

std::string move_text(const DigestMove& move) {
    if (!move.working_days) {
        return "date kept";
    }
    int days = *move.working_days;
    const StatementChange& ch = move.change;
    bool later = *ch.due_after > *ch.due_before;
    if (days == 0) {
        return later ? "no working day later" : "no working day earlier";
    }
    return fmt::format("{} {}", plural(std::abs(days), "working day", "working days"),
                       later ? "later" : "earlier");
}

std::string other_changes_text(const StatementChange& change) {
    std::vector<std::string> parts;
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
    if (change.owner_before && change.owner_after) {
        parts.push_back(fmt::format("owner {} → {}", *change.owner_before, *change.owner_after));
    }
    return semicolon_joined(parts);
}

std::string against_text(Date on, Date due) {
    auto days = (on - due).count();
    return days <= 0 ? std::string("on time") : fmt::format("{} late", plural(days, "day", "days"));
}

std::string load_text(const WeekLoad& week) {
    if (week.capacity_minutes <= 0.0) {
        return "-";
    }
    std::string text =
        fmt::format("{} of {}", format_hours(static_cast<Minutes>(std::llround(week.load_minutes))),
                    format_hours(static_cast<Minutes>(std::llround(week.capacity_minutes))));
    if (week.late_minutes > schedule_epsilon) {
        long long late_hours = std::llround(week.late_minutes / 60.0);
        text +=
            late_hours == 0 ? std::string(" (<1h late)") : fmt::format(" ({}h late)", late_hours);
    }
    return text;
}

std::string digest_summary(const Digest& d) {
    int on_time = 0;
    for (const DigestClose& close : d.delivered) {
        on_time += close.on <= close.commitment.due ? 1 : 0;
    }
    std::size_t talks = 0;
    for (const DigestTalkGroup& g : d.talk) {
        talks += g.commitments.size();
    }
    std::string text = fmt::format("{} promised, {} moved, {} delivered", d.promised.size(),
                                   d.moved.size(), d.delivered.size());
    if (!d.delivered.empty()) {
        text += fmt::format(" ({} on time)", on_time);
    }
    text += fmt::format(", {} dropped; ", d.dropped.size());
    text += d.talk.empty()
                ? std::string("no client to talk to.")
                : fmt::format("talk to {} about {}.",
                              plural(static_cast<long long>(d.talk.size()), "client", "clients"),
                              plural(static_cast<long long>(talks), "commitment", "commitments"));
    return text;
}

std::string digest_markdown(const Digest& d) {
    std::string out = fmt::format("# Digest of the {} team, {} to {}\n\n", d.team,
                                  format_day(d.since), format_day(d.until));
    if (d.ledger_empty) {
        return out + "The ledger holds no commitments yet: nothing to digest.\n";
    }
    out += digest_summary(d) + "\n\n";
    promised_markdown(out, d);
    moved_markdown(out, d);
    delivered_markdown(out, d);
    dropped_markdown(out, d);
    talk_markdown(out, d);
    load_markdown(out, d);
    return out;
}

nlohmann::ordered_json digest_json(const Digest& d) {
    Json out = Json::object();
    out["team"] = d.team;
    out["since"] = format_date(d.since);
    out["until"] = format_date(d.until);
    out["weeks"] = d.weeks;
    Json promised = Json::array();
    for (const DigestPromise& p : d.promised) {
        const Commitment& c = p.commitment;
        promised.push_back({{"id", c.id},
                            {"uuid", c.uuid},
                            {"title", c.title},
                            {"client", c.client},
                            {"client_kind", to_string(c.client_kind)},
                            {"owner", c.owner},
                            {"state", to_string(c.state)},
                            {"day", format_date(p.day)},
                            {"due", format_date(c.due)},
                            {"first_due", format_date(c.original_due)},
                            {"effort_hours", hours_value(c.effort)},
                            {"scope", c.scope}});
    }
    out["promised"] = std::move(promised);
    Json moved = Json::array();
    for (const DigestMove& m : d.moved) {
        moved.push_back(move_json(m));
    }
    out["moved"] = std::move(moved);
    Json delivered = Json::array();
    for (const DigestClose& close : d.delivered) {
        delivered.push_back(close_json(close, true));
    }
    out["delivered"] = std::move(delivered);
    Json dropped = Json::array();
    for (const DigestClose& close : d.dropped) {
        dropped.push_back(close_json(close, false));
    }
    out["dropped"] = std::move(dropped);
    Json talk = Json::array();
    for (const DigestTalkGroup& g : d.talk) {
        talk.push_back(talk_json(g));
    }
    out["talk"] = std::move(talk);
    Json load = Json::array();
    for (const LoadCell& c : d.load) {
        const WeekLoad& w = c.load;
        load.push_back({{"owner", c.owner},
                        {"week", format_iso_week(w.week)},
                        {"load_hours", rounded_to(w.load_minutes / 60.0, 2)},
                        {"late_hours", rounded_to(w.late_minutes / 60.0, 2)},
                        {"capacity_hours", rounded_to(w.capacity_minutes / 60.0, 2)},
                        {"utilization",
                         w.utilization() ? Json(rounded_to(*w.utilization(), 1)) : Json(nullptr)},
                        {"overloaded", w.overloaded(d.overload_ratio)}});
    }
    out["load"] = std::move(load);
    return out;
}

} // namespace kept
