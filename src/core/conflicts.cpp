#include "kept/conflicts.hpp"

#include <algorithm>
#include <set>

namespace kept {

void ConflictFinder::feed(const Event& event) {
    if (event.kind == EventKind::added) {
        return;
    }
    auto base = event.payload.find("base");
    if (base == event.payload.end() || !base->is_string() || base->get<std::string>().empty()) {
        return;
    }
    by_base_[{event.commitment_uuid, base->get<std::string>()}].push_back(
        {event.uuid, event.origin, event.actor, event.clock});
}

std::vector<Conflict> ConflictFinder::conflicts() const {
    std::vector<Conflict> out;
    for (auto [key, changes] : by_base_) {
        std::set<std::string> origins;
        for (const auto& change : changes) {
            origins.insert(change.origin);
        }
        if (origins.size() < 2) {
            continue;
        }
        std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
            return a.clock != b.clock ? a.clock < b.clock : a.origin < b.origin;
        });
        Conflict conflict{key.first, key.second, {}, {}};
        for (const auto& change : changes) {
            conflict.events.push_back(change.uuid);
            conflict.actors.push_back(change.actor);
        }
        out.push_back(std::move(conflict));
    }
    return out;
}

} // namespace kept
