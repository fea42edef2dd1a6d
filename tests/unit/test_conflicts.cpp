#include "kept/conflicts.hpp"

#include <doctest/doctest.h>

using namespace kept;

namespace {

Event change(const std::string& uuid, const std::string& origin, std::int64_t clock,
             const std::string& base, const std::string& commitment = "c1") {
    Event e;
    e.uuid = uuid;
    e.origin = origin;
    e.actor = origin + "-person";
    e.clock = clock;
    e.kind = EventKind::renegotiated;
    e.commitment_uuid = commitment;
    e.payload = {{"base", base}};
    return e;
}

} // namespace

TEST_CASE("ConflictFinder: same base from two replicas is a conflict") {
    ConflictFinder finder;
    finder.feed(change("e3", "B", 3, "e1"));
    finder.feed(change("e2", "A", 2, "e1"));
    auto found = finder.conflicts();
    REQUIRE(found.size() == 1);
    CHECK(found[0].commitment_uuid == "c1");
    CHECK(found[0].base == "e1");
    CHECK(found[0].events == std::vector<std::string>{"e2", "e3"});
    CHECK(found[0].actors == std::vector<std::string>{"A-person", "B-person"});
}

TEST_CASE("ConflictFinder: sequential changes and one replica's own changes are not conflicts") {
    ConflictFinder finder;
    finder.feed(change("e2", "A", 2, "e1"));
    finder.feed(change("e3", "B", 3, "e2")); // B had seen A's change
    finder.feed(change("e4", "A", 4, "e3"));
    finder.feed(change("x2", "A", 2, "x1", "c2"));
    finder.feed(change("x3", "A", 3, "x1", "c2")); // impossible on one replica, but not concurrent
    Event added = change("a1", "A", 1, "");
    added.kind = EventKind::added;
    finder.feed(added);
    Event old = change("o1", "B", 5, "");
    old.payload = nlohmann::json::object(); // no base: written before bases existed
    finder.feed(old);
    CHECK(finder.conflicts().empty());
}
