#include "cli/calibrated_due.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/promise_check.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct WhenOptions {
    std::string owner;
    std::string effort;
    std::string from;
    std::string confidence;
};

const std::vector<std::string>& when_fields() {
    static const std::vector<std::string> fields = {"owner",
                                                    "effort_hours",
                                                    "from",
                                                    "due",
                                                    "peak_week",
                                                    "peak_load_hours",
                                                    "peak_capacity_hours",
                                                    "peak_utilization",
                                                    "capacity_date",
                                                    "confidence",
                                                    "p50",
                                                    "p90",
                                                    "calibrated",
                                                    "trials",
                                                    "samples",
                                                    "median_ratio",
                                                    "p80_ratio",
                                                    "p90_ratio"};
    return fields;
}

int run_when(Context& context, const WhenOptions& o) {
    Format format = context.format();
    const Config& config = context.config();
    Date today = context.today();
    std::string owner = o.owner.empty() ? context.actor() : o.owner;
    Minutes effort = parse_effort(o.effort, config.effort_units(), "--effort");
    int confidence = parse_confidence(o.confidence, config.report.confidence);
    Date from = o.from.empty() ? today : parse_date(o.from, today, config.workweek, "--from");
    if (from < today) {
        throw BadValue(fmt::format("--from: \"{}\" is before today ({})", format_date(from),
                                   format_date(today)));
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    PromisedDue promised = promised_due(context, ledger, owner, effort, from, confidence);
    const WhenAnswer& answer = promised.capacity;
    if (!answer.due) {
        throw BadValue(fmt::format("no due date within two years fits {} of work: {}",
                                   format_hours(effort), why_no_date(answer, owner)));
    }
    if (format == Format::table) {
        context.out() << fmt::format("{} ({})\n", format_date(promised.dates.at_confidence),
                                     promised_due_note(promised));
        return 0;
    }
    const WeekLoad& peak = *answer.peak;
    auto round2 = [](double v) { return std::round(v * 100.0) / 100.0; };
    auto u = peak.utilization();
    const OwnerCalibration& history = promised.history;
    auto ratio = [&](double v) { // null without any delivered commitment
        return history.samples > 0 ? nlohmann::ordered_json(round2(v))
                                   : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json record = {
        {"owner", owner},
        {"effort_hours", round2(static_cast<double>(effort) / 60.0)},
        {"from", format_date(from)},
        {"due", format_date(promised.dates.at_confidence)},
        {"peak_week", format_iso_week(peak.week)},
        {"peak_load_hours", round2(peak.load_minutes / 60.0)},
        {"peak_capacity_hours", round2(peak.capacity_minutes / 60.0)},
        {"peak_utilization", u ? nlohmann::ordered_json(std::round(*u * 10.0) / 10.0)
                               : nlohmann::ordered_json(nullptr)},
        {"capacity_date", format_date(promised.dates.capacity)},
        {"confidence", promised.dates.confidence},
        {"p50", format_date(promised.dates.p50)},
        {"p90", format_date(promised.dates.p90)},
        {"calibrated", promised.dates.calibrated},
        {"trials", promised.dates.trials},
        {"samples", history.samples},
        {"median_ratio", ratio(history.median)},
        {"p80_ratio", ratio(history.p80)},
        {"p90_ratio", ratio(history.p90)},
    };
    print_records(context, format, {record}, when_fields(), {});
    return 0;
}

} // namespace

Run attach_when(CLI::App& sub) {
    auto o = std::make_shared<WhenOptions>();
    sub.add_option("--owner", o->owner, "Whose capacity (default: you)");
    sub.add_option("--effort", o->effort, "Effort of the new work: 90m, 6h, 1.5d, 1w")->required();
    sub.add_option("--from", o->from, "When the work can start (default today)")->type_name("DATE");
    sub.add_option("--confidence", o->confidence,
                   "Percent chance the date is met, from the owner's delivered history: 50 to 99 "
                   "(default [report] confidence, 80)")
        ->type_name("P");
    return [o](Context& context) { return run_when(context, *o); };
}

} // namespace kept::cli
