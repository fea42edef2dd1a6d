#include "kept/owners.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kept;

TEST_CASE("not_a_member: a mistyped or miscased owner, with the member meant") {
    const std::vector<std::string> members = {"alice", "bob", "carol"};
    CHECK(not_a_member("alice", members) == std::nullopt);
    CHECK(not_a_member("bob", members) == std::nullopt);
    CHECK(not_a_member("bbo", members) == "\"bbo\" is not a member (did you mean \"bob\"?)");
    CHECK(not_a_member("Alice", members) == "\"Alice\" is not a member (did you mean \"alice\"?)");
    CHECK(not_a_member("car", members) == "\"car\" is not a member (did you mean \"carol\"?)");
    CHECK(not_a_member("bobb", members) == "\"bobb\" is not a member (did you mean \"bob\"?)");
}

TEST_CASE("not_a_member: a name near no member is someone [members] need not list") {
    const std::vector<std::string> members = {"alice", "bob", "carol"};
    CHECK(not_a_member("zed", members) == std::nullopt);
    CHECK(not_a_member("dave", members) == std::nullopt);
    CHECK(not_a_member("", members) == std::nullopt);
    CHECK(not_a_member("anyone", {}) == std::nullopt);
    CHECK(not_a_member("bob", {}) == std::nullopt);
}

TEST_CASE("member_names: the [members] keys") {
    Config config;
    config.members["bob"] = {};
    config.members["alice"] = {};
    CHECK(member_names(config) == std::vector<std::string>{"alice", "bob"});
    CHECK(member_names(Config{}).empty());
}

TEST_CASE("unmatched_owner: a filter's owner no member or commitment has") {
    const std::vector<std::string> known = {"alice", "bob", "tester"};
    for (const bool only_when_meant : {false, true}) {
        CAPTURE(only_when_meant);
        CHECK(unmatched_owner("bob", known, only_when_meant) == std::nullopt);
        CHECK(unmatched_owner("bbo", known, only_when_meant) ==
              "no commitment has owner \"bbo\" (did you mean \"bob\"?)");
        CHECK(unmatched_owner("BOB", known, only_when_meant) ==
              "no commitment has owner \"BOB\" (did you mean \"bob\"?)");
    }
    CHECK(unmatched_owner("nobody", known, false) == "no commitment has owner \"nobody\"");
    CHECK(unmatched_owner("bob", {}, false) == "no commitment has owner \"bob\"");
    CHECK(unmatched_owner("nobody", known, true) == std::nullopt);
    CHECK(unmatched_owner("bob", {}, true) == std::nullopt);
}
