#include "app/digest.hpp"
#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/report_view.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct DigestOptions {
    std::string since;
    std::string weeks;
};

/// The load ahead's default horizon: a month of weeks, what a weekly meeting plans for.
constexpr int default_digest_weeks = 4;

std::string client_cell(const Commitment& c) {
    return fmt::format("{} ({})", c.client, to_string(c.client_kind));
}

TextTable promised_table(const Digest& d) {
    TextTable table;
    table.headers = {"ID", "ON", "OWNER", "CLIENT", "DUE", "EFFORT", "STATE", "TITLE"};
    table.right_aligned = {true, false, false, false, false, true};
    table.cuttable = {false, false, false, true, false, false, false, true};
    for (const DigestPromise& p : d.promised) {
        const Commitment& c = p.commitment;
        table.rows.push_back(
            {{fmt::format("#{}", c.id)},
             {format_day(p.day)},
             {c.owner},
             {client_cell(c)},
             {format_day(c.due), c.due != c.original_due ? Style::yellow : Style::plain,
              c.due != c.original_due ? "*" : ""},
             {format_hours(c.effort)},
             {std::string(to_string(c.state))},
             {c.title}});
    }
    return table;
}

TextTable moved_table(const Digest& d) {
    TextTable table;
    table.headers = {"ID",    "ON",       "OWNER", "CLIENT", "DUE",
                     "MOVED", "ASKED BY", "ALSO",  "TITLE",  "REASON"};
    table.cuttable = {false, false, false, true, false, false, false, true, true, true};
    for (const DigestMove& m : d.moved) {
        const Commitment& c = m.commitment;
        const StatementChange& ch = m.change;
        std::string due =
            ch.due_before && ch.due_after
                ? fmt::format("{} → {}", format_date(*ch.due_before), format_date(*ch.due_after))
                : format_date(c.due);
        bool later = m.working_days && *ch.due_after > *ch.due_before;
        std::string also = other_changes_text(ch);
        table.rows.push_back({{fmt::format("#{}", c.id)},
                              {format_day(ch.day)},
                              {c.owner},
                              {client_cell(c)},
                              {due},
                              {move_text(m), later ? Style::yellow : Style::plain},
                              {ch.late ? ch.requested_by + ", late" : ch.requested_by,
                               ch.late ? Style::red : Style::plain, ch.late ? "!" : ""},
                              {also.empty() ? std::string("-") : also},
                              {c.title},
                              {ch.reason.empty() ? std::string("-") : ch.reason}});
    }
    return table;
}

TextTable delivered_table(const Digest& d) {
    TextTable table;
    table.headers = {"ID",          "ON",        "OWNER",         "CLIENT", "DUE",
                     "AGAINST DUE", "FIRST DUE", "AGAINST FIRST", "TITLE"};
    table.cuttable = {false, false, false, true, false, false, false, false, true};
    for (const DigestClose& close : d.delivered) {
        const Commitment& c = close.commitment;
        bool late = close.on > c.due;
        std::string title = c.title;
        if (c.state != State::delivered) {
            title += fmt::format(" (now {})", to_string(c.state));
        }
        table.rows.push_back(
            {{fmt::format("#{}", c.id)},
             {format_day(close.on)},
             {c.owner},
             {client_cell(c)},
             {format_day(c.due)},
             {against_text(close.on, c.due), late ? Style::red : Style::green, late ? "!" : ""},
             {format_day(c.original_due)},
             {against_text(close.on, c.original_due)},
             {title}});
    }
    return table;
}

TextTable dropped_table(const Digest& d) {
    TextTable table;
    table.headers = {"ID", "ON", "OWNER", "CLIENT", "DUE", "TITLE", "REASON"};
    table.cuttable = {false, false, false, true, false, true, true};
    for (const DigestClose& close : d.dropped) {
        const Commitment& c = close.commitment;
        std::string title = c.title;
        if (c.state != State::dropped) {
            title += fmt::format(" (now {})", to_string(c.state));
        }
        table.rows.push_back({{fmt::format("#{}", c.id)},
                              {format_day(close.on)},
                              {c.owner},
                              {client_cell(c)},
                              {format_day(c.due)},
                              {title},
                              {close.reason.empty() ? std::string("-") : close.reason}});
    }
    return table;
}

/// One row a commitment, the owner and client only on the first of their group.
TextTable talk_table(const Digest& d) {
    TextTable table;
    table.headers = {"OWNER",  "CLIENT", "TALK BY",  "ID",   "DUE",
                     "FINISH", "STATUS", "PROPOSED", "TITLE"};
    table.right_aligned = {false, false, false, true};
    table.cuttable = {false, true, false, false, false, false, false, false, true};
    for (const DigestTalkGroup& g : d.talk) {
        bool first = true;
        for (const DigestTalk& t : g.commitments) {
            std::string proposed = !t.triaged   ? "- (holds once others move)"
                                   : t.proposed ? format_day(*t.proposed)
                                                : "none: no capacity";
            table.rows.push_back(
                {{first ? g.owner : std::string()},
                 {first ? fmt::format("{} ({})", g.client, to_string(g.client_kind))
                        : std::string()},
                 {t.talk_by ? format_day(*t.talk_by) : std::string("now: overdue"), Style::yellow},
                 {fmt::format("#{}", t.id)},
                 {format_day(t.due)},
                 {t.finish ? format_day(*t.finish) : std::string("never")},
                 {std::string(to_string(t.status)),
                  t.status == ForecastStatus::will_miss ? Style::red : Style::plain},
                 {proposed},
                 {t.title}});
            first = false;
        }
    }
    return table;
}

