#include "app/forecast.hpp"

#include "app/owner_queues.hpp"
#include "kept/capacity.hpp"
#include "kept/evidence.hpp"
#include "kept/schedule.hpp"

#include <algorithm>

namespace kept::app {

Forecast gather_forecast(Ledger& ledger, const Config& config, Date today,
                         const ForecastQuery& query) {
    Forecast out;
    std::vector<OpenCommitment>& open = out.open;
    std::vector<ForecastLine>& lines = out.lines;
    ledger.read([&] {
        // An owner's whole queue decides each of their commitments' finish, whatever the
        // filters show.
        open = ledger.reads().open_commitments(query.owner);
        AccuracyHistory history;
        ledger.reads().for_each_delivered(
            std::nullopt, [&](const CommitmentFacts& c) { history.add(c); }, false);
        for (const OwnerQueue& queue : owner_queues(open)) {
            MemberCalendar calendar = member_calendar(config, queue.owner);
            CapacityLine line(calendar, today);
            std::vector<Projection> schedule = project(line, queue.work());
            AccuracyRatios ratios = history.for_owner(queue.owner);
            for (ForecastEntry& e :
                 forecast(line, schedule, ratios, queue.owner, query.confidence)) {
                const OpenCommitment* c = &queue.find(e.projection.work.id);
                if ((query.client && c->client != *query.client) ||
                    (query.due_by && c->due > *query.due_by)) {
                    continue;
                }
                lines.push_back({c, std::move(e)});
            }
        }
    });
    std::sort(lines.begin(), lines.end(), [](const ForecastLine& a, const ForecastLine& b) {
        return worse_than(a.entry, b.entry);
    });
    return out;
}

} // namespace kept::app
