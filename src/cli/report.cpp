#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/report_view.hpp"
#include "kept/conflicts.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct ReportOptions {
    std::string as_of;
    std::string weeks;
    std::string owner;
    std::string fail_on;
    std::string section = "all";
    std::vector<std::string> kinds; // kept check
};

/// The day, horizon and owner a report looks at.
struct Window {
    std::optional<Date> as_of;
    Date today;
    int weeks = 8;
    std::optional<std::string> owner;
};

Window window_of(Context& context, const ReportOptions& o) {
    const Config& config = context.config();
    Window w;
    w.weeks = parse_weeks(o.weeks, config.report.weeks);
    if (!o.as_of.empty()) {
        w.as_of = parse_date(o.as_of, context.today(), config.workweek, "--as-of");
    }
    if (!o.owner.empty()) {
        w.owner = o.owner;
    }
    w.today = w.as_of.value_or(context.today());
    return w;
}

/// conflict: an open commitment changed concurrently on two replicas (two changes based on the
/// same event). Only ledgers holding other replicas' events can have one.
void add_conflict_flags(Ledger& ledger, const Window& w, Report& report) {
    if (!ledger.events().has_foreign_events()) {
        return;
    }
    ConflictFinder finder;
    auto feed = [&](const Event& event) { finder.feed(event); };
    if (w.as_of) {
        EventQuery query;
        query.until = w.as_of;
        ledger.events().for_each_event(query, feed);
    } else {
        // Only an open commitment is flagged, and only one changed on two replicas can conflict:
        // their events, not every event of a synced ledger (seconds at a million events).
        for (std::int64_t id : ledger.reads().open_commitments_of_several_replicas()) {
            EventQuery query;
            query.commitment_id = id;
            ledger.events().for_each_event(query, feed);
        }
    }
    bool added = false;
    for (const auto& conflict : finder.conflicts()) {
        auto c = ledger.commitments().find_by_uuid(conflict.commitment_uuid);
        if (!c || (w.owner && c->owner != *w.owner)) {
            continue;
        }
        bool open = c->is_open();
        if (w.as_of) {
            HistoryReplay replay(w.today, w.today);
            EventQuery mine;
            mine.commitment_id = c->id;
            mine.until = w.as_of;
            mine.replay_order = true;
            ledger.events().for_each_event(mine, [&](const Event& e) { replay.feed(e); });
            auto facts = replay.facts();
            open = !facts.empty() && facts.front().is_open();
        }
        if (!open) {
            continue;
        }
        Flag flag;
        flag.kind = FlagKind::conflict;
        flag.severity = severity_of(flag.kind);
        flag.owner = c->owner;
        flag.commitments = {c->id};
        flag.detail =
            fmt::format("#{} changed concurrently on {} replicas by {}; the later change "
                        "in the replay order wins: check the result (kept log {})",
                        c->id, conflict.events.size(), fmt::join(conflict.actors, ", "), c->id);
        flag.magnitude = static_cast<double>(conflict.events.size());
        report.flags.push_back(std::move(flag));
        added = true;
    }
    if (added) {
        sort_flags(report.flags);
    }
}

/// sync: a replica file the last sync stopped importing at a bad line (a team-wide flag).
void add_sync_flags(Ledger& ledger, Report& report) {
    bool added = false;
    for (const auto& file : ledger.replica_files().all()) {
        if (!file.problem) {
            continue;
        }
        Flag flag;
        flag.kind = FlagKind::sync;
        flag.severity = severity_of(flag.kind);
        flag.detail = fmt::format(
            "replica {}{} line {}: {}; its later events are not imported (kept sync says more)",
            file.origin,
            file.problem_part > 0 ? fmt::format(" chunk {}", chunk_file_name(file.problem_part))
                                  : "",
            file.problem->line, file.problem->reason);
        report.flags.push_back(std::move(flag));
        added = true;
    }
    if (added) {
        sort_flags(report.flags);
    }
}

/// Feeds `builder`, given the tallies of a ledger that keeps reliability tallied, the open and
/// the delivered commitments and the closed ones late renegotiations concern, instead of every
/// commitment the ledger holds.
void feed_in_parts(Ledger& ledger, const Window& w, ReportBuilder& builder) {
    auto open = [&](const CommitmentFacts& c) { builder.add_open(c); };
    if (w.owner) {
        ledger.reads().for_each_fact(w.owner, true, open); // through the owner index
    } else {
        ledger.reads().for_each_open(open);
    }
    ledger.reads().for_each_delivered(w.owner,
                                      [&](const CommitmentFacts& c) { builder.add_delivered(c); });
    for (std::int64_t id : builder.unseen_late_subjects()) {
        if (auto c = ledger.commitments().find(id)) {
            builder.add_late_subject(facts_of(*c));
        }
    }
}

