#include "kept/html.hpp"
#include "kept/render.hpp"
#include "kept/svg.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

constexpr double time_label_width = 210;
constexpr double time_chart_width = 470;
constexpr double time_status_width = 80;
constexpr double time_axis_height = 28;
constexpr double time_lane_height = 20;
constexpr double time_row_height = 17;
constexpr double time_legend_height = 30;
constexpr long long time_shortest_span = 14; // days: a near horizon still gets room to read

/// The pattern (and so the look without color) of each status.
std::string_view time_fill_of(std::string_view status) {
    if (status == "will miss") {
        return "url(#kept-time-miss)";
    }
    if (status == "at risk") {
        return "url(#kept-time-risk)";
    }
    return "#4f7cb8";
}

constexpr std::string_view time_patterns =
    "<defs><pattern id=\"kept-time-miss\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6c9c4\"/>"
    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b00020\" stroke-width=\"3\"/></pattern>"
    "<pattern id=\"kept-time-risk\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
    "<rect width=\"5\" height=\"5\" fill=\"#fff3c4\"/>"
    "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#8a6100\"/></pattern></defs>";

/// The day the picture ends on: the latest finish or due date, a few days on.
Date time_end_of(const Timeline& timeline) {
    Date end = timeline.today + std::chrono::days{time_shortest_span};
    for (const auto& lane : timeline.lanes) {
        for (const auto& item : lane.items) {
            end = std::max({end, item.due + std::chrono::days{2},
                            item.finish.value_or(item.due) + std::chrono::days{2}});
        }
    }
    return end;
}

std::string time_diamond(double x, double y) {
    return fmt::format("<path d=\"M{} {} l4 5 l-4 5 l-4 -5 z\" fill=\"#000\" stroke=\"#fff\" "
                       "stroke-width=\"0.8\"/>",
                       svg_number(x), svg_number(y));
}

} // namespace

std::string svg_timeline(const Timeline& timeline) {
    const Date today = timeline.today;
    const Date end = time_end_of(timeline);
    const double days = static_cast<double>((end - today).count());
    const double per_day = time_chart_width / days;
    auto x_of = [&](Date day) {
        double offset = static_cast<double>(std::clamp(day, today, end).time_since_epoch().count() -
                                            today.time_since_epoch().count());
        return time_label_width + offset * per_day;
    };
    double height = time_axis_height + time_legend_height;
    for (const auto& lane : timeline.lanes) {
        height += time_lane_height + time_row_height * static_cast<double>(lane.items.size());
    }
    double width = time_label_width + time_chart_width + time_status_width;
    std::string out = fmt::format(
        "<svg class=\"timeline\" role=\"img\" "
        "viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\">"
        "<title>{t}</title>{p}",
        fmt::arg("w", svg_number(width)), fmt::arg("h", svg_number(height)),
        fmt::arg("t", html_escape(timeline.title)), fmt::arg("p", time_patterns));

    // The scale: a line at each Monday (labelled, fewer labels on long spans) and at today.
    double bottom = height - time_legend_height;
    long long mondays = 0;
    for (Date d = today; d <= end; d += std::chrono::days{1}) {
        mondays += std::chrono::weekday{d} == std::chrono::Monday ? 1 : 0;
    }
    long long every = std::max<long long>(1, (mondays + 9) / 10);
    long long nth = 0;
    for (Date d = today; d <= end; d += std::chrono::days{1}) {
        if (std::chrono::weekday{d} != std::chrono::Monday) {
            continue;
        }
        double x = x_of(d);
        out += fmt::format("<line x1=\"{x}\" y1=\"18\" x2=\"{x}\" y2=\"{b}\" stroke=\"#ccc\" "
                           "stroke-width=\"0.7\"/>",
                           fmt::arg("x", svg_number(x)), fmt::arg("b", svg_number(bottom)));
        if (nth++ % every == 0) {
            out += fmt::format("<text x=\"{}\" y=\"14\" font-size=\"9\" text-anchor=\"middle\">"
                               "{}</text>",
                               svg_number(x), format_date(d).substr(5));
        }
    }
    out +=
        fmt::format("<line x1=\"{x}\" y1=\"18\" x2=\"{x}\" y2=\"{b}\" stroke=\"#000\" "
                    "stroke-width=\"1\" stroke-dasharray=\"3 2\"/><text x=\"{x}\" y=\"26\" "
                    "font-size=\"9\" text-anchor=\"start\" dx=\"2\">today {d}</text>",
                    fmt::arg("x", svg_number(time_label_width)), fmt::arg("b", svg_number(bottom)),
                    fmt::arg("d", format_date(today).substr(5)));

    double y = time_axis_height;
    for (const auto& lane : timeline.lanes) {
        out += fmt::format("<text x=\"2\" y=\"{}\" font-size=\"11\" font-weight=\"bold\">{}"
                           "</text><line x1=\"0\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" "
                           "stroke-width=\"0.5\"/>",
                           svg_number(y + 14), html_escape(cut_to_width(lane.name, 30)),
                           svg_number(y + time_lane_height - 2), svg_number(width),
                           svg_number(y + time_lane_height - 2));
        y += time_lane_height;
        for (const auto& item : lane.items) {
            double x0 = x_of(item.start);
            double x1 = item.finish ? x_of(*item.finish + std::chrono::days{1})
                                    : time_label_width + time_chart_width;
            std::string finish =
                item.finish ? format_date(*item.finish) : std::string("never (no capacity)");
            out +=
                fmt::format("<g class=\"item\"><title>{}: {} to {}, due {}, {}</title>",
                            html_escape(item.label), format_date(item.start), html_escape(finish),
                            format_date(item.due), html_escape(item.status));
            out += fmt::format("<text x=\"8\" y=\"{}\" font-size=\"10\">{}</text>",
                               svg_number(y + 12), html_escape(cut_to_width(item.label, 34)));
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"11\" fill=\"{}\" "
                               "stroke=\"#000\" stroke-width=\"0.7\"/>",
                               svg_number(x0), svg_number(y + 3),
                               svg_number(std::max(2.0, x1 - x0)), time_fill_of(item.status));
            out += time_diamond(x_of(item.due) + per_day / 2, y + 3);
            out +=
                fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\"{}>{}</text></g>",
                            svg_number(time_label_width + time_chart_width + 6), svg_number(y + 12),
                            item.status == "on track" ? "" : " font-weight=\"bold\"",
                            html_escape(item.finish ? item.status : "never"));
            y += time_row_height;
        }
    }

    // The legend: the three looks of a bar and the due-date mark.
    double ly = bottom + 10;
    double lx = time_label_width;
    for (std::string_view status : {"on track", "at risk", "will miss"}) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"11\" fill=\"{}\" "
                           "stroke=\"#000\" stroke-width=\"0.7\"/><text x=\"{}\" y=\"{}\" "
                           "font-size=\"10\">{}</text>",
                           svg_number(lx), svg_number(ly), time_fill_of(status),
                           svg_number(lx + 26), svg_number(ly + 10), status);
        lx += 90;
    }
    out += time_diamond(lx + 4, ly);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">due date</text>",
                       svg_number(lx + 12), svg_number(ly + 10));
    out += "</svg>\n";
    return out;
}

} // namespace kept
