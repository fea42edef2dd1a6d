#pragma once

// Due dates that learn from the owner's history: the capacity date of realistic_due, stretched by
// a Monte Carlo over the owner's own delivered commitments (kept when, kept add --due auto).

#include "cli/context.hpp"
#include "kept/calibration.hpp"
#include "kept/when.hpp"

#include <string>

namespace kept::cli {

/// The capacity answer and, when it found a date, the dates met with a confidence.
struct PromisedDue {
    WhenAnswer capacity;      ///< realistic_due: fits the estimate in free capacity
    OwnerCalibration history; ///< the owner's delivered commitments (samples 0 when none)
    ConfidentDates dates;     ///< meaningful only when capacity.due is set
};

/// Parses --confidence (a whole number from 50 to 99); `fallback` when empty. Throws BadValue.
int parse_confidence(const std::string& text, int fallback);

/// The earliest capacity date for `effort` of `owner`'s work from `from`, and the dates the
/// owner's history says are met with `confidence` percent (the capacity date when the history is
/// too short).
PromisedDue promised_due(Context& context, Ledger& ledger, const std::string& owner, Minutes effort,
                         Date from, int confidence);

/// How the date was reached, for people: "80% confidence; 50%: D, 90%: D; capacity alone: D;
/// from 7 delivered commitments" or "not enough history (3 delivered, need 5): capacity-only
/// date".
std::string promised_due_note(const PromisedDue& due);

} // namespace kept::cli
