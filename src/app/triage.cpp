#include "app/triage.hpp"

#include "kept/capacity.hpp"

#include <algorithm>
#include <map>

namespace kept::app {

std::vector<TriageLine> gather_triage(Ledger& ledger, const Config& config, Date today,
                                      const std::optional<std::string>& owner) {
    std::vector<OpenCommitment> open;
    ledger.read([&] { open = ledger.reads().open_commitments(owner); });
    std::map<std::string, std::vector<const OpenCommitment*>> by_owner;
    for (const OpenCommitment& c : open) {
        by_owner[c.owner].push_back(&c);
    }
    std::vector<TriageLine> out;
    for (auto& [name, mine] : by_owner) {
        MemberCalendar calendar = member_calendar(config, name);
        CapacityLine line(calendar, today);
        std::vector<QueuedWork> queue;
        queue.reserve(mine.size());
        for (const OpenCommitment* c : mine) {
            queue.push_back({c->id, c->due, c->effort});
        }
        std::sort(mine.begin(), mine.end(), [](auto* a, auto* b) { return a->id < b->id; });
        for (Renegotiation& r : triage(line, std::move(queue))) {
            auto at = std::lower_bound(
                mine.begin(), mine.end(), r.work.id,
                [](const OpenCommitment* c, std::int64_t id) { return c->id < id; });
            out.push_back({**at, std::move(r)});
        }
    }
    return out;
}

} // namespace kept::app
