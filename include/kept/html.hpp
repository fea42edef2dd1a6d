#pragma once

// The pieces of kept's HTML pages: escaping, the page skeleton (inline CSS, A4 print rules, a
// Content-Security-Policy that forbids every fetch) and tables. Pure text in, text out.

#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// `text` safe in HTML text and in a quoted attribute value: & < > " ' escaped; control
/// characters but tab and newline dropped.
std::string html_escape(std::string_view text);

/// One whole page: `title` (escaped) in <title> and <h1>, `subtitle` (escaped) under it, then
/// `body` (HTML, trusted). No script, no external resource: the style is inline and the
/// policy meta tag forbids loading anything.
std::string html_page(std::string_view title, std::string_view subtitle, std::string_view body);

/// A table of plain-text cells, each escaped.
struct HtmlTable {
    std::string caption;              ///< empty: none
    std::vector<std::string> headers; ///< one per column
    std::vector<bool> numeric;        ///< per column: right-aligned; missing entries mean text
    std::vector<bool> unbroken; ///< per column: never wrapped (dates); missing entries mean no
    std::vector<std::vector<std::string>> rows;
    std::string css_class; ///< of the <table>, empty: none
};

/// The table as HTML.
std::string html_table(const HtmlTable& table);

/// A section: <section id="id"><h2>heading</h2> body</section>, the heading escaped.
std::string html_section(std::string_view id, std::string_view heading, std::string_view body);

/// A paragraph of escaped text.
std::string html_paragraph(std::string_view text);

} // namespace kept
