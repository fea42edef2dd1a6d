#include "app/forecast.hpp"

#include "kept/capacity.hpp"
#include "kept/evidence.hpp"
#include "kept/schedule.hpp"

#include <algorithm>
#include <map>

namespace kept::app {

Forecast gather_forecast(Ledger& ledger, const Config& config, Date today,
                         const ForecastQuery& query) {
    Forecast out;
    std::vector<OpenCommitment>& open = out.open;
    std::map<std::string, std::vector<const OpenCommitment*>> by_owner;
    std::vector<ForecastLine>& lines = out.lines;
    ledger.read([&] {
        // An owner's whole queue decides each of their commitments' finish, whatever the
        // filters show.
        open = ledger.reads().open_commitments(query.owner);
        for (const OpenCommitment& c : open) {
            by_owner[c.owner].push_back(&c);
        }
        AccuracyHistory history;
        ledger.reads().for_each_delivered(
            std::nullopt, [&](const CommitmentFacts& c) { history.add(c); }, false);
        for (auto& [owner, mine] : by_owner) {
            MemberCalendar calendar = member_calendar(config, owner);
            CapacityLine line(calendar, today);
            std::vector<QueuedWork> queue;
            queue.reserve(mine.size());
            for (const OpenCommitment* c : mine) {
                queue.push_back({c->id, c->due, c->effort});
            }
            std::sort(mine.begin(), mine.end(), [](auto* a, auto* b) { return a->id < b->id; });
            std::vector<Projection> schedule = project(line, std::move(queue));
            AccuracyRatios ratios = history.for_owner(owner);
            for (ForecastEntry& e : forecast(line, schedule, ratios, owner, query.confidence)) {
                auto at = std::lower_bound(
                    mine.begin(), mine.end(), e.projection.work.id,
                    [](const OpenCommitment* c, std::int64_t id) { return c->id < id; });
                const OpenCommitment* c = *at;
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