using FactVisitor = std::function<void(const CommitmentFacts&)>;

/// Builds the report from the ledger: as it stands, or replayed to the end of --as-of. Every
/// commitment's facts also go to `also`, when given (the total of an org roll-up).
Report gather(Context& context, const ReportOptions& o, const FactVisitor& also = {}) {
    const Config& config = context.config();
    Window w = window_of(context, o);
    Date since = w.today - std::chrono::days{late_window_days - 1};
    Ledger ledger = context.open_ledger(OpenMode::read);
    auto feed = [&](ReportBuilder& builder, const CommitmentFacts& c) {
        builder.add(c);
        if (also) {
            also(c);
        }
    };
    if (!w.as_of) {
        std::optional<Report> report;
        ledger.read([&] {
            ReportBuilder builder(config, w.today, w.weeks,
                                  ledger.reads().late_renegotiations(since, w.today), w.owner);
            bool tallied =
                !also && ledger.tallies().for_each_tally(
                             w.owner, [&](const auto& tally) { builder.add_tally(tally); });
            if (tallied) {
                feed_in_parts(ledger, w, builder);
            } else {
                ledger.reads().for_each_fact(w.owner, false,
                                             [&](const CommitmentFacts& c) { feed(builder, c); });
            }
            report = builder.build();
        });
        add_conflict_flags(ledger, w, *report);
        add_sync_flags(ledger, *report);
        return std::move(*report);
    }
    // A commitment without events after --as-of stood then as it stands now: its facts come from
    // the commitments table. Only the others are replayed, from their events up to that day.
    // (verify checks that the table is its events' replay; docs/report.md, "--as-of".)
    HistoryReplay replay(since, w.today);
    EventQuery query;
    query.until = w.today;
    query.changed_after = w.today;
    query.replay_order = true;
    ledger.events().for_each_event(query, [&](const Event& event) { replay.feed(event); });
    std::vector<std::int64_t> changed = ledger.events().commitments_changed_after(w.today);
    ReportBuilder builder(config, w.today, w.weeks,
                          ledger.reads().late_renegotiations(since, w.today), w.owner);
    ledger.reads().for_each_fact(w.owner, false, [&](const CommitmentFacts& c) {
        if (!std::binary_search(changed.begin(), changed.end(), c.id)) {
            feed(builder, c);
        }
    });
    for (const auto& c : replay.facts()) {
        feed(builder, c);
    }
    Report report = builder.build();
    add_conflict_flags(ledger, w, report);
    add_sync_flags(ledger, report);
    return report;
}

/// An org roll-up: each team's report, and a total whose load sums each person's work across
/// the teams (capacity from the first team's config). The total keeps only the flags that need
/// the sum, overload; its commitment ids are left out since ids are local to each ledger.
struct RollUp {
    std::vector<std::pair<std::string, Report>> teams;
    Report total;
};

RollUp gather_roll_up(std::vector<TeamScope>& scopes, const ReportOptions& o) {
    const Config& first = scopes.front().context->config();
    Window w = window_of(*scopes.front().context, o);
    ReportBuilder total(first, w.today, w.weeks, {}, w.owner);
    RollUp out;
    for (auto& scope : scopes) {
        out.teams.emplace_back(scope.name, gather(*scope.context, o, [&](const CommitmentFacts& c) {
                                   CommitmentFacts anonymous = c;
                                   anonymous.id = 0;
                                   total.add(anonymous);
                               }));
    }
    out.total = total.build();
    std::erase_if(out.total.flags, [](const Flag& f) { return f.kind != FlagKind::overload; });
    for (auto& flag : out.total.flags) {
        flag.commitments.clear();
    }
    return out;
}

/// Every flag of a roll-up, each detail naming its team ("all teams" for the total's).
std::vector<Flag> roll_up_flags(const RollUp& roll_up) {
    std::vector<Flag> flags;
    auto take = [&](const std::string& team, const Report& report) {
        for (Flag flag : report.flags) {
            flag.detail = fmt::format("[{}] {}", team, detail_of(flag));
            flags.push_back(std::move(flag));
        }
    };
    for (const auto& [team, report] : roll_up.teams) {
        take(team, report);
    }
    take("all teams", roll_up.total);
    sort_flags(flags);
    return flags;
}

