#pragma once

// Promising only what is doable: the earliest due date new work fits by, and whether a new or
// changed commitment overloads its owner.

#include "kept/load.hpp"

#include <optional>
#include <span>

namespace kept {

/// A week that a change leaves over capacity × overload_ratio with more load than before.
struct OverloadHit {
    WeekLoad week; ///< the week's load after the change
};

/// The first week in which replacing `before` by `after` (either may be null: an added or a
/// handed-over commitment) leaves the owner over capacity × `ratio` with more load than before
/// the change. `others` are the owner's other open commitments. nullopt when no week is.
std::optional<OverloadHit> overload_caused(const MemberCalendar& calendar,
                                           std::span<const CommitmentFacts> others,
                                           const CommitmentFacts* before,
                                           const CommitmentFacts* after, Date today, double ratio);

/// What earliest_due found.
struct WhenAnswer {
    std::optional<Date> due;      ///< the earliest due date; nullopt when none was found
    std::optional<WeekLoad> peak; ///< with `due`: the busiest week the work touches, with it added
    /// Without `due`: a week already at or over capacity × ratio that the work cannot avoid.
    std::optional<WeekLoad> blocked_by;
    /// With `blocked_by`: the Monday after it, where a later start may find room.
    std::optional<Date> retry_from;
    bool no_capacity = false; ///< the member has no capacity at all
};

/// How far earliest_due looks: two years.
constexpr int when_search_days = 731;

/// The earliest date D ≥ max(from, today) such that `effort` minutes spread evenly over the
/// member's available days from max(from, today) to D keeps every week it touches within
/// capacity × `ratio`, given the load of `open` (the member's open commitments). Looks
/// `search_days` ahead.
WhenAnswer earliest_due(const MemberCalendar& calendar, std::span<const CommitmentFacts> open,
                        Minutes effort, Date from, Date today, double ratio,
                        int search_days = when_search_days);

} // namespace kept
