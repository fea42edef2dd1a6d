#include "kept/html.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

// Print-first: black on white, one column, A4 margins; the pictures scale to the page width.
// Color is a second channel only: every picture also says what it shows in text and patterns.
constexpr std::string_view page_style = R"(
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  color: #111; background: #fff; margin: 0 auto; padding: 12px; max-width: 190mm;
  line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2px; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #999; padding-bottom: 2px; }
p.subtitle { margin: 0 0 10px; color: #333; }
p.note { font-size: 9pt; color: #333; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 2px 0; }
th, td { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nw { white-space: nowrap; }
svg { display: block; max-width: 100%; height: auto; margin: 4px 0; }
.figure { break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
@media print {
  body { padding: 0; max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
}
)";

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') {
                break;
            }
            if (ch == 0x7f) {
                break;
            }
            out += ch;
        }
    }
    return out;
}

std::string html_page(std::string_view title, std::string_view subtitle, std::string_view body) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                       html_escape(title), page_style);
    out += fmt::format("<h1>{}</h1>\n", html_escape(title));
    if (!subtitle.empty()) {
        out += fmt::format("<p class=\"subtitle\">{}</p>\n", html_escape(subtitle));
    }
    out += body;
    out += "</body>\n</html>\n";
    return out;
}

std::string html_table(const HtmlTable& table) {
    auto class_of = [&](std::size_t column) {
        bool numeric = column < table.numeric.size() && table.numeric[column];
        bool unbroken = column < table.unbroken.size() && table.unbroken[column];
        if (numeric && unbroken) {
            return " class=\"num nw\"";
        }
        return numeric ? " class=\"num\"" : unbroken ? " class=\"nw\"" : "";
    };
    std::string out = table.css_class.empty()
                          ? std::string("<table>")
                          : fmt::format("<table class=\"{}\">", html_escape(table.css_class));
    if (!table.caption.empty()) {
        out += fmt::format("<caption>{}</caption>", html_escape(table.caption));
    }
    out += "\n<thead><tr>";
    for (std::size_t i = 0; i < table.headers.size(); ++i) {
        out +=
            fmt::format("<th scope=\"col\"{}>{}</th>", class_of(i), html_escape(table.headers[i]));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += fmt::format("<td{}>{}</td>", class_of(i), html_escape(row[i]));
        }
        out += "</tr>\n";
    }
    out += "</tbody></table>\n";
    return out;
}

std::string html_section(std::string_view id, std::string_view heading, std::string_view body) {
    return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", html_escape(id),
                       html_escape(heading), body);
}

std::string html_paragraph(std::string_view text) {
    return fmt::format("<p>{}</p>\n", html_escape(text));
}

} // namespace kept
