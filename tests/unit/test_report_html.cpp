#include "kept/report_html.hpp"
#include "kept/statement.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

Date day(const char* text) {
    return *parse_iso_date(text);
}

ReportPage empty_page() {
    ReportPage page;
    page.team = "t&t";
    page.report.as_of = day("2026-12-01");
    page.report.weeks = 1;
    return page;
}

} // namespace

TEST_CASE("report_html: every section, even with nothing to show") {
    ReportPage page = empty_page();
    page.forecast = std::vector<ForecastRow>{};
    std::string html = report_html(page);
    CHECK(has(html, "<title>kept report for t&amp;t</title>"));
    CHECK(has(html, "<h2>Flags (0)</h2>\n<p>No flag fired.</p>"));
    CHECK(has(html, "<p>No owners with open work.</p>"));
    CHECK(has(html, "<section id=\"forecast\">\n<h2>Forecast</h2>\n<p>Nothing open.</p>"));
    CHECK(has(html, "<p>Nothing delivered in the last 12 months.</p>"));
    CHECK(has(html, "<section id=\"reliability\">"));
    CHECK_FALSE(has(html, "<svg"));
}

TEST_CASE("report_html: the forecast left out under --as-of, saying why") {
    std::string html = report_html(empty_page());
    CHECK(has(html, "Left out: the forecast schedules open work from today"));
}

TEST_CASE("report_html: flags past the first 200 counted, not listed") {
    ReportPage page = empty_page();
    for (int i = 0; i < 201; ++i) {
        Flag flag;
        flag.kind = FlagKind::chronic;
        flag.detail = i == 200 ? "the last one" : "one";
        flag.commitments = {i + 1};
        page.report.flags.push_back(flag);
    }
    std::string html = report_html(page);
    CHECK(has(html, "<h2>Flags (201)</h2>"));
    CHECK(has(html, "<td>#200</td>"));
    CHECK_FALSE(has(html, "<td>#201</td>"));
    CHECK(has(html, "… and 1 more, worst first above"));
}

TEST_CASE("report_html: an owner's commitments past the first 40 listed, not drawn") {
    ReportPage page = empty_page();
    std::vector<ForecastRow> rows;
    for (int i = 0; i < 41; ++i) {
        ForecastRow row;
        row.id = i + 1;
        row.title = "<w>";
        row.owner = "ann";
        row.start = row.due = day("2026-12-01");
        row.finish = day("2026-12-01");
        row.status = "on track";
        rows.push_back(row);
    }
    page.forecast = rows;
    std::string html = report_html(page);
    CHECK(has(html, "<title>#40 &lt;w&gt;:"));
    CHECK_FALSE(has(html, "<title>#41 &lt;w&gt;:"));
    CHECK(has(html, "<td class=\"num\">41</td><td>&lt;w&gt;</td>"));
    CHECK(has(html, "ann: 1 more not drawn (kept forecast --owner ann lists them)."));
}

TEST_CASE("statement_html: escaped, with its sections") {
    Statement s;
    s.team = "ops";
    s.client = "<acme>";
    s.client_kind = ClientKind::internal;
    s.until = day("2026-12-01");
    StatementLine line;
    line.commitment.id = 3;
    line.commitment.title = "a \"b\" & c";
    line.commitment.state = State::dropped;
    line.commitment.due = line.commitment.original_due = day("2026-11-20");
    line.commitment.closed = day("2026-11-18");
    StatementChange change;
    change.day = day("2026-11-10");
    change.requested_by = "client";
    change.reason = "<why>";
    line.changes = {change};
    s.dropped = {line};
    s.record.dropped = 1;
    std::string html = statement_html(s);
    CHECK(has(html, "<title>Promises to &lt;acme&gt; (internal)</title>"));
    CHECK(has(html, "Nothing delivered in the period; 1 dropped."));
    CHECK(has(html, "<p>Nothing open.</p>"));
    CHECK(has(html, "<section id=\"dropped\">"));
    CHECK(has(html, "<td>a &quot;b&quot; &amp; c</td>"));
    CHECK(has(html, "<q>&lt;why&gt;</q>"));
    CHECK(has(html, ">0 on time (0%)</text>"));
    CHECK(has(html, ">1 dropped (100%)</text>"));
    CHECK_FALSE(has(html, "<script"));
}
