#include "kept/report_html.hpp"

#include "kept/html.hpp"
#include "kept/render.hpp"
#include "kept/svg.hpp"

#include <fmt/format.h>
#include <map>

namespace kept {

namespace {

std::string percent_text(const std::optional<double>& value) {
    return value ? fmt::format("{:.0f}%", *value) : std::string("-");
}

std::string ids_text(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::int64_t id : ids) {
        out += fmt::format("{}#{}", out.empty() ? "" : " ", id);
    }
    return out.empty() ? "-" : out;
}

std::string flags_section(const Report& report) {
    const auto& flags = report.flags;
    std::string body;
    if (flags.empty()) {
        body = html_paragraph("No flag fired.");
        return html_section("flags", "Flags (0)", body);
    }
    HtmlTable table;
    table.headers = {"Flag", "Severity", "Owner", "Week", "Commitments", "Detail"};
    table.unbroken = {false, false, false, true};
    table.css_class = "flags";
    for (std::size_t i = 0; i < flags.size() && i < html_flags_shown; ++i) {
        const Flag& f = flags[i];
        table.rows.push_back({std::string(to_string(f.kind)), std::string(to_string(f.severity)),
                              f.owner.empty() ? "-" : f.owner,
                              f.week ? format_iso_week(*f.week) : "-", ids_text(f.commitments),
                              detail_of(f)});
    }
    body = html_table(table);
    if (flags.size() > html_flags_shown) {
        body += html_paragraph(fmt::format("… and {} more, worst first above (kept report "
                                           "--section flags lists them all).",
                                           flags.size() - html_flags_shown));
    }
    return html_section("flags", fmt::format("Flags ({})", flags.size()), body);
}

std::string load_section(const Report& report) {
    if (report.load.empty()) {
        return html_section("load", "Load", html_paragraph("No owners with open work."));
    }
    HeatMap map;
    map.title = "Load: percent of each ISO week's capacity the schedule fills, per owner";
    for (const auto& week : report.horizon) {
        map.columns.push_back(format_iso_week(week));
    }
    for (const auto& cell : report.load) {
        if (map.rows.empty() || map.rows.back() != cell.owner) {
            map.rows.push_back(cell.owner);
            map.cells.emplace_back();
        }
        map.cells.back().push_back({cell.load.utilization(),
                                    load_cell_marked(cell.load, report.overload_ratio),
                                    load_cell_text(cell.load)});
    }
    std::string body = "<div class=\"figure\">" + svg_heat_map(map) + "</div>";
    body += fmt::format(
        "<p class=\"note\">Each cell is the percent of the owner's capacity in that ISO week "
        "that the schedule fills: darker is fuller. A hatched, bordered cell with \"!\" is over "
        "capacity: the work due by the end of the week exceeds {} times the capacity until then "
        "(the overload flag), or the week holds work done after its due date (\"(Nh late)\"). "
        "\"-\": no capacity that week.</p>\n",
        svg_number(report.overload_ratio));
    return html_section("load", "Load per owner and week", body);
}

std::string forecast_section(const std::optional<std::vector<ForecastRow>>& rows, Date as_of) {
    if (!rows) {
        return html_section(
            "forecast", "Forecast",
            html_paragraph("Left out: the forecast schedules open work from today, and this "
                           "report is as of a past day (kept forecast shows today's)."));
    }
    if (rows->empty()) {
        return html_section("forecast", "Forecast", html_paragraph("Nothing open."));
    }
    Timeline timeline;
    timeline.title = "Forecast: each owner's open commitments in the order the schedule works them";
    timeline.today = as_of;
    std::map<std::string, std::size_t> hidden;
    for (const ForecastRow& row : *rows) {
        if (timeline.lanes.empty() || timeline.lanes.back().name != row.owner) {
            timeline.lanes.push_back({row.owner, {}});
        }
        auto& items = timeline.lanes.back().items;
        if (items.size() >= html_timeline_items) {
            hidden[row.owner] += 1;
            continue;
        }
        items.push_back(
            {fmt::format("#{} {}", row.id, row.title), row.start, row.finish, row.due, row.status});
    }
    std::string body = "<div class=\"figure\">" + svg_timeline(timeline) + "</div>";
    body += "<p class=\"note\">A bar runs from the first to the last day the schedule works on a "
            "commitment (earliest due date first, at each owner's daily capacity); the diamond "
            "is its due date. Solid: on track; dotted: at risk (on time in the schedule, but in "
            "fewer trials than the confidence asks); hatched: will miss. The word at the right "
            "says the same.</p>\n";
    for (const auto& [owner, count] : hidden) {
        body += html_paragraph(fmt::format("{}: {} more not drawn (kept forecast --owner {} "
                                           "lists them).",
                                           owner, count, owner));
    }
    HtmlTable table;
    table.headers = {"#",      "Commitment", "Client", "Owner",  "Due",
                     "Finish", "Slack",      "Chance", "Status", "Talk by"};
    table.numeric = {true, false, false, false, false, false, true, true};
    table.unbroken = {false, false, false, false, true, true, false, false, true, true};
    table.css_class = "forecast";
    for (const ForecastRow& row : *rows) {
        table.rows.push_back({fmt::format("{}", row.id), row.title, row.client, row.owner,
                              format_date(row.due), row.finish ? format_date(*row.finish) : "never",
                              row.slack ? fmt::format("{}d", *row.slack) : "-",
                              fmt::format("{:.0f}%", row.on_time_percent), row.status,
                              row.talk_by ? format_date(*row.talk_by) : "-"});
    }
    body += html_table(table);
    return html_section("forecast", "Forecast per owner", body);
}

std::string on_time_section(const std::vector<MonthOnTime>& months) {
    if (months.empty()) {
        return html_section("on-time", "On time per month",
                            html_paragraph("Nothing delivered in the last 12 months."));
    }
    LineChart chart;
    chart.title = "On-time rate of the commitments delivered each month";
    LineSeries last{"by the last agreed date", false, {}};
    LineSeries first{"by the date first promised", true, {}};
    HtmlTable table;
    table.headers = {"Month", "Delivered", "On time (agreed date)", "On time (first date)"};
    table.numeric = {false, true, true, true};
    table.css_class = "months";
    for (const MonthOnTime& m : months) {
        chart.labels.push_back(m.label());
        chart.notes.push_back(fmt::format("n={}", m.delivered));
        std::optional<double> l, f;
        if (m.delivered > 0) {
            l = 100.0 * m.on_time_last / m.delivered;
            f = 100.0 * m.on_time_first / m.delivered;
        }
        last.values.push_back(l);
        first.values.push_back(f);
        table.rows.push_back(
            {m.label(), fmt::format("{}", m.delivered), percent_text(l), percent_text(f)});
    }
    chart.series = {last, first};
    std::string body = "<div class=\"figure\">" + svg_line_chart(chart) + "</div>";
    body += "<p class=\"note\">Of the commitments delivered in each month (n under the month), "
            "the percent delivered by the last agreed date (solid line, dots) and by the date "
            "first promised (dashed line, squares). A month without deliveries breaks the "
            "line.</p>\n";
    body += html_table(table);
    return html_section("on-time", "On time per month", body);
}

std::string reliability_section(const Report& report) {
    HtmlTable table;
    table.headers = {
        "Group",     "Name",    "Delivered",          "On time (first date)", "On time (last date)",
        "Mean slip", "Dropped", "Renegotiated early", "Renegotiated late"};
    table.numeric = {false, false, true, true, true, true, true, true, true};
    table.css_class = "reliability";
    for (const auto* r : report.reliability.rows()) {
        auto slip = r->mean_slip_days();
        table.rows.push_back(
            {r->group, r->name, fmt::format("{}", r->delivered),
             percent_text(r->on_time_first_rate()), percent_text(r->on_time_last_rate()),
             slip ? fmt::format("{:.1f}d", *slip) : "-", fmt::format("{}", r->dropped),
             fmt::format("{}", r->proactive_renegotiations),
             fmt::format("{}", r->late_renegotiations)});
    }
    return html_section("reliability", "Reliability (on-time rates count delivered commitments)",
                        html_table(table));
}

} // namespace

std::string report_html(const ReportPage& page) {
    const Report& r = page.report;
    std::string subtitle =
        fmt::format("As of {}; load over {} from {}; {}.", format_day(r.as_of),
                    plural(r.weeks, "week", "weeks"),
                    r.horizon.empty() ? std::string("-") : format_iso_week(r.horizon.front()),
                    plural(static_cast<long long>(r.flags.size()), "flag", "flags"));
    std::string body = flags_section(r);
    body += load_section(r);
    body += forecast_section(page.forecast, r.as_of);
    body += on_time_section(page.months);
    body += reliability_section(r);
    body += "<p class=\"note\">Made by kept report --format html. Every figure is also in kept "
            "report --format json.</p>\n";
    return html_page(fmt::format("kept report for {}", page.team), subtitle, body);
}

} // namespace kept
