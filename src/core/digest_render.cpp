// The digest as text: its summary line, its Markdown and the texts of a move, a change, a
// delivery against its date and a week's load that the table view shares (the JSON is in
// digest_json.cpp).

#include "kept/digest.hpp"

#include "kept/render.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kept {

namespace {

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
    if (!markdown_section(out, "Promised", d.promised.empty(), "Nothing promised in the period.")) {
        return;
    }
    out += markdown_table_head(
        {"#", "Promise", "Client", "Owner", "Promised on", "Due", "Effort", "State"});
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
    if (!markdown_section(out, "Moved", d.moved.empty(),
                          "No promise was renegotiated in the period.")) {
        return;
    }
    out += markdown_table_head(
        {"#", "Promise", "Client", "On", "Due", "Moved", "Also", "Asked by", "Reason"});
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
    if (!markdown_section(out, "Delivered", d.delivered.empty(),
                          "Nothing delivered in the period.")) {
        return;
    }
    out +=
        markdown_table_head({"#", "Promise", "Client", "Owner", "Delivered", "Due",
                             "Against the due date", "First promised", "Against the first date"});
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
    if (!markdown_section(out, "Dropped", d.dropped.empty(), "Nothing dropped in the period.")) {
        return;
    }
    out += markdown_table_head({"#", "Promise", "Client", "Owner", "Dropped on", "Due", "Reason"});
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
    if (!markdown_section(out, "Talk to clients", d.talk.empty(),
                          "No client to talk to: every open commitment holds.")) {
        return;
    }
    for (const DigestTalkGroup& g : d.talk) {
        std::optional<Date> by = g.talk_by();
        out += fmt::format("### {} → {} ({}), {}\n\n", g.owner, g.client, to_string(g.client_kind),
                           by ? "by " + format_day(*by) : std::string("now: overdue"));
        out +=
            markdown_table_head({"#", "Promise", "Due", "Finish", "Status", "Talk by", "Proposed"});
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

} // namespace kept