TextTable load_ahead_table(const Digest& d) {
    TextTable table;
    table.headers = {"OWNER"};
    table.right_aligned = {false};
    table.droppable_from = 1;
    for (const IsoWeek& week : d.horizon) {
        table.headers.push_back(format_iso_week(week));
        table.right_aligned.push_back(true);
    }
    for (const LoadCell& cell : d.load) {
        if (table.rows.empty() || table.rows.back().front().text != cell.owner) {
            table.rows.push_back({{cell.owner}});
        }
        const WeekLoad& w = cell.load;
        bool bad = w.overloaded(d.overload_ratio) || w.late_minutes > schedule_epsilon;
        bool full =
            w.capacity_minutes > 0.0 && w.load_minutes + schedule_epsilon >= w.capacity_minutes;
        table.rows.back().push_back({load_text(w),
                                     bad ? Style::red : (full ? Style::yellow : Style::plain),
                                     bad ? "!" : ""});
    }
    return table;
}

void print_part(Context& context, const std::string& title, const TextTable& table,
                const char* none) {
    print_section_title(context, title);
    if (table.rows.empty()) {
        context.out() << none << '\n';
    } else {
        print_fitted(context, table, false);
    }
}

void print_digest_table(Context& context, const Digest& d) {
    auto& out = context.out();
    out << fmt::format("kept digest for {}, {} to {}\n", d.team, format_day(d.since),
                       format_day(d.until));
    if (d.ledger_empty) {
        out << "The ledger holds no commitments yet: nothing to digest.\n";
        return;
    }
    out << digest_summary(d) << '\n';
    print_part(context, fmt::format("PROMISED ({})", d.promised.size()), promised_table(d),
               "nothing promised in the period");
    print_part(context, fmt::format("MOVED ({})", d.moved.size()), moved_table(d),
               "no promise renegotiated in the period");
    print_part(context, fmt::format("DELIVERED ({})", d.delivered.size()), delivered_table(d),
               "nothing delivered in the period");
    print_part(context, fmt::format("DROPPED ({})", d.dropped.size()), dropped_table(d),
               "nothing dropped in the period");
    print_part(context, "TALK TO CLIENTS (before the TALK BY day; PROPOSED: triage's date)",
               talk_table(d), "no client to talk to: every open commitment holds");
    std::vector<std::string> commands;
    for (const DigestTalkGroup& g : d.talk) {
        for (const DigestTalk& t : g.commitments) {
            if (!t.command.empty()) {
                commands.push_back(t.command);
            }
        }
    }
    if (!commands.empty()) {
        out << "\nOnce a client agrees:\n";
        for (const auto& command : commands) {
            out << "  " << command << '\n';
        }
    }
    print_section_title(context, fmt::format("LOAD AHEAD (scheduled hours of each ISO week's "
                                             "capacity, next {})",
                                             plural(d.weeks, "week", "weeks")));
    if (d.load.empty()) {
        out << "no owners\n";
    } else {
        print_fitted(context, load_ahead_table(d), true);
    }
}

int run_digest(Context& context, const DigestOptions& o) {
    std::string format = context.options().format;
    if (format != "table" && format != "md" && format != "json") {
        throw BadValue(
            fmt::format("--format: \"{}\" is not one of table, md, json for kept digest", format));
    }
    const Date today = context.today();
    const WorkWeek& workweek = context.config().workweek;
    // "Since last Monday": on a Monday, the Monday before, so that the meeting that opens the
    // week looks back on the whole of the last one.
    Date since = parse_past_date(o.since.empty() ? std::string("last mon") : o.since, today,
                                 workweek, "--since");
    if (since > today) {
        throw BadValue(
            fmt::format("--since: \"{}\" ({}) is after today", o.since, format_day(since)));
    }
    int weeks = parse_weeks(o.weeks, default_digest_weeks);
    Ledger ledger = context.open_ledger(OpenMode::read);
    Digest digest = app::gather_digest(ledger, context.config(), since, today, weeks);
    if (format == "json") {
        context.out() << digest_json(digest).dump(2) << '\n';
    } else if (format == "md") {
        context.out() << digest_markdown(digest);
    } else {
        print_digest_table(context, digest);
    }
    return 0;
}

} // namespace

Run attach_digest(CLI::App& sub) {
    auto o = std::make_shared<DigestOptions>();
    sub.add_option("--since", o->since,
                   "The period's first day, looking back (yesterday, -2w, mon, a date); default: "
                   "last Monday (a week back on a Monday)")
        ->type_name("DATE");
    sub.add_option("--weeks", o->weeks,
                   "Weeks of load ahead, from the current one (1 to 520; "
                   "default 4)")
        ->type_name("N");
    return [o](Context& context) { return run_digest(context, *o); };
}

} // namespace kept::cli
