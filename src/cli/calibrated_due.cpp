#include "cli/calibrated_due.hpp"

#include "cli/promise_check.hpp"
#include "kept/error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace kept::cli {

int parse_confidence(const std::string& text, int fallback) {
    if (text.empty()) {
        return fallback;
    }
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 50 || value > 99) {
        throw BadValue(
            fmt::format("--confidence: \"{}\" is not a whole number from 50 to 99", text));
    }
    return value;
}

PromisedDue promised_due(Context& context, Ledger& ledger, const std::string& owner, Minutes effort,
                         Date from, int confidence) {
    const WorkWeek& workweek = context.config().workweek;
    PromisedDue out;
    out.capacity = realistic_due(context, ledger, owner, effort, from);
    Calibrator calibrator(workweek);
    ledger.for_each_delivered(owner, [&](const CommitmentFacts& c) { calibrator.add(c); });
    auto owners = std::move(calibrator).build();
    if (auto it = owners.find(owner); it != owners.end()) {
        out.history = std::move(it->second);
    }
    out.history.owner = owner;
    if (out.capacity.due) {
        out.dates = confident_dates(from, *out.capacity.due, out.history, confidence, workweek);
    }
    return out;
}

std::string promised_due_note(const PromisedDue& due) {
    const ConfidentDates& d = due.dates;
    if (!d.calibrated) {
        return fmt::format("not enough history ({} delivered, need {}): capacity-only date",
                           due.history.samples, calibration_min_samples);
    }
    return fmt::format("{}% confidence; 50%: {}, 90%: {}; capacity alone: {}; from {} delivered "
                       "commitment{}",
                       d.confidence, format_date(d.p50), format_date(d.p90),
                       format_date(d.capacity), due.history.samples,
                       due.history.samples == 1 ? "" : "s");
}

} // namespace kept::cli
