#include "kept/error.hpp"
#include "kept/import.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

using Fields = std::vector<std::string>;

Date day(const char* text) {
    return *parse_iso_date(text);
}

RowContext row_context() {
    RowContext context;
    context.today = day("2026-11-23"); // a Monday
    context.default_owner = "tester";
    context.config.clients["billing"] = ClientKind::internal;
    return context;
}

template <typename F> std::string rejection(F f) {
    try {
        f();
    } catch (const BadValue& e) {
        return e.what();
    }
    return "accepted";
}

std::string csv_rejection(std::string_view text) {
    return rejection([&] { read_csv(text); });
}

std::string json_rejection(std::string_view line) {
    return rejection([&] { commitment_from_json(parse_json_line(line), row_context()); });
}

NewCommitment from_json(std::string_view line) {
    return commitment_from_json(parse_json_line(line), row_context());
}

} // namespace

TEST_CASE("parse_json_line: a key given twice is named, at any depth; others parse") {
    CHECK_THROWS_WITH_AS(parse_json_line(R"({"a":1,"b":2,"a":3})"),
                         "the key \"a\" is given twice in one JSON object", BadValue);
    CHECK_THROWS_WITH_AS(parse_json_line(R"({"a":{"c":[{"d":1,"d":2}]},"b":2})"),
                         "the key \"d\" is given twice in one JSON object", BadValue);
    // The same key in two objects is no repeat.
    auto parsed = parse_json_line(R"({"a":{"k":1},"b":{"k":2},"k":3})");
    CHECK(parsed["b"]["k"] == 2);
    CHECK(parsed["k"] == 3);
}

TEST_CASE("read_csv: plain records, CRLF or LF, empty fields") {
    auto records = read_csv("a,b,c\r\n1,,3\n\n,x,\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == Fields{"a", "b", "c"});
    CHECK(records[1].fields == Fields{"1", "", "3"});
    CHECK(records[2].fields == Fields{"", "x", ""});
    CHECK(records[2].line == 4);
}

TEST_CASE("read_csv: quoted fields keep commas, doubled quotes and line breaks") {
    auto records =
        read_csv("title,scope\r\n\"a, \"\"b\"\"\",\"one\r\ntwo\nthree\"\r\nlast,\"\"\r\n");
    REQUIRE(records.size() == 3);
    CHECK(records[1].fields == Fields{"a, \"b\"", "one\r\ntwo\nthree"});
    CHECK(records[2].line == 5);
    CHECK(records[2].fields == Fields{"last", ""});
}

TEST_CASE("read_csv: no final line end, byte order mark, trailing comma") {
    auto records = read_csv("\xEF\xBB\xBFtitle,client\nx,");
    REQUIRE(records.size() == 2);
    CHECK(records[0].fields == Fields{"title", "client"});
    CHECK(records[1].fields == Fields{"x", ""});
}

TEST_CASE("read_csv: malformed quoting names the line") {
    CHECK(csv_rejection("a,b\nx,\"open\nstill open") ==
          "line 2: a quoted field is never closed (a \" is missing)");
    CHECK(
        csv_rejection("a\n\"x\"y\n") ==
        "line 2: text after the closing quote of a field (a quote inside a field is written \"\")");
    CHECK(csv_rejection("a\nab\"c\n") ==
          "line 2: a quote inside an unquoted field (quote the whole field and double the quote)");
}

TEST_CASE("read_csv: never throws anything but BadValue on odd bytes") {
    for (std::string text :
         {std::string("\""), std::string("\"\"\""), std::string(",,,\r"), std::string("\r\r\n\"\r"),
          std::string("\0\"\0", 3), std::string("\xff\xfe,\"\xc3\"")}) {
        try {
            read_csv(text);
        } catch (const BadValue&) {
        }
    }
}

TEST_CASE("non_blank_lines: numbers lines, drops CR and blank lines") {
    auto lines = non_blank_lines("{}\r\n\n  \t\n{\"a\":1}");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].line == 1);
    CHECK(lines[0].text == "{}");
    CHECK(lines[1].line == 4);
    CHECK(lines[1].text == "{\"a\":1}");
}

