#include "kept/html.hpp"
#include "kept/svg.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

constexpr double line_left = 46;
constexpr double line_plot_width = 560;
constexpr double line_top = 18;
constexpr double line_plot_height = 150;
constexpr double line_label_space = 36;
constexpr double line_legend_height = 22;

double line_y_of(double percent) {
    return line_top + line_plot_height * (1.0 - std::clamp(percent, 0.0, 100.0) / 100.0);
}

/// A point's mark: a filled circle for the first series, an open square for the second, and so
/// on, so that the lines differ in shape as well as in dashes.
std::string line_marker(std::size_t series, double x, double y) {
    if (series % 2 == 0) {
        return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"#1f4e8c\"/>",
                           svg_number(x), svg_number(y));
    }
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#fff\" "
                       "stroke=\"#8a3b00\" stroke-width=\"1.5\"/>",
                       svg_number(x - 3.5), svg_number(y - 3.5));
}

std::string_view line_stroke_of(std::size_t series) {
    return series % 2 == 0 ? "#1f4e8c" : "#8a3b00";
}

} // namespace

std::string svg_line_chart(const LineChart& chart) {
    const std::size_t n = chart.labels.size();
    const double width = line_left + line_plot_width + 10;
    const double height = line_top + line_plot_height + line_label_space + line_legend_height;
    const double step = line_plot_width / static_cast<double>(std::max<std::size_t>(n, 1));
    auto x_of = [&](std::size_t i) { return line_left + step * (static_cast<double>(i) + 0.5); };

    std::string out = fmt::format(
        "<svg class=\"line-chart\" role=\"img\" "
        "viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\">"
        "<title>{t}</title>",
        fmt::arg("w", svg_number(width)), fmt::arg("h", svg_number(height)),
        fmt::arg("t", html_escape(chart.title)));
    for (int percent = 0; percent <= 100; percent += 25) {
        double y = line_y_of(percent);
        out += fmt::format("<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" "
                           "stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"9\" "
                           "text-anchor=\"end\">{}%</text>",
                           svg_number(line_left), svg_number(line_left + line_plot_width),
                           percent == 0 ? "#000" : "#ccc", percent == 0 ? "1" : "0.7",
                           svg_number(line_left - 4), svg_number(y + 3), percent,
                           fmt::arg("y", svg_number(y)));
    }
    for (std::size_t i = 0; i < n; ++i) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}"
                           "</text>",
                           svg_number(x_of(i)), svg_number(line_top + line_plot_height + 13),
                           html_escape(chart.labels[i]));
        if (i < chart.notes.size()) {
            out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"8\" text-anchor=\"middle\" "
                               "fill=\"#333\">{}</text>",
                               svg_number(x_of(i)), svg_number(line_top + line_plot_height + 25),
                               html_escape(chart.notes[i]));
        }
    }
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const LineSeries& series = chart.series[s];
        // One polyline per run of points with values: a gap is a month with nothing to rate.
        std::string points;
        auto flush = [&] {
            if (!points.empty()) {
                out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                                   "stroke-width=\"2\"{}/>",
                                   points, line_stroke_of(s),
                                   series.dashed ? " stroke-dasharray=\"6 3\"" : "");
                points.clear();
            }
        };
        for (std::size_t i = 0; i < n; ++i) {
            if (i >= series.values.size() || !series.values[i]) {
                flush();
                continue;
            }
            points += fmt::format("{}{},{}", points.empty() ? "" : " ", svg_number(x_of(i)),
                                  svg_number(line_y_of(*series.values[i])));
        }
        flush();
        for (std::size_t i = 0; i < n && i < series.values.size(); ++i) {
            if (!series.values[i]) {
                continue;
            }
            double x = x_of(i);
            double y = line_y_of(*series.values[i]);
            // The first series' values above its points, the second's below.
            double text_y = s % 2 == 0 ? std::max(y - 6, line_top - 4)
                                       : std::min(y + 14, line_top + line_plot_height - 2);
            out +=
                fmt::format("<g><title>{}, {}: {:.0f}%</title>{}<text x=\"{}\" y=\"{}\" "
                            "font-size=\"9\" text-anchor=\"middle\" fill=\"{}\">{:.0f}%</text></g>",
                            html_escape(series.name), html_escape(chart.labels[i]),
                            *series.values[i], line_marker(s, x, y), svg_number(x),
                            svg_number(text_y), line_stroke_of(s), *series.values[i]);
        }
    }
    double ly = line_top + line_plot_height + line_label_space + 8;
    double lx = line_left;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const LineSeries& series = chart.series[s];
        out += fmt::format("<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" "
                           "stroke-width=\"2\"{}/>{}<text x=\"{}\" y=\"{}\" font-size=\"10\">{}"
                           "</text>",
                           svg_number(lx), svg_number(lx + 28), line_stroke_of(s),
                           series.dashed ? " stroke-dasharray=\"6 3\"" : "",
                           line_marker(s, lx + 14, ly), svg_number(lx + 34), svg_number(ly + 3.5),
                           html_escape(series.name), fmt::arg("y", svg_number(ly)));
        lx += 280;
    }
    out += "</svg>\n";
    return out;
}

} // namespace kept
