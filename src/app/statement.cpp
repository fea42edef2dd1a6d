#include "app/statement.hpp"

#include "app/forecast.hpp"
#include "kept/error.hpp"
#include "kept/suggest.hpp"

#include <fmt/format.h>
#include <set>

namespace kept::app {

namespace {

[[noreturn]] void no_such_client(Ledger& ledger, const std::string& client) {
    ListFilter all;
    all.states = ListFilter::States::all;
    std::set<std::string> known;
    for (const Commitment& c : ledger.commitments().list(all)) {
        known.insert(c.client);
    }
    std::vector<std::string> names(known.begin(), known.end());
    auto meant = closest_name(client, names);
    throw BadValue(fmt::format("--client: no commitment has client \"{}\"{}", client,
                               meant ? fmt::format(" (did you mean \"{}\"?)", *meant) : ""));
}

} // namespace

Statement gather_statement(Ledger& ledger, const Config& config, Date today,
                           const std::string& client, std::optional<Date> since) {
    std::vector<Commitment> commitments;
    std::map<std::int64_t, std::vector<Event>> events;
    std::map<std::int64_t, StatementForecast> forecasts;
    ledger.read([&] {
        ListFilter filter;
        filter.clients = {client};
        filter.states = ListFilter::States::all;
        commitments = ledger.commitments().list(filter);
        if (commitments.empty()) {
            no_such_client(ledger, client);
        }
        for (const Commitment& c : commitments) {
            EventQuery query;
            query.commitment_id = c.id;
            query.replay_order = true;
            ledger.events().for_each_event(query,
                                           [&](const Event& e) { events[c.id].push_back(e); });
        }
        ForecastQuery query;
        query.client = client;
        query.confidence = config.report.confidence;
        Forecast forecast = gather_forecast(ledger, config, today, query);
        for (const ForecastLine& line : forecast.lines) {
            const Projection& p = line.entry.projection;
            forecasts[p.work.id] = {p.finish, line.entry.on_time_percent,
                                    std::string(to_string(line.entry.status))};
        }
    });
    Statement statement =
        make_statement(config.team_name, client, commitments, events, forecasts, since, today);
    statement.currency = config.currency;
    return statement;
}

} // namespace kept::app