void print_roll_up(Context& context, Format format, const RollUp& roll_up, Section section) {
    if (format == Format::json) {
        nlohmann::ordered_json teams = nlohmann::ordered_json::array();
        for (const auto& [team, report] : roll_up.teams) {
            teams.push_back(report_json(report, team));
        }
        nlohmann::ordered_json out = {{"as_of", format_date(roll_up.total.as_of)},
                                      {"teams", teams},
                                      {"total", report_json(roll_up.total, "all teams")}};
        context.out() << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                      << '\n';
        return;
    }
    if (format != Format::table) {
        throw BadValue(fmt::format("--format: \"{}\" is not one of table, json (a report over "
                                   "several teams)",
                                   context.options().format));
    }
    for (const auto& [team, report] : roll_up.teams) {
        context.out() << fmt::format("=== team {} ===\n", team);
        print_report(context, format, report, section);
        context.out() << '\n';
    }
    context.out() << fmt::format("=== all {} teams: each person's load summed ===\n",
                                 roll_up.teams.size());
    print_report(context, format, roll_up.total, section);
}

/// The flags of these kinds, filtered in place: a big report's flags are not held twice.
std::vector<Flag> fired(std::vector<Flag> flags, const std::vector<FlagKind>& kinds) {
    std::erase_if(flags, [&](const Flag& f) {
        return std::find(kinds.begin(), kinds.end(), f.kind) == kinds.end();
    });
    return flags;
}

std::string joined_kinds(const std::vector<Flag>& flags) {
    std::vector<std::string> names;
    for (const auto& f : flags) {
        std::string name(to_string(f.kind));
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

int run_report(Context& context, const ReportOptions& o) {
    Format format = context.format();
    Section section = parse_section(o.section);
    std::vector<FlagKind> fail_on;
    if (!o.fail_on.empty()) {
        fail_on = parse_flag_kinds(o.fail_on, "--fail-on");
    }
    std::vector<Flag> all_flags;
    if (auto scopes = roll_up_scopes(context); !scopes.empty()) {
        RollUp roll_up = gather_roll_up(scopes, o);
        print_roll_up(context, format, roll_up, section);
        all_flags = roll_up_flags(roll_up);
    } else {
        Report report = gather(context, o);
        print_report(context, format, report, section);
        all_flags = std::move(report.flags);
    }
    auto hits = fired(std::move(all_flags), fail_on);
    if (hits.empty()) {
        return 0;
    }
    context.err() << fmt::format("kept: --fail-on: {} flag{} fired ({})\n", hits.size(),
                                 hits.size() == 1 ? "" : "s", joined_kinds(hits));
    return static_cast<int>(ExitCode::check_failed);
}

int run_check(Context& context, const ReportOptions& o) {
    Format format = context.format();
    std::string list =
        o.kinds.empty() ? "overdue,late,overload" : fmt::format("{}", fmt::join(o.kinds, ","));
    auto kinds = parse_flag_kinds(list, "KINDS");
    auto scopes = roll_up_scopes(context);
    auto hits =
        fired(scopes.empty() ? gather(context, o).flags : roll_up_flags(gather_roll_up(scopes, o)),
              kinds);
    if (hits.empty()) {
        return 0;
    }
    print_flags(context, format, hits);
    return static_cast<int>(ExitCode::check_failed);
}

void add_common(CLI::App& sub, ReportOptions& o) {
    sub.add_option("--owner", o.owner, "Only this owner's commitments");
    sub.add_option("--weeks", o.weeks, "Weeks of load to look at (default [report] weeks, 8)")
        ->type_name("N");
    sub.add_option("--as-of", o.as_of,
                   "Recompute from the events as they stood at the end of this day")
        ->type_name("DATE");
}

} // namespace

Run attach_report(CLI::App& sub) {
    auto o = std::make_shared<ReportOptions>();
    add_common(sub, *o);
    sub.add_option("--fail-on", o->fail_on,
                   "Exit 1 when a flag of these kinds fires: a comma list of overload, creep, "
                   "late, chronic, overdue, risk, internal-neglect, conflict, sync, or any")
        ->type_name("KINDS");
    sub.add_option("--section", o->section,
                   "Print one section: flags, load, reliability, calibration or all (default; csv, "
                   "tsv and "
                   "ndjson print flags)");
    return [o](Context& context) { return run_report(context, *o); };
}

// The kinds of flag, read from the one table of them: name, severity and when each fires.
std::string flag_kinds_help() {
    std::string text = "Flag kinds:\n";
    for (const FlagKindInfo& kind : flag_kind_table()) {
        text +=
            fmt::format("  {:<17} {:<7} {}\n", kind.name, to_string(kind.severity), kind.meaning);
    }
    return text;
}

Run attach_check(CLI::App& sub) {
    auto o = std::make_shared<ReportOptions>();
    // A footer function, so that the example main sets stays under the table.
    sub.footer([] { return flag_kinds_help(); });
    sub.add_option("KINDS", o->kinds,
                   "Flag kinds to check, comma-separated or one per argument (default "
                   "overdue,late,overload; any for all)");
    add_common(sub, *o);
    return [o](Context& context) { return run_check(context, *o); };
}

} // namespace kept::cli
