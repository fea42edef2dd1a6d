#include "app/digest.hpp"

#include "app/forecast.hpp"
#include "app/report.hpp"
#include "app/triage.hpp"

#include <set>

namespace kept::app {

namespace {

DigestTalkItem item_of(const OpenCommitment& c, const ForecastEntry& e) {
    DigestTalkItem item{c.owner, c.client, c.client_kind, {}};
    DigestTalk& t = item.talk;
    t.id = c.id;
    t.uuid = c.uuid;
    t.title = c.title;
    t.due = c.due;
    t.effort = c.effort;
    t.finish = e.projection.finish;
    t.slack = e.slack;
    t.status = e.status;
    t.talk_by = e.talk_by;
    return item;
}

/// The forecast's commitments that will miss and triage's, each once.
std::vector<DigestTalkItem> talk_items(const Forecast& forecast,
                                       const std::vector<TriageLine>& triaged) {
    std::map<std::int64_t, const ForecastLine*> by_id;
    std::vector<DigestTalkItem> out;
    for (const ForecastLine& line : forecast.lines) {
        by_id[line.commitment->id] = &line;
        if (line.entry.status == ForecastStatus::will_miss) {
            out.push_back(item_of(*line.commitment, line.entry));
        }
    }
    for (const TriageLine& line : triaged) {
        const ForecastLine* f = by_id.at(line.commitment.id);
        DigestTalkItem item = item_of(line.commitment, f->entry);
        item.talk.talk_by = line.renegotiation.talk_by;
        item.talk.triaged = true;
        item.talk.proposed = line.renegotiation.proposed;
        item.talk.command = renegotiate_command(line);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

Digest gather_digest(Ledger& ledger, const Config& config, Date since, Date today, int weeks) {
    Digest digest;
    digest.team = config.team_name;
    digest.since = since;
    digest.until = today;
    digest.weeks = weeks;
    ledger.read([&] {
        digest.ledger_empty = ledger.events().event_count() == 0;
        std::vector<Event> events;
        EventQuery query;
        query.since = since;
        query.until = today;
        query.replay_order = true;
        ledger.events().for_each_event(query, [&](const Event& e) { events.push_back(e); });
        std::map<std::int64_t, Commitment> commitments;
        for (const Event& e : events) {
            if (commitments.count(e.commitment_id) == 0) {
                if (auto c = ledger.commitments().find(e.commitment_id)) {
                    commitments.emplace(e.commitment_id, std::move(*c));
                }
            }
        }
        add_period_events(digest, config, events, commitments);

        ForecastQuery forecast_query;
        forecast_query.confidence = config.report.confidence;
        Forecast forecast = gather_forecast(ledger, config, today, forecast_query);
        digest.talk =
            talk_groups(talk_items(forecast, gather_triage(ledger, config, today, std::nullopt)));

        ReportWindow window;
        window.today = today;
        window.weeks = weeks;
        Report report = gather_report(ledger, config, window);
        digest.overload_ratio = report.overload_ratio;
        digest.horizon = std::move(report.horizon);
        digest.load = std::move(report.load);
    });
    return digest;
}

} // namespace kept::app