TEST_CASE("parse_json_line: bad JSON and deep nesting are BadValue") {
    CHECK(rejection([] { parse_json_line("{\"a\":"); }) == "not valid JSON (at byte 6)");
    CHECK(rejection([] { parse_json_line(std::string(100000, '[')); }) ==
          "JSON nested deeper than 32 levels");
    CHECK(rejection([] { parse_json_line("1e999"); }) == "not valid JSON (a number out of range)");
    CHECK(rejection([] { parse_json_line("\"\xff\""); }).rfind("not valid JSON", 0) == 0);
}

TEST_CASE("event_from_line: reads an exported event, names a missing field") {
    Event e = event_from_line(
        R"({"seq":3,"uuid":"u","commitment_id":1,"commitment_uuid":"c","timestamp":"2026-11-23T09:00:00Z","day":"2026-11-23","actor":"a","kind":"closed","payload":{"on":"2026-11-23"},"reason":null,"origin":"o","clock":7,"prev_hash":"p","hash":"h"})");
    CHECK(e.uuid == "u");
    CHECK(e.kind == EventKind::closed);
    CHECK(e.clock == 7);
    CHECK_FALSE(e.reason);
    CHECK(rejection([] { event_from_line(R"({"uuid":"u"})"); }) ==
          "event field \"commitment_uuid\" is missing");
    CHECK(rejection([] { event_from_line("[1]"); }) == "an event must be a JSON object");
}

TEST_CASE("commitment_from_json: the add fields, with defaults") {
    NewCommitment c = from_json(
        R"({"title":"Export API","client":"acme","due":"fri","effort":"2d","scope":["csv","json"],"tags":["q4"]})");
    CHECK(c.title == "Export API");
    CHECK(c.client == "acme");
    CHECK(c.client_kind == ClientKind::external);
    CHECK(c.owner == "tester");
    CHECK(c.due == day("2026-11-27"));
    CHECK(c.effort == 16 * 60);
    CHECK(c.scope == Fields{"csv", "json"});
    CHECK(c.tags == Fields{"q4"});
}

TEST_CASE("commitment_from_json: client kind from internal, client_kind or the config") {
    CHECK(from_json(R"({"title":"t","client":"billing","due":"today","effort":1})").client_kind ==
          ClientKind::internal);
    CHECK(from_json(R"({"title":"t","client":"x","internal":true,"due":"today","effort":1})")
              .client_kind == ClientKind::internal);
    CHECK(
        from_json(R"({"title":"t","client":"x","client_kind":"internal","due":"today","effort":1})")
            .client_kind == ClientKind::internal);
    CHECK(
        json_rejection(
            R"({"title":"t","client":"x","internal":false,"client_kind":"internal","due":"today","effort":1})") ==
        "internal: false contradicts client_kind \"internal\"");
}

TEST_CASE("commitment_from_json: effort as text, hours or effort_hours") {
    CHECK(from_json(R"({"title":"t","client":"x","due":"today","effort":1.5})").effort == 90);
    CHECK(from_json(R"({"title":"t","client":"x","due":"today","effort_hours":"2.5"})").effort ==
          150);
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today"})") ==
          "effort: missing (give effort, like 6h, or effort_hours)");
    CHECK(json_rejection(
              R"({"title":"t","client":"x","due":"today","effort":"1h","effort_hours":1})") ==
          "effort: give effort or effort_hours, not both");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today","effort_hours":-1})") ==
          "effort_hours: -1 hours is out of range");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today","effort_hours":1e9})") ==
          "effort_hours: 1000000000.0 hours is out of range");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today","effort":"abc"})") ==
          "effort: \"abc\" is not an effort (use 90m, 6h, 1.5d or 1w)");
}

