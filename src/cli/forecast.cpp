#include "app/forecast.hpp"
#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/output.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>

namespace kept::cli {

namespace {

using Json = nlohmann::ordered_json;

struct ForecastOptions {
    std::string owner;
    std::string client;
    std::string weeks;
    std::string confidence;
};

using Line = app::ForecastLine;

const std::vector<std::string>& forecast_fields() {
    static const std::vector<std::string> fields = {
        "id",           "uuid",   "title",      "client",          "client_kind", "owner",  "due",
        "effort_hours", "finish", "slack_days", "on_time_percent", "status",      "talk_by"};
    return fields;
}

/// Fills `record` (with the keys of forecast_fields(), in order) with `line`'s values in place:
/// a forecast prints one per open commitment, and building each anew costs more than the rest.
void refill(Json& record, const Line& line) {
    const OpenCommitment& c = *line.commitment;
    const ForecastEntry& e = line.entry;
    auto value = record.begin();
    *value++ = c.id;
    *value++ = c.uuid;
    *value++ = c.title;
    *value++ = c.client;
    *value++ = to_string(c.client_kind);
    *value++ = c.owner;
    *value++ = format_date(c.due);
    *value++ = hours_value(c.effort);
    *value++ = date_or_null(e.projection.finish);
    *value++ = e.slack ? Json(*e.slack) : Json(nullptr);
    *value++ = std::round(e.on_time_percent * 10.0) / 10.0;
    *value++ = to_string(e.status);
    *value = date_or_null(e.talk_by);
}

/// The record of `line`: the fields of forecast_fields(), in their order.
Json record_of(const Line& line) {
    Json record = Json::object();
    for (const std::string& field : forecast_fields()) {
        record[field] = nullptr;
    }
    refill(record, line);
    return record;
}

Style style_of(ForecastStatus status) {
    switch (status) {
    case ForecastStatus::will_miss:
        return Style::red;
    case ForecastStatus::at_risk:
        return Style::yellow;
    case ForecastStatus::on_track:
        return Style::green;
    }
    return Style::plain;
}

TextTable table_of(const std::vector<Line>& lines) {
    TextTable table;
    table.headers = {"ID",    "OWNER",   "CLIENT", "DUE",     "FINISH",
                     "SLACK", "ON TIME", "STATUS", "TALK BY", "TITLE"};
    table.right_aligned = {true, false, false, false, false, true, true};
    table.cuttable = {false, false, true, false, false, false, false, false, false, true};
    for (const Line& line : lines) {
        const OpenCommitment& c = *line.commitment;
        const ForecastEntry& e = line.entry;
        Style style = style_of(e.status);
        table.rows.push_back({
            {fmt::format("#{}", c.id)},
            {c.owner},
            {c.client},
            {format_day(c.due)},
            {e.projection.finish ? format_day(*e.projection.finish) : std::string("never")},
            {e.slack ? fmt::format("{:+}", *e.slack) : std::string("-")},
            {fmt::format("{:.0f}%", e.on_time_percent)},
            {std::string(to_string(e.status)), style},
            {e.talk_by ? format_day(*e.talk_by) : std::string("-")},
            {c.title},
        });
    }
    return table;
}

int run_forecast(Context& context, const ForecastOptions& o) {
    Format format = context.format();
    const Config& config = context.config();
    const Date today = context.today();
    int confidence = parse_confidence(o.confidence, config.report.confidence);
    std::optional<Date> due_by;
    if (!o.weeks.empty()) {
        int weeks = parse_weeks(o.weeks, 0);
        due_by = monday_on_or_before(today) + std::chrono::days{7 * weeks - 1};
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    app::ForecastQuery query;
    query.owner = o.owner.empty() ? std::nullopt : std::optional<std::string>(o.owner);
    query.client = o.client.empty() ? std::nullopt : std::optional<std::string>(o.client);
    query.due_by = due_by;
    query.confidence = confidence;
    app::Forecast gathered = app::gather_forecast(ledger, config, today, query);
    const std::vector<Line>& lines = gathered.lines;
    if (format == Format::table) {
        print_records(context, format, {}, forecast_fields(), table_of(lines));
    } else {
        Json record = lines.empty() ? Json() : record_of(lines.front());
        print_record_stream(
            context, format, lines.size(),
            [&](std::size_t i) {
                refill(record, lines[i]);
                return record;
            },
            forecast_fields());
    }
    return 0;
}

} // namespace

Run attach_forecast(CLI::App& sub) {
    auto o = std::make_shared<ForecastOptions>();
    sub.add_option("--owner", o->owner, "Only this owner's commitments");
    sub.add_option("--client", o->client, "Only this client's commitments");
    sub.add_option("--weeks", o->weeks, "Only commitments due within this many weeks (1 to 520)")
        ->type_name("N");
    sub.add_option("--confidence", o->confidence,
                   "Below this percent chance of being on time a commitment is at risk: 50 to 99 "
                   "(default [report] confidence, 80)")
        ->type_name("P");
    return [o](Context& context) { return run_forecast(context, *o); };
}

} // namespace kept::cli
