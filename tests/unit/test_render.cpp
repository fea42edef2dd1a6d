#include "kept/render.hpp"

#include <doctest/doctest.h>

using namespace kept;

TEST_CASE("render_table: aligned columns, right-aligned numbers, no trailing blanks") {
    TextTable t;
    t.headers = {"ID", "TITLE", "NOTE"};
    t.right_aligned = {true, false, false};
    t.rows = {{{"1"}, {"Short"}, {""}}, {{"12"}, {"Longer title"}, {"x"}}};
    CHECK(render_table(t, false) == "ID  TITLE         NOTE\n"
                                    " 1  Short\n"
                                    "12  Longer title  x\n");
}

TEST_CASE("render_table: color only when asked, control characters escaped, UTF-8 width") {
    TextTable t;
    t.headers = {"A", "B"};
    t.rows = {{{"ü✓", Style::red}, {"two\nlines\tand tab"}}};
    std::string plain = render_table(t, false);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain == "A   B\nü✓  two\\nlines\\tand tab\n");
    std::string colored = render_table(t, true);
    CHECK(colored.find("\x1b[31mü✓\x1b[0m") != std::string::npos);
    CHECK(colored.find("\x1b[1mA\x1b[0m") != std::string::npos);
}

TEST_CASE("render_csv: RFC 4180 quoting, CRLF, arrays as JSON, null empty") {
    std::vector<nlohmann::ordered_json> rows = {
        {{"id", 1}, {"title", "a, \"b\"\nc"}, {"scope", {"x", "y"}}, {"closed", nullptr}}};
    CHECK(render_csv(rows, {"id", "title", "scope", "closed"}) ==
          "id,title,scope,closed\r\n1,\"a, \"\"b\"\"\nc\",\"[\"\"x\"\",\"\"y\"\"]\",\r\n");
}

TEST_CASE("render_tsv: escapes tab, newline, carriage return and backslash") {
    std::vector<nlohmann::ordered_json> rows = {{{"t", "a\tb\nc\rd\\e"}, {"n", 2.5}}};
    CHECK(render_tsv(rows, {"t", "n"}) == "t\tn\na\\tb\\nc\\rd\\\\e\t2.5\n");
}

TEST_CASE("render_json and render_ndjson") {
    std::vector<nlohmann::ordered_json> rows = {{{"b", 1}, {"a", "x"}}, {{"b", 2}, {"a", "y"}}};
    CHECK(render_ndjson(rows) == "{\"b\":1,\"a\":\"x\"}\n{\"b\":2,\"a\":\"y\"}\n");
    CHECK(render_json({}) == "[]\n");
    CHECK(nlohmann::json::parse(render_json(rows)).size() == 2);
}

TEST_CASE("display_width: code points, combining marks count zero") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("ü") == 1);
    CHECK(display_width("u\xcc\x88") == 1); // u + combining diaeresis
    CHECK(display_width("✓✓") == 2);
}
