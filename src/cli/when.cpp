#include "app/promise.hpp"
#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/output.hpp"
#include "kept/calibration.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
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
    static const std::vector<std::string> fields = {
        "owner",        "effort_hours", "from",      "due",         "capacity_date", "confidence",
        "p50",          "p90",          "ratios",    "calibrated",  "trials",        "samples",
        "median_ratio", "p80_ratio",    "p90_ratio", "already_late"};
    return fields;
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

nlohmann::ordered_json late_records(const app::PromisedDue& due) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& [p, slack] : due.already_late) {
        out.push_back({{"id", p.work.id},
                       {"due", format_date(p.work.due)},
                       {"finish", date_or_null(p.finish)},
                       {"slack_days",
                        slack ? nlohmann::ordered_json(*slack) : nlohmann::ordered_json(nullptr)}});
    }
    return out;
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
    // No ledger yet is no work yet: the answer is the owner's calendar alone.
    std::optional<Ledger> ledger;
    if (std::filesystem::exists(context.ledger_path())) {
        ledger.emplace(context.open_ledger(OpenMode::read));
    }
    app::PromisedDue promised = app::promised_due(
        config, context.today(), ledger ? &*ledger : nullptr, owner, effort, from, confidence);
    if (format == Format::table) {
        context.out() << fmt::format("{} ({})\n", format_day(promised.due),
                                     app::promised_due_note(promised));
        auto late = app::already_late_lines(promised);
        if (!late.empty()) {
            context.out() << fmt::format("{}'s work already late: {}\n", owner,
                                         fmt::join(late, "; "));
        }
        return 0;
    }
    const AccuracyRatios& ratios = promised.ratios;
    auto ratio = [&](double p) { return round2(percentile(ratios.values, p)); };
    nlohmann::ordered_json record = {
        {"owner", owner},
        {"effort_hours", round2(static_cast<double>(effort) / 60.0)},
        {"from", format_date(from)},
        {"due", format_date(promised.due)},
        {"capacity_date", format_date(*promised.capacity_date)},
        {"confidence", promised.confidence},
        {"p50", format_date(promised.p50)},
        {"p90", format_date(promised.p90)},
        {"ratios", to_string(ratios.source)},
        {"calibrated", ratios.source != RatioSource::prior},
        {"trials", promised.trials},
        {"samples", ratios.samples},
        {"median_ratio", ratio(50)},
        {"p80_ratio", ratio(80)},
        {"p90_ratio", ratio(90)},
        {"already_late", late_records(promised)},
    };
    print_records(context, format, {record}, when_fields(), {});
    return 0;
}

} // namespace

Run attach_when(CLI::App& sub) {
    auto o = std::make_shared<WhenOptions>();
    sub.add_option("--owner", o->owner, "Whose schedule (default: you)");
    sub.add_option("--effort", o->effort, "Effort of the new work: 90m, 6h, 1.5d, 1w")->required();
    sub.add_option("--from", o->from,
                   "The work cannot start before this day (default today); never makes the "
                   "answer earlier")
        ->type_name("DATE");
    sub.add_option("--confidence", o->confidence,
                   "Percent chance the date is met, from the owner's accuracy history: 50 to 99 "
                   "(default [report] confidence, 80)")
        ->type_name("P");
    return [o](Context& context) { return run_when(context, *o); };
}

} // namespace kept::cli
