#include "kept/html.hpp"
#include "kept/render.hpp"
#include "kept/svg.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

constexpr double heat_label_width = 120;
constexpr double heat_cell_width = 76;
constexpr double heat_cell_height = 30;
constexpr double heat_header_height = 22;
constexpr double heat_legend_height = 34;

/// From near white (empty) to dark blue (full): lightness carries the value, so a grey print
/// reads the same.
std::string heat_fill_of(double percent) {
    double t = std::clamp(percent, 0.0, 100.0) / 100.0;
    auto channel = [t](int from, int to) { return static_cast<int>(from + (to - from) * t + 0.5); };
    return fmt::format("#{:02x}{:02x}{:02x}", channel(0xf4, 0x1f), channel(0xf7, 0x4e),
                       channel(0xfb, 0x8c));
}

std::string heat_cell_svg(const HeatCell& cell, double x, double y, const std::string& tip) {
    std::string fill = cell.percent ? heat_fill_of(*cell.percent) : std::string("#ffffff");
    bool dark = cell.percent && *cell.percent > 55.0 && !cell.over;
    std::string out = fmt::format("<g class=\"cell{}\"><title>{}</title>", cell.over ? " over" : "",
                                  html_escape(tip));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
                       "stroke=\"#888\" stroke-width=\"0.5\"/>",
                       svg_number(x), svg_number(y), svg_number(heat_cell_width),
                       svg_number(heat_cell_height), fill);
    if (cell.over) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                           "fill=\"url(#kept-heat-hatch)\" stroke=\"#000\" stroke-width=\"2\"/>",
                           svg_number(x + 1), svg_number(y + 1), svg_number(heat_cell_width - 2),
                           svg_number(heat_cell_height - 2));
    }
    // "100% (6h late)" on two lines: the percent, then what is late, small.
    std::string_view text = cell.text;
    std::string_view rest;
    if (auto open = text.find(" ("); open != std::string_view::npos) {
        rest = text.substr(open + 1);
        text = text.substr(0, open);
    }
    std::string halo =
        cell.over ? " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"" : "";
    double middle = x + heat_cell_width / 2;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\"{} "
                       "fill=\"{}\"{}>{}{}</text>",
                       svg_number(middle), svg_number(y + (rest.empty() ? 19 : 13)),
                       cell.over ? " font-weight=\"bold\"" : "", dark ? "#fff" : "#000", halo,
                       html_escape(text), cell.over ? " !" : "");
    if (!rest.empty()) {
        out += fmt::format("<text x=\"{}\" y=\"25\" transform=\"translate(0 {})\" "
                           "text-anchor=\"middle\" font-size=\"9\" fill=\"{}\"{}>{}</text>",
                           svg_number(middle), svg_number(y), dark ? "#fff" : "#000", halo,
                           html_escape(rest));
    }
    out += "</g>";
    return out;
}

} // namespace

std::string svg_heat_map(const HeatMap& map) {
    double width =
        heat_label_width +
        heat_cell_width * static_cast<double>(std::max<std::size_t>(map.columns.size(), 5));
    double height = heat_header_height + heat_cell_height * static_cast<double>(map.rows.size()) +
                    heat_legend_height;
    std::string out = fmt::format(
        "<svg class=\"heat-map\" role=\"img\" "
        "viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\">"
        "<title>{t}</title>",
        fmt::arg("w", svg_number(width)), fmt::arg("h", svg_number(height)),
        fmt::arg("t", html_escape(map.title)));
    out += "<defs><pattern id=\"kept-heat-hatch\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
           "<rect width=\"6\" height=\"6\" fill=\"#fde0dc\"/>"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b00020\" stroke-width=\"3\"/>"
           "</pattern></defs>";
    for (std::size_t c = 0; c < map.columns.size(); ++c) {
        out += fmt::format(
            "<text x=\"{}\" y=\"15\" text-anchor=\"middle\" font-size=\"11\" "
            "font-weight=\"bold\">{}</text>",
            svg_number(heat_label_width + heat_cell_width * (static_cast<double>(c) + 0.5)),
            html_escape(map.columns[c]));
    }
    for (std::size_t r = 0; r < map.rows.size(); ++r) {
        double y = heat_header_height + heat_cell_height * static_cast<double>(r);
        out +=
            fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
                        svg_number(heat_label_width - 6), svg_number(y + heat_cell_height / 2 + 4),
                        html_escape(cut_to_width(map.rows[r], 18)));
        for (std::size_t c = 0; c < map.columns.size(); ++c) {
            if (r >= map.cells.size() || c >= map.cells[r].size()) {
                continue;
            }
            const HeatCell& cell = map.cells[r][c];
            std::string tip = fmt::format("{}, {}: {}{}", map.rows[r], map.columns[c], cell.text,
                                          cell.over ? " (over capacity)" : "");
            out += heat_cell_svg(cell, heat_label_width + heat_cell_width * static_cast<double>(c),
                                 y, tip);
        }
    }
    // The legend: what lightness and the hatching mean.
    double y = heat_header_height + heat_cell_height * static_cast<double>(map.rows.size()) + 10;
    double x = heat_label_width;
    for (double percent : {0.0, 50.0, 100.0}) {
        out +=
            fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" "
                        "stroke=\"#888\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\" "
                        "font-size=\"10\">{}</text>",
                        svg_number(x), svg_number(y), heat_fill_of(percent), svg_number(x + 18),
                        svg_number(y + 11), percent >= 100.0 ? "100%+" : svg_number(percent) + "%");
        x += 62;
    }
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" "
                       "fill=\"url(#kept-heat-hatch)\" stroke=\"#000\" stroke-width=\"2\"/>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"10\">! over capacity</text>",
                       svg_number(x), svg_number(y), svg_number(x + 18), svg_number(y + 11));
    out += "</svg>\n";
    return out;
}

} // namespace kept
