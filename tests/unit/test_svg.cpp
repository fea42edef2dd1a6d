#include "kept/svg.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

Date day(const char* text) {
    return *parse_iso_date(text);
}

} // namespace

TEST_CASE("svg_number: two decimals at most, no trailing zeros, no minus zero") {
    CHECK(svg_number(12.0) == "12");
    CHECK(svg_number(12.5) == "12.5");
    CHECK(svg_number(1.0 / 3.0) == "0.33");
    CHECK(svg_number(-0.001) == "0");
    CHECK(svg_number(-2.25) == "-2.25");
}

TEST_CASE("svg_heat_map: a cell per owner and week, over cells hatched and marked") {
    HeatMap map;
    map.title = "load <&>";
    map.rows = {"alice", "<bob>"};
    map.columns = {"2026-W49", "2026-W50"};
    map.cells = {{{100.0, true, "100% (6h late)"}, {15.0, false, "15%"}},
                 {{std::nullopt, false, "-"}, {50.0, false, "50%"}}};
    std::string svg = svg_heat_map(map);
    CHECK(svg.rfind("<svg class=\"heat-map\" role=\"img\"", 0) == 0);
    CHECK(svg.find("<title>load &lt;&amp;&gt;</title>") != std::string::npos);
    CHECK(count_of(svg, "<g class=\"cell") == 4);
    CHECK(count_of(svg, "<g class=\"cell over\">") == 1);
    // The over cell and the legend's swatch are hatched; the cell also says "!".
    CHECK(count_of(svg, "fill=\"url(#kept-heat-hatch)\"") == 2);
    CHECK(svg.find(">100% !</text>") != std::string::npos);
    CHECK(svg.find(">(6h late)</text>") != std::string::npos);
    CHECK(svg.find("<title>alice, 2026-W49: 100% (6h late) (over capacity)</title>") !=
          std::string::npos);
    CHECK(svg.find("&lt;bob&gt;") != std::string::npos);
    CHECK(svg.find("<bob>") == std::string::npos);
    // Without capacity the cell is white and says "-".
    CHECK(svg.find("fill=\"#ffffff\"") != std::string::npos);
    CHECK(svg.find(">-</text>") != std::string::npos);
    CHECK(svg.find("http") == std::string::npos);
}

TEST_CASE("svg_heat_map: darker is fuller") {
    HeatMap map;
    map.rows = {"a"};
    map.columns = {"w1", "w2"};
    map.cells = {{{0.0, false, "0%"}, {100.0, false, "100%"}}};
    std::string svg = svg_heat_map(map);
    CHECK(svg.find("fill=\"#f4f7fb\"") != std::string::npos);          // empty: near white
    CHECK(svg.find("fill=\"#1f4e8c\"") != std::string::npos);          // full: dark blue
    CHECK(svg.find("fill=\"#fff\">100%</text>") != std::string::npos); // white text on dark
}

TEST_CASE("svg_timeline: a bar per item from its start through its finish, a diamond at due") {
    Timeline t;
    t.title = "forecast";
    t.today = day("2026-12-01"); // a Tuesday
    t.lanes = {
        {"alice",
         {{"#9 SSO", day("2026-12-01"), day("2026-12-04"), day("2026-12-03"), "will miss"},
          {"#8 <x>", day("2026-12-04"), day("2026-12-07"), day("2026-12-09"), "at risk"}}},
        {"bob", {{"#10 Audit", day("2026-12-01"), std::nullopt, day("2026-12-03"), "on track"}}}};
    std::string svg = svg_timeline(t);
    CHECK(svg.rfind("<svg class=\"timeline\" role=\"img\"", 0) == 0);
    CHECK(count_of(svg, "<g class=\"item\">") == 3);
    CHECK(svg.find("<title>#9 SSO: 2026-12-01 to 2026-12-04, due 2026-12-03, will miss</title>") !=
          std::string::npos);
    CHECK(svg.find("#8 &lt;x&gt;") != std::string::npos);
    CHECK(svg.find("to never (no capacity), due 2026-12-03") != std::string::npos);
    // Patterns for the statuses, the legend's included: hatched twice, dotted twice.
    CHECK(count_of(svg, "fill=\"url(#kept-time-miss)\"") == 2);
    CHECK(count_of(svg, "fill=\"url(#kept-time-risk)\"") == 2);
    CHECK(svg.find(">will miss</text>") != std::string::npos);
    CHECK(svg.find(">never</text>") != std::string::npos);
    // Mondays 12-07 and 12-14 are marked; the span is at least two weeks.
    CHECK(svg.find(">12-07</text>") != std::string::npos);
    CHECK(svg.find(">12-14</text>") != std::string::npos);
    CHECK(svg.find(">today 12-01</text>") != std::string::npos);
    // 14 days over 470 px: the first bar (Tue to Fri, 4 days) starts at x 210 and is 134.29 wide.
    CHECK(svg.find("<rect x=\"210\" y=\"51\" width=\"134.29\"") != std::string::npos);
}

TEST_CASE("svg_line_chart: points labelled with their values, a missing value breaks the line") {
    LineChart chart;
    chart.title = "on time";
    chart.labels = {"2026-09", "2026-10", "2026-11", "2026-12"};
    chart.notes = {"n=2", "n=0", "n=4", "n=1"};
    chart.series = {{"agreed", false, {50.0, std::nullopt, 75.0, 100.0}},
                    {"first", true, {0.0, std::nullopt, 25.0, 100.0}}};
    std::string svg = svg_line_chart(chart);
    CHECK(svg.rfind("<svg class=\"line-chart\" role=\"img\"", 0) == 0);
    // Each series: a lone point (Sep), then a line through Nov and Dec.
    CHECK(count_of(svg, "<polyline") == 4);
    CHECK(count_of(svg, "stroke-dasharray=\"6 3\"") == 3); // the dashed series' two runs, legend
    CHECK(svg.find("<title>agreed, 2026-11: 75%</title>") != std::string::npos);
    CHECK(svg.find("<title>first, 2026-09: 0%</title>") != std::string::npos);
    CHECK(svg.find("<title>agreed, 2026-10") == std::string::npos);
    CHECK(svg.find(">n=0</text>") != std::string::npos);
    CHECK(svg.find(">100%</text>") != std::string::npos);
    // 0% is at y 168, 100% at y 18.
    CHECK(svg.find("<circle cx=\"536\" cy=\"18\"") != std::string::npos);
}

TEST_CASE("svg_stacked_bar: parts by count, each in the legend with its percent") {
    std::string svg = svg_stacked_bar("record", {{"on time", 3, BarLook::solid},
                                                 {"late", 1, BarLook::hatched},
                                                 {"dropped", 0, BarLook::dotted}});
    CHECK(svg.find(">3 on time (75%)</text>") != std::string::npos);
    CHECK(svg.find(">1 late (25%)</text>") != std::string::npos);
    CHECK(svg.find(">0 dropped (0%)</text>") != std::string::npos);
    CHECK(svg.find("width=\"450\" height=\"22\" fill=\"#4f7cb8\"") != std::string::npos);
    CHECK(count_of(svg, "<title>") == 3); // the bar's and the two parts drawn
    CHECK(svg_stacked_bar("none", {{"on time", 0, BarLook::solid}}).find(">0 on time</text>") !=
          std::string::npos);
}
