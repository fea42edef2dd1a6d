#include "kept/render.hpp"

#include <doctest/doctest.h>
#include <sstream>

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

TEST_CASE("display_width: wide characters take two columns, zero-width ones none") {
    CHECK(display_width("日本") == 4);
    CHECK(display_width("a\u200bb") == 2);
    CHECK(display_width("\xff") == 1); // a stray byte is one column, not a crash
}

TEST_CASE("cut_to_width: ends in an ellipsis, never splits a character") {
    CHECK(cut_to_width("Export API", 20) == "Export API");
    CHECK(cut_to_width("Export API", 10) == "Export API");
    CHECK(cut_to_width("Export API", 9) == "Export A…");
    CHECK(cut_to_width("Export API", 1) == "…");
    CHECK(cut_to_width("Export API", 0) == "");
    CHECK(cut_to_width("Müller GmbH", 4) == "Mül…");
    CHECK(cut_to_width("u\u0308ber", 3) == "u\u0308b…"); // the mark stays with its letter
    CHECK(cut_to_width("日本語です", 6) == "日本…");     // 2 + 2 + 1, not half of 語
    CHECK(cut_to_width("日本語です", 5) == "日本…");
    CHECK(cut_to_width("日本語です", 4) == "日…");
    CHECK(display_width(cut_to_width("日本語です", 4)) == 3);
}

namespace {

TextTable wide_table() {
    TextTable t;
    t.headers = {"ID", "CLIENT", "TITLE"};
    t.right_aligned = {true, false, false};
    t.cuttable = {false, true, true};
    t.rows = {{{"1"}, {"acme"}, {"Export API for the quarterly numbers"}},
              {{"12"}, {"Globex Corporation"}, {"SSO"}}};
    return t;
}

} // namespace

TEST_CASE("render_table: width 0 is no limit, a wide one changes nothing") {
    TextTable t = wide_table();
    CHECK(render_table(t, TableLook{false, 0}) == render_table(t, false));
    CHECK(render_table(t, TableLook{false, 200}) == render_table(t, false));
    CHECK(render_table(t, false) == "ID  CLIENT              TITLE\n"
                                    " 1  acme                Export API for the quarterly numbers\n"
                                    "12  Globex Corporation  SSO\n");
}

TEST_CASE("render_table: the widest cuttable column is cut first, to the width exactly") {
    TextTable t = wide_table();
    // 2 + 2 + 18 + 2 + 36 = 60: 10 over, all of it taken from TITLE (36 -> 26).
    CHECK(render_table(t, TableLook{false, 50}) ==
          "ID  CLIENT              TITLE\n"
          " 1  acme                Export API for the quarte…\n"
          "12  Globex Corporation  SSO\n");
    // 30 over: TITLE down to CLIENT's 18, then the two in turn down to 12 each; a cut does not
    // end in a blank.
    CHECK(render_table(t, TableLook{false, 30}) == "ID  CLIENT        TITLE\n"
                                                   " 1  acme          Export API…\n"
                                                   "12  Globex Corp…  SSO\n");
}

TEST_CASE("render_table: a table that cannot fit is cut to its headers and runs past") {
    TextTable t = wide_table();
    std::string expected = "ID  CLIENT  TITLE\n"
                           " 1  acme    Expo…\n"
                           "12  Globe…  SSO\n";
    CHECK(render_table(t, TableLook{false, 10}) == expected);
    CHECK(render_table(t, TableLook{false, 1}) == expected);
    // Numbers are never cut, whatever the width.
    t.rows[1][0].text = "123456789";
    CHECK(render_table(t, TableLook{false, 1}).find("123456789") != std::string::npos);
}

TEST_CASE("render_table: droppable columns go, rightmost first, before anything is cut") {
    TextTable t;
    t.headers = {"OWNER", "W1", "W2", "W3"};
    t.right_aligned = {false, true, true, true};
    t.droppable_from = 1;
    t.rows = {{{"alice"}, {"100%"}, {"50%"}, {"20%"}}};
    std::ostringstream out;
    CHECK(write_table(out, t, TableLook{false, 17}) == 1);
    CHECK(out.str() == "OWNER    W1   W2\nalice  100%  50%\n");
    std::ostringstream all;
    CHECK(write_table(all, t, TableLook{false, 23}) == 0);
    std::ostringstream least;
    CHECK(write_table(least, t, TableLook{false, 1}) == 3); // one column always stays
    CHECK(least.str() == "OWNER\nalice\n");
    t.droppable_from = 2; // the key columns stay, whatever the width
    std::ostringstream keys;
    CHECK(write_table(keys, t, TableLook{false, 1}) == 2);
    CHECK(keys.str() == "OWNER    W1\nalice  100%\n");
}

TEST_CASE("render_table: markers show only without color") {
    TextTable t;
    t.headers = {"DUE", "TITLE"};
    t.rows = {{{"Tue 2026-11-24", Style::red, "!"}, {"a"}},
              {{"Thu 2026-12-03", Style::yellow, "*"}, {"b"}},
              {{"Fri 2026-12-04"}, {"c"}}};
    CHECK(render_table(t, false) == "DUE               TITLE\n"
                                    "Tue 2026-11-24 !  a\n"
                                    "Thu 2026-12-03 *  b\n"
                                    "Fri 2026-12-04    c\n");
    std::string colored = render_table(t, true);
    CHECK(colored.find(" !") == std::string::npos);
    CHECK(colored.find("\x1b[31mTue 2026-11-24\x1b[0m") != std::string::npos);
}

TEST_CASE("write_table: rows made on demand are cut like any table") {
    std::vector<std::string> details = {"short", "a detail much too long for the line"};
    TableRows rows{{"N", "DETAIL"},
                   {true, false},
                   details.size(),
                   [&](std::size_t r, std::size_t columns) {
                       std::vector<Cell> cells = {Cell{std::to_string(r)}, Cell{details[r]}};
                       cells.resize(std::min(columns, cells.size()));
                       return cells;
                   },
                   {false, true}};
    std::ostringstream out;
    write_table(out, rows, TableLook{false, 12});
    CHECK(out.str() == "N  DETAIL\n0  short\n1  a detail…\n");
}

TEST_CASE("write_table: a big table's rows, made in blocks on two threads, come out in order") {
    // 9,000 rows are three blocks: the widest first cell is in the last one, made on the second
    // thread while the first block was sized.
    constexpr std::size_t count = 9000;
    constexpr std::size_t wide = 8500;
    auto first = [](std::size_t r) {
        return r == wide ? std::string("a wide cell") : "r" + std::to_string(r);
    };
    TableRows rows{{"ROW", "N"}, {false, true}, count, [&](std::size_t r, std::size_t columns) {
                       std::vector<Cell> cells = {Cell{first(r)}, Cell{std::to_string(r * 7)}};
                       cells.resize(std::min(columns, cells.size()));
                       return cells;
                   }};
    std::ostringstream out;
    write_table(out, rows, false);
    std::string expected = "ROW" + std::string(8, ' ') + "  " + "    N\n";
    for (std::size_t r = 0; r < count; ++r) {
        std::string n = std::to_string(r * 7);
        std::string row = first(r);
        expected += row + std::string(11 - row.size(), ' ') + "  " +
                    std::string(5 - n.size(), ' ') + n + "\n";
    }
    CHECK(out.str() == expected);
}
