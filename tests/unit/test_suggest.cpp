#include "kept/suggest.hpp"

#include <doctest/doctest.h>
#include <vector>

using namespace kept;

TEST_CASE("edit_distance: inserts, deletes, changes and swaps count one each") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("bob", "bob") == 0);
    CHECK(edit_distance("bob", "Bob") == 0);
    CHECK(edit_distance("bbo", "bob") == 1);  // swap
    CHECK(edit_distance("bo", "bob") == 1);   // insert
    CHECK(edit_distance("boob", "bob") == 1); // delete
    CHECK(edit_distance("bib", "bob") == 1);  // change
    CHECK(edit_distance("alcie", "alice") == 1);
    CHECK(edit_distance("owenr", "owner") == 1);
    CHECK(edit_distance("carol", "bob") == 4);
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest_name: case, the only prefix, the only nearest") {
    const std::vector<std::string> commands = {"add",   "renegotiate", "close",    "reopen",
                                               "list",  "show",        "log",      "report",
                                               "check", "when",        "forecast", "rebuild"};
    CHECK(closest_name("ren", commands) == "renegotiate");
    CHECK(closest_name("REN", commands) == "renegotiate");
    CHECK(closest_name("fore", commands) == "forecast");
    CHECK(closest_name("re", commands) == std::nullopt); // renegotiate, reopen, report, rebuild
    CHECK(closest_name("lst", commands) == "list");
    CHECK(closest_name("chekc", commands) == "check");
    CHECK(closest_name("List", commands) == "list");
    CHECK(closest_name("zzzzzz", commands) == std::nullopt);
    CHECK(closest_name("", commands) == std::nullopt);

    const std::vector<std::string> members = {"alice", "bob", "carol"};
    CHECK(closest_name("bbo", members) == "bob");
    CHECK(closest_name("Alice", members) == "alice");
    CHECK(closest_name("alcie", members) == "alice");
    CHECK(closest_name("x", members) == std::nullopt);
    CHECK(closest_name("dave", members) == std::nullopt);
    // Two equally near: none is clearly meant.
    const std::vector<std::string> twins = {"ann", "anna"};
    CHECK(closest_name("annx", twins) == std::nullopt);
}