TEST_CASE("commitment_from_json: each bad field is named") {
    CHECK(json_rejection(R"({"client":"x","due":"today","effort":1})") == "title: missing");
    CHECK(json_rejection(R"({"title":5,"client":"x","due":"today","effort":1})") ==
          "title: must be text, not 5");
    CHECK(json_rejection(R"({"title":"  ","client":"x","due":"today","effort":1})") ==
          "title: \"  \" is empty");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"2026-02-30","effort":1})") ==
          "due: \"2026-02-30\" is not a valid date");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"2026-11-01","effort":1})") ==
          "due: \"2026-11-01\" is before today (2026-11-23)");
    CHECK(json_rejection(
              R"({"title":"t","client":"x","due":"today","effort":1,"scope":["a","a"]})") ==
          "scope: \"a\" is given twice");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today","effort":1,"tags":{"a":1}})") ==
          "tags: must be a list of text, not {\"a\":1}");
    CHECK(json_rejection(R"({"title":"t","client":"x","due":"today","effort":1,"colour":"red"})")
              .rfind("\"colour\" is not a commitment field", 0) == 0);
    CHECK(
        json_rejection(R"({"title":"t","client":"x","due":"today","effort":1,"state":"delivered"})")
            .rfind("state: \"delivered\": only open commitments can be imported", 0) == 0);
    CHECK(json_rejection("[]") == "a commitment must be a JSON object");
}

TEST_CASE("commitment_from_json: no owner and no default owner") {
    RowContext context = row_context();
    context.default_owner.clear();
    CHECK(rejection([&] {
              commitment_from_json(
                  parse_json_line(R"({"title":"t","client":"x","due":"today","effort":1})"),
                  context);
          }) == "owner: missing");
}

TEST_CASE("commitment_from_csv: text cells, lists as JSON text or ';' items") {
    Fields header = {"title", "client", "internal", "owner", "due", "effort", "scope", "tags"};
    NewCommitment c = commitment_from_csv(
        header,
        {"Fix, login", "billing", "yes", "bob", "2026-12-01", "6h", "[\"a;b\",\"c\"]", "x; y ;"},
        row_context());
    CHECK(c.title == "Fix, login");
    CHECK(c.client_kind == ClientKind::internal);
    CHECK(c.owner == "bob");
    CHECK(c.effort == 360);
    CHECK(c.scope == Fields{"a;b", "c"});
    CHECK(c.tags == Fields{"x", "y"});
    CHECK(rejection([&] {
              commitment_from_csv(header, {"t", "x"}, row_context());
          }) == "the row has 2 fields but the header names 8 columns");
    CHECK(rejection([&] {
              commitment_from_csv(header, {"t", "x", "maybe", "", "today", "1h", "", ""},
                                  row_context());
          }) == "internal: \"maybe\" is not true or false");
}

TEST_CASE("commitment_from_csv: the columns kept export writes are accepted") {
    Fields header = {
        "id",    "uuid",    "title",        "client",         "client_kind",           "owner",
        "state", "due",     "original_due", "effort_hours",   "original_effort_hours", "scope",
        "tags",  "created", "closed",       "renegotiations", "late_renegotiations"};
    NewCommitment c = commitment_from_csv(header,
                                          {"4", "u", "Export", "acme", "external", "alice", "open",
                                           "2026-12-04", "2026-11-30", "16.0", "8.0", "[\"csv\"]",
                                           "[]", "2026-11-01", "", "1", "0"},
                                          row_context());
    CHECK(c.title == "Export");
    CHECK(c.due == day("2026-12-04"));
    CHECK(c.effort == 16 * 60);
    CHECK(c.scope == Fields{"csv"});
    CHECK(c.tags.empty());
}

TEST_CASE("check_commitment_header: unknown, repeated or missing title column") {
    CHECK(rejection([] {
              check_commitment_header({"title", "title"});
          }) == "column \"title\" appears twice in the header");
    CHECK(rejection([] { check_commitment_header({"client"}); }) ==
          "the header has no title column (the first row must name the columns)");
    CHECK(rejection([] {
              check_commitment_header({"title", "Due"});
          }).rfind("\"Due\" is not a commitment field", 0) == 0);
}

TEST_CASE("commitment_from_csv: invalid UTF-8 is a BadValue, not a crash") {
    Fields header = {"title", "client", "due", "effort", "internal"};
    CHECK(rejection([&] {
              commitment_from_csv(header, {"\xff", "x", "today", "1h", ""}, row_context());
          }) == "title: the text is not valid UTF-8");
    CHECK(rejection([&] {
              commitment_from_csv(header, {"t", "x", "today", "1h", "\xff"}, row_context());
          }).rfind("internal: ", 0) == 0);
}
