#include "app/report_page.hpp"

#include "app/forecast.hpp"
#include "kept/capacity.hpp"

#include <algorithm>
#include <map>

namespace kept::app {

namespace {

/// The forecast's lines as the page shows them: by owner, each in the order worked.
std::vector<ForecastRow> forecast_rows(const Forecast& forecast, const Config& config, Date today) {
    std::map<std::string, MemberCalendar> calendars;
    std::vector<ForecastRow> rows;
    std::vector<double> ahead;
    for (const ForecastLine& line : forecast.lines) {
        const OpenCommitment& c = *line.commitment;
        const Projection& p = line.entry.projection;
        auto found = calendars.find(c.owner);
        if (found == calendars.end()) {
            found = calendars.emplace(c.owner, member_calendar(config, c.owner)).first;
        }
        CapacityLine capacity(found->second, today);
        // The day its first minute is done: the work ahead of it fills the days before.
        std::optional<Date> start = p.work.effort > 0 ? capacity.day_done(p.ahead + 1.0) : p.finish;
        ForecastRow row;
        row.id = c.id;
        row.title = c.title;
        row.client = c.client;
        row.owner = c.owner;
        row.start = start.value_or(today);
        row.finish = p.finish;
        row.due = c.due;
        row.slack = line.entry.slack;
        row.on_time_percent = line.entry.on_time_percent;
        row.status = std::string(to_string(line.entry.status));
        row.talk_by = line.entry.talk_by;
        rows.push_back(std::move(row));
        ahead.push_back(p.ahead);
    }
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(rows[a].owner, ahead[a], rows[a].id) <
               std::tie(rows[b].owner, ahead[b], rows[b].id);
    });
    std::vector<ForecastRow> sorted;
    sorted.reserve(rows.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(rows[i]));
    }
    return sorted;
}

} // namespace

ReportPage gather_report_page(Ledger& ledger, const Config& config, const ReportWindow& window) {
    ReportPage page;
    page.team = config.team_name;
    OnTimeByMonth months;
    ledger.read([&] {
        page.report =
            gather_report(ledger, config, window, [&](const CommitmentFacts& c) { months.add(c); });
        if (!window.as_of) {
            ForecastQuery query;
            query.owner = window.owner;
            query.confidence = config.report.confidence;
            page.forecast = forecast_rows(gather_forecast(ledger, config, window.today, query),
                                          config, window.today);
        }
    });
    page.months = months.months(window.today, html_months);
    return page;
}

} // namespace kept::app
