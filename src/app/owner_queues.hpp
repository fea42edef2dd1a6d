#pragma once

// The open commitments grouped into each owner's queue: what the forecast and triage schedule,
// with the commitment behind each piece of queued work.

#include "kept/ledger.hpp"
#include "kept/schedule.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kept::app {

/// One owner's open commitments.
struct OwnerQueue {
    std::string owner;
    std::vector<const OpenCommitment*> commitments; ///< in id order

    /// The queue as the schedule reads it (id, due date, remaining effort).
    std::vector<QueuedWork> work() const;
    /// The commitment of id `id`, which must be in the queue.
    const OpenCommitment& find(std::int64_t id) const;
};

/// `open` grouped by owner, in owner order. The queues point into `open`.
std::vector<OwnerQueue> owner_queues(const std::vector<OpenCommitment>& open);

} // namespace kept::app
