#include "kept/render.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

std::vector<nlohmann::ordered_json> records() {
    return {
        {{"id", 1}, {"title", "a, \"b\"\nc"}, {"scope", {"x", "y"}}, {"closed", nullptr}},
        {{"id", 2},
         {"title", "tab\there \\ back"},
         {"scope", nlohmann::ordered_json::array()},
         {"closed", "2026-11-23"}},
    };
}

const std::vector<std::string> fields = {"id", "title", "scope", "closed"};

} // namespace

TEST_CASE("render_csv: RFC 4180 quoting, CRLF, arrays as JSON text, null as empty") {
    CHECK(render_csv(records(), fields) == "id,title,scope,closed\r\n"
                                           "1,\"a, \"\"b\"\"\nc\",\"[\"\"x\"\",\"\"y\"\"]\",\r\n"
                                           "2,tab\there \\ back,[],2026-11-23\r\n");
}

TEST_CASE("render_tsv: tabs, newlines and backslashes escaped, one record a line") {
    CHECK(render_tsv(records(), fields) == "id\ttitle\tscope\tclosed\n"
                                           "1\ta, \"b\"\\nc\t[\"x\",\"y\"]\t\n"
                                           "2\ttab\\there \\\\ back\t[]\t2026-11-23\n");
}

TEST_CASE("render_ndjson and render_json: no escape codes, one object a line") {
    std::string nd = render_ndjson(records());
    CHECK(nd.find('\x1b') == std::string::npos);
    CHECK(nd.substr(0, nd.find('\n')) ==
          R"({"id":1,"title":"a, \"b\"\nc","scope":["x","y"],"closed":null})");
    CHECK(nlohmann::json::parse(render_json(records())).size() == 2);
}

TEST_CASE("render_table: escape codes only when asked for") {
    TextTable table;
    table.headers = {"A", "B"};
    table.rows = {{{"x", Style::red}, {"y\nz"}}};
    CHECK(render_table(table, false) == "A  B\nx  y\\nz\n");
    CHECK(render_table(table, true).find("\x1b[31mx\x1b[0m") != std::string::npos);
}
