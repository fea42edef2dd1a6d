#include "kept/html.hpp"
#include "kept/svg.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

constexpr double bar_width = 600;
constexpr double bar_height = 22;

std::string_view bar_fill_of(BarLook look) {
    switch (look) {
    case BarLook::solid:
        return "#4f7cb8";
    case BarLook::dotted:
        return "url(#kept-bar-dots)";
    case BarLook::hatched:
        return "url(#kept-bar-hatch)";
    }
    return "#4f7cb8";
}

} // namespace

std::string svg_stacked_bar(const std::string& title, const std::vector<BarPart>& parts) {
    int total = 0;
    for (const BarPart& part : parts) {
        total += part.count;
    }
    const double height = bar_height + 30;
    std::string out = fmt::format(
        "<svg class=\"bar\" role=\"img\" "
        "viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\">"
        "<title>{t}</title>",
        fmt::arg("w", svg_number(bar_width + 2)), fmt::arg("h", svg_number(height)),
        fmt::arg("t", html_escape(title)));
    out += "<defs><pattern id=\"kept-bar-hatch\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" "
           "height=\"6\" fill=\"#f6c9c4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
           "stroke=\"#b00020\" stroke-width=\"3\"/></pattern><pattern id=\"kept-bar-dots\" "
           "width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" "
           "height=\"5\" fill=\"#eee\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#444\"/>"
           "</pattern></defs>";
    out += fmt::format("<rect x=\"1\" y=\"1\" width=\"{}\" height=\"{}\" fill=\"#fff\" "
                       "stroke=\"#000\" stroke-width=\"1\"/>",
                       svg_number(bar_width), svg_number(bar_height));
    double x = 1;
    double lx = 1;
    for (const BarPart& part : parts) {
        double w = total > 0 ? bar_width * part.count / total : 0.0;
        if (w > 0) {
            out += fmt::format("<rect x=\"{}\" y=\"1\" width=\"{}\" height=\"{}\" fill=\"{}\" "
                               "stroke=\"#000\" stroke-width=\"1\"><title>{}: {}</title></rect>",
                               svg_number(x), svg_number(w), svg_number(bar_height),
                               bar_fill_of(part.look), html_escape(part.label), part.count);
        }
        x += w;
        std::string legend = total > 0 ? fmt::format("{} {} ({:.0f}%)", part.count, part.label,
                                                     100.0 * part.count / total)
                                       : fmt::format("{} {}", part.count, part.label);
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\" "
                           "stroke=\"#000\" stroke-width=\"0.7\"/><text x=\"{}\" y=\"{}\" "
                           "font-size=\"10\">{}</text>",
                           svg_number(lx), svg_number(bar_height + 10), bar_fill_of(part.look),
                           svg_number(lx + 18), svg_number(bar_height + 20), html_escape(legend));
        lx += 200;
    }
    out += "</svg>\n";
    return out;
}

} // namespace kept
