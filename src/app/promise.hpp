#pragma once

// Promise only what is doable: the earliest doable and confident due dates that `kept when` and
// `kept add --due auto` give, and the warnings (or, strict, refusals) of add and renegotiate. All
// of it is the schedule's answer on the owner's open work as the ledger holds it.

#include "kept/config.hpp"
#include "kept/evidence.hpp"
#include "kept/ledger.hpp"
#include "kept/schedule.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kept::app {

/// The accuracy ratios `owner`'s Monte Carlo draws from: their own, the team's, or the prior.
AccuracyRatios accuracy_of(Ledger& ledger, const std::string& owner);

/// What `kept when` answers for new work.
struct PromisedDue {
    bool no_capacity = false;
    std::optional<Date> capacity_date; ///< the schedule's earliest doable date
    Date due{};                        ///< met with `confidence` percent (>= capacity_date)
    Date p50{};
    Date p90{};
    int confidence = 80;
    int trials = 0;
    AccuracyRatios ratios;
    /// The owner's commitments the schedule finishes late, with their slack (working days).
    struct Late {
        Projection projection;
        std::optional<int> slack; ///< unset: never finishes
    };
    std::vector<Late> already_late;
};

/// The dates for `effort` minutes of `owner`'s work that cannot start before `from`, the
/// schedule starting `today`. `ledger` may be null: no work yet. Throws BadValue when no date
/// exists (no capacity at all).
PromisedDue promised_due(const Config& config, Date today, Ledger* ledger, const std::string& owner,
                         Minutes effort, Date from, int confidence);

/// How the date was reached, for people: "80% confidence from alice's 7 delivered commitments;
/// 50%: D, 90%: D; the schedule alone: D".
std::string promised_due_note(const PromisedDue& due);

/// Lines naming the owner's work the schedule already finishes late ("#3 due 2026-12-02
/// finishes 2026-12-04 (2 working days late)"), at most `limit` of them and "and N more".
std::vector<std::string> already_late_lines(const PromisedDue& due, std::size_t limit = 5);

/// What the schedule says of replacing `before` (null for a new commitment) by `after`.
struct PromiseCheck {
    /// Each commitment the change makes late or later, and a due date on a day the owner does
    /// not work.
    std::vector<std::string> warnings;
    /// The schedule's finish for `after` once changed (unset: it never finishes, or is closed).
    std::optional<Date> finish;
};

/// Checks replacing `before` by `after` (with its id; the ledger may still hold `before`). With
/// `strict`, a change that makes anything late throws BadValue instead (the caller's transaction
/// rolls back). `today` starts the schedule.
PromiseCheck check_promise(const Config& config, Date today, Ledger& ledger,
                           const Commitment* before, const Commitment& after, bool strict);

/// The warning for an owner named with --owner who is not a member but clearly means one:
/// `"bbo" is not a member (did you mean "bob"?)` (not_a_member in kept/owners.hpp). With
/// `strict`, throws BadValue instead, before anything is written.
std::optional<std::string> owner_warning(const Config& config, const std::string& owner,
                                         bool strict);

} // namespace kept::app
