#include "app/report.hpp"
#include "app/report_page.hpp"
#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/report_view.hpp"
#include "kept/error.hpp"
#include "kept/owners.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <ostream>
#include <span>

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

/// The window of --as-of, --weeks and --owner, with defaults from this context's config.
app::ReportWindow window_of(Context& context, const ReportOptions& o) {
    const Config& config = context.config();
    app::ReportWindow w;
    w.weeks = parse_weeks(o.weeks, config.report.weeks);
    if (!o.as_of.empty()) {
        w.as_of = parse_past_date(o.as_of, context.today(), config.workweek, "--as-of");
    }
    if (!o.owner.empty()) {
        w.owner = o.owner;
    }
    w.today = w.as_of.value_or(context.today());
    return w;
}

/// The report of this context's ledger.
Report gather(Context& context, const ReportOptions& o) {
    const Config& config = context.config();
    app::ReportWindow w = window_of(context, o);
    Ledger ledger = context.open_ledger(OpenMode::read);
    if (w.owner) {
        warn_unmatched_owners(context, std::span(&*w.owner, 1), ledger.commitments().owners(),
                              context.format() != Format::table);
    }
    return app::gather_report(ledger, config, w);
}

/// The roll-up of every team named, each read from its ledger in turn.
app::RollUp gather_roll_up(std::vector<TeamScope>& scopes, const ReportOptions& o) {
    app::RollUpBuilder builder(scopes.front().context->config(),
                               window_of(*scopes.front().context, o));
    std::vector<std::string> known;
    for (auto& scope : scopes) {
        const Config& config = scope.context->config();
        app::ReportWindow w = window_of(*scope.context, o);
        Ledger ledger = scope.context->open_ledger(OpenMode::read);
        if (w.owner) {
            auto owners = ledger.commitments().owners();
            auto members = member_names(config);
            known.insert(known.end(), owners.begin(), owners.end());
            known.insert(known.end(), members.begin(), members.end());
        }
        builder.add_team(scope.name, ledger, config, w);
    }
    if (!o.owner.empty()) {
        warn_unmatched_owners(*scopes.front().context, std::span(&o.owner, 1), known,
                              scopes.front().context->format() != Format::table);
    }
    return std::move(builder).build();
}

void print_roll_up(Context& context, Format format, const app::RollUp& roll_up, Section section) {
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

/// The report as one HTML page: one ledger, every section.
int run_report_html(Context& context, const ReportOptions& o) {
    if (!roll_up_scopes(context).empty()) {
        throw BadValue("--format: \"html\" shows one team's report; a report over several "
                       "teams is one of table, json");
    }
    if (o.section != "all") {
        throw BadValue(fmt::format("--section: \"{}\" with --format html: the page shows "
                                   "every section",
                                   o.section));
    }
    std::vector<FlagKind> fail_on;
    if (!o.fail_on.empty()) {
        fail_on = parse_flag_kinds(o.fail_on, "--fail-on");
    }
    app::ReportWindow w = window_of(context, o);
    ReportPage page;
    {
        Ledger ledger = context.open_ledger(OpenMode::read);
        if (w.owner) {
            warn_unmatched_owners(context, std::span(&*w.owner, 1), ledger.commitments().owners(),
                                  false);
        }
        page = app::gather_report_page(ledger, context.config(), w);
    }
    context.out() << report_html(page);
    auto hits = app::fired(std::move(page.report.flags), fail_on);
    if (hits.empty()) {
        return 0;
    }
    context.err() << fmt::format("kept: --fail-on: {} flag{} fired ({})\n", hits.size(),
                                 hits.size() == 1 ? "" : "s", app::joined_kinds(hits));
    return static_cast<int>(ExitCode::check_failed);
}

int run_report(Context& context, const ReportOptions& o) {
    if (context.options().format == "html") {
        return run_report_html(context, o);
    }
    if (!util::in_comma_list("table,json,ndjson,csv,tsv", context.options().format)) {
        throw BadValue(fmt::format("--format: \"{}\" is not one of table, json, ndjson, csv, "
                                   "tsv, html",
                                   context.options().format));
    }
    Format format = context.format();
    Section section = parse_section(o.section);
    std::vector<FlagKind> fail_on;
    if (!o.fail_on.empty()) {
        fail_on = parse_flag_kinds(o.fail_on, "--fail-on");
    }
    FlagList all_flags;
    if (auto scopes = roll_up_scopes(context); !scopes.empty()) {
        app::RollUp roll_up = gather_roll_up(scopes, o);
        print_roll_up(context, format, roll_up, section);
        all_flags = app::roll_up_flags(roll_up);
    } else {
        Report report = gather(context, o);
        print_report(context, format, report, section);
        all_flags = std::move(report.flags);
    }
    auto hits = app::fired(std::move(all_flags), fail_on);
    if (hits.empty()) {
        return 0;
    }
    context.err() << fmt::format("kept: --fail-on: {} flag{} fired ({})\n", hits.size(),
                                 hits.size() == 1 ? "" : "s", app::joined_kinds(hits));
    return static_cast<int>(ExitCode::check_failed);
}

// What `kept check` looks for when given no kinds: what a cron job should mail about.
constexpr std::string_view default_check_kinds = "overdue,late,overload,heads-up";

// Every kind's name, in the table's order.
std::vector<std::string_view> flag_kind_names() {
    std::vector<std::string_view> names;
    for (const FlagKindInfo& kind : flag_kind_table()) {
        names.push_back(kind.name);
    }
    return names;
}

int run_check(Context& context, const ReportOptions& o) {
    Format format = context.format();
    std::string list = o.kinds.empty() ? std::string(default_check_kinds)
                                       : fmt::format("{}", fmt::join(o.kinds, ","));
    auto kinds = parse_flag_kinds(list, "KINDS");
    auto scopes = roll_up_scopes(context);
    auto hits = app::fired(scopes.empty() ? gather(context, o).flags
                                          : app::roll_up_flags(gather_roll_up(scopes, o)),
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
                   "Recompute from the events as they stood at the end of this day: YYYY-MM-DD, "
                   "today, yesterday, -3d, -2w, last fri, or a weekday: the most recent one")
        ->type_name("DATE");
}

} // namespace

Run attach_report(CLI::App& sub) {
    auto o = std::make_shared<ReportOptions>();
    add_common(sub, *o);
    sub.add_option(
           "--fail-on", o->fail_on,
           fmt::format("Exit 1 when a flag of these kinds fires: a comma list of {}, or any",
                       fmt::join(flag_kind_names(), ", ")))
        ->type_name("KINDS");
    sub.add_option("--section", o->section,
                   "Print one section: flags, load, reliability, calibration or all (default; csv, "
                   "tsv and "
                   "ndjson print flags)");
    return [o](Context& context) { return run_report(context, *o); };
}

// check's notes: the kinds of flag, read from the one table of them: name, severity and when
// each fires.
std::string check_notes() {
    std::string text = "Flag kinds:\n";
    for (const FlagKindInfo& kind : flag_kind_table()) {
        text +=
            fmt::format("  {:<17} {:<7} {}\n", kind.name, to_string(kind.severity), kind.meaning);
    }
    return text;
}

Run attach_check(CLI::App& sub) {
    auto o = std::make_shared<ReportOptions>();
    sub.add_option("KINDS", o->kinds,
                   fmt::format("Flag kinds to check, comma-separated or one per argument "
                               "(default {}; any for all)",
                               default_check_kinds));
    add_common(sub, *o);
    return [o](Context& context) { return run_check(context, *o); };
}

} // namespace kept::cli
