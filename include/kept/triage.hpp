#pragma once

// Triage: when a member's queue cannot be kept, the fewest commitments to renegotiate so that
// every other one holds, each with a due date the schedule can keep and the last day on which
// talking to its client is still before the date it will miss.

#include "kept/schedule.hpp"

#include <optional>
#include <vector>

namespace kept {

/// One commitment to renegotiate.
struct ToRenegotiate {
    QueuedWork work;              ///< as it stands: its current due date and remaining effort
    std::optional<Date> proposed; ///< a due date the schedule keeps; nullopt: none exists
    std::optional<Date> talk_by;  ///< last_day_to_talk(); nullopt when the date has passed
};

/// The fewest commitments of `queue` that must move so that every other one finishes by its
/// due date (Moore and Hodgson's rule on the member's capacity, which minimises the number of
/// late commitments on one person's queue). Work is taken earliest due first; when adding one
/// makes the work taken so far not fit by its due date, the one with the most remaining
/// effort is set aside, ties going to the later due date, then to the newer promise (higher
/// id). Clients, internal or external, are treated alike.
///
/// The proposed dates are given earliest original due first: each the earliest day the
/// schedule of the work that holds, plus the work already given a new date, keeps with it
/// and with every other commitment on time. Empty when every commitment can be kept.
std::vector<ToRenegotiate> triage(const CapacityLine& line, std::vector<QueuedWork> queue);

} // namespace kept
