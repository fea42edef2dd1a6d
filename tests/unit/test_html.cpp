#include "kept/html.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

TEST_CASE("html_escape: markup, ampersands and both quotes") {
    CHECK(html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(html_escape("O'Brien & \"Co\"") == "O&#39;Brien &amp; &quot;Co&quot;");
    CHECK(html_escape("&amp;") == "&amp;amp;");
    CHECK(html_escape("plain ünïcode → ok") == "plain ünïcode → ok");
}

TEST_CASE("html_escape: control characters dropped, tab and newline kept") {
    CHECK(html_escape(std::string("a\x01\x1b[31mb\x7f\tc\n", 12)) == "a[31mb\tc\n");
    CHECK(html_escape(std::string("x\0y", 3)) == "xy");
}

TEST_CASE("html_page: self-contained, escaped, printable on A4") {
    std::string page = html_page("<b>T</b> & co", "sub <i>", "<p>body</p>");
    CHECK(page.rfind("<!DOCTYPE html>\n", 0) == 0);
    CHECK(page.find("<title>&lt;b&gt;T&lt;/b&gt; &amp; co</title>") != std::string::npos);
    CHECK(page.find("<h1>&lt;b&gt;T&lt;/b&gt; &amp; co</h1>") != std::string::npos);
    CHECK(page.find("<p class=\"subtitle\">sub &lt;i&gt;</p>") != std::string::npos);
    CHECK(page.find("<p>body</p>") != std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
    CHECK(page.find("@page { size: A4;") != std::string::npos);
    CHECK(page.find("@media print") != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
    // the only "http" is the meta tag's http-equiv
    std::size_t at = page.find("http");
    CHECK(at == page.find("http-equiv"));
    CHECK(page.find("http", at + 1) == std::string::npos);
}

TEST_CASE("html_table: cells escaped, numeric columns right-aligned") {
    HtmlTable table;
    table.caption = "a & b";
    table.headers = {"#", "Title"};
    table.numeric = {true, false, true};
    table.unbroken = {false, false, true};
    table.headers.push_back("Due");
    table.rows = {{"1", "<x>", "2026-12-03"}};
    std::string html = html_table(table);
    CHECK(html.find("<caption>a &amp; b</caption>") != std::string::npos);
    CHECK(html.find("<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Title</th>") !=
          std::string::npos);
    CHECK(html.find("<tr><td class=\"num\">1</td><td>&lt;x&gt;</td><td class=\"num "
                    "nw\">2026-12-03</td></tr>") != std::string::npos);
}

TEST_CASE("html_section and html_paragraph escape their text") {
    CHECK(html_section("a\"b", "<h>", "<p>x</p>") ==
          "<section id=\"a&quot;b\">\n<h2>&lt;h&gt;</h2>\n<p>x</p></section>\n");
    CHECK(html_paragraph("1 < 2") == "<p>1 &lt; 2</p>\n");
}
