#include "app/owner_queues.hpp"

#include <algorithm>
#include <map>

namespace kept::app {

std::vector<QueuedWork> OwnerQueue::work() const {
    std::vector<QueuedWork> out;
    out.reserve(commitments.size());
    for (const OpenCommitment* c : commitments) {
        out.push_back({c->id, c->due, c->effort});
    }
    return out;
}

const OpenCommitment& OwnerQueue::find(std::int64_t id) const {
    auto at = std::lower_bound(commitments.begin(), commitments.end(), id,
                               [](const OpenCommitment* c, std::int64_t i) { return c->id < i; });
    return **at;
}

std::vector<OwnerQueue> owner_queues(const std::vector<OpenCommitment>& open) {
    std::map<std::string, std::vector<const OpenCommitment*>> by_owner;
    for (const OpenCommitment& c : open) {
        by_owner[c.owner].push_back(&c);
    }
    std::vector<OwnerQueue> out;
    out.reserve(by_owner.size());
    for (auto& [owner, mine] : by_owner) {
        std::sort(mine.begin(), mine.end(), [](auto* a, auto* b) { return a->id < b->id; });
        out.push_back({owner, std::move(mine)});
    }
    return out;
}

} // namespace kept::app
