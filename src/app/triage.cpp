#include "app/triage.hpp"

#include "app/owner_queues.hpp"
#include "kept/capacity.hpp"

namespace kept::app {

std::vector<TriageLine> gather_triage(Ledger& ledger, const Config& config, Date today,
                                      const std::optional<std::string>& owner) {
    std::vector<OpenCommitment> open;
    ledger.read([&] { open = ledger.reads().open_commitments(owner); });
    std::vector<TriageLine> out;
    for (const OwnerQueue& queue : owner_queues(open)) {
        MemberCalendar calendar = member_calendar(config, queue.owner);
        CapacityLine line(calendar, today);
        for (ToRenegotiate& r : triage(line, queue.work())) {
            out.push_back({queue.find(r.work.id), std::move(r)});
        }
    }
    return out;
}

} // namespace kept::app
