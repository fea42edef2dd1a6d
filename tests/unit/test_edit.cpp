#include "kept/changes.hpp"
#include "kept/conflicts.hpp"
#include "kept/error.hpp"
#include "kept/facts.hpp"
#include "kept/reliability.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace kept;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return sys_days(year(y) / month(m) / d);
}

Event event_of(EventKind kind, nlohmann::json payload, std::int64_t clock,
               const std::string& origin = "A") {
    Event e;
    e.uuid = "e" + std::to_string(clock) + origin;
    e.commitment_uuid = "c1";
    e.day = "2026-11-23";
    e.kind = kind;
    e.payload = std::move(payload);
    e.clock = clock;
    e.origin = origin;
    return e;
}

Commitment sample() {
    NewCommitment n;
    n.title = "Expot API";
    n.client = "acem";
    n.owner = "alice";
    n.due = ymd(2026, 12, 4);
    n.effort = 480;
    n.scope = {"csv"};
    n.tags = {"q4", "api"};
    Commitment c;
    apply_event(c, event_of(EventKind::added, added_payload(n, ymd(2026, 11, 23)), 1));
    c.id = 5;
    return c;
}

Edit title_edit(const std::string& title) {
    Edit e;
    e.title = title;
    return e;
}

} // namespace

TEST_CASE("parse_event_kind: edited is a kind of its own") {
    CHECK(parse_event_kind("edited") == EventKind::edited);
    CHECK(to_string(EventKind::edited) == "edited");
    CHECK_THROWS_WITH_AS(parse_event_kind("edit"),
                         "event kind \"edit\" is not one of added, renegotiated, closed, "
                         "reopened, edited",
                         BadValue);
}

TEST_CASE("edited_payload: only what changes, as before and after, tags as operations") {
    Commitment c = sample();
    Edit r;
    r.title = "Export API";
    r.client = "acme";
    r.client_kind = ClientKind::internal;
    r.add_tags = {"urgent"};
    r.drop_tags = {"q4"};
    auto p = edited_payload(c, r);
    CHECK(p == nlohmann::json{{"title", {{"before", "Expot API"}, {"after", "Export API"}}},
                              {"client", {{"before", "acem"}, {"after", "acme"}}},
                              {"client_kind", {{"before", "external"}, {"after", "internal"}}},
                              {"tags", {{"added", {"urgent"}}, {"dropped", {"q4"}}}}});

    SUBCASE("a field given its current value is left out when another one changes") {
        Edit same = title_edit("Expot API");
        same.client = "acme";
        CHECK(edited_payload(c, same) ==
              nlohmann::json{{"client", {{"before", "acem"}, {"after", "acme"}}}});
    }
    SUBCASE("a closed commitment may be corrected") {
        apply_event(
            c,
            event_of(EventKind::closed,
                     closed_payload(c, State::delivered, ymd(2026, 12, 1), ymd(2026, 12, 1)), 2));
        CHECK(edited_payload(c, title_edit("Export API")).contains("title"));
    }
}

TEST_CASE("edited_payload: refusals name the option and the value") {
    Commitment c = sample();
    SUBCASE("nothing would change") {
        CHECK_THROWS_WITH_AS(edited_payload(c, title_edit("Expot API")),
                             "nothing to edit: #5's title is already \"Expot API\"", BadValue);
        Edit same;
        same.client = "acem";
        same.client_kind = ClientKind::external;
        CHECK_THROWS_WITH_AS(
            edited_payload(c, same),
            "nothing to edit: #5's client is already \"acem\", client kind is already external",
            BadValue);
        CHECK_THROWS_AS(edited_payload(c, Edit{}), BadValue);
    }
    SUBCASE("blank or broken text") {
        CHECK_THROWS_WITH_AS(edited_payload(c, title_edit(" ")), "--title: \" \" is empty",
                             BadValue);
        Edit client;
        client.client = "\xff";
        CHECK_THROWS_WITH_AS(edited_payload(c, client), "--client: the text is not valid UTF-8",
                             BadValue);
    }
    SUBCASE("tags") {
        Edit tag;
        tag.add_tags = {"api"};
        CHECK_THROWS_WITH_AS(edited_payload(c, tag), "--tag: #5 is already tagged \"api\"",
                             BadValue);
        Edit untag;
        untag.drop_tags = {"nope"};
        CHECK_THROWS_WITH_AS(edited_payload(c, untag), "--untag: #5 is not tagged \"nope\"",
                             BadValue);
        Edit both;
        both.add_tags = {"new"};
        both.drop_tags = {"new"};
        CHECK_THROWS_WITH_AS(edited_payload(c, both), "--untag: \"new\" is also given to --tag",
                             BadValue);
        Edit twice;
        twice.add_tags = {"x", "x"};
        CHECK_THROWS_WITH_AS(edited_payload(c, twice), "--tag: \"x\" is given twice", BadValue);
    }
}

TEST_CASE("apply_event: an edit corrects the fields and nothing the rules count") {
    Commitment c = sample();
    Renegotiation late;
    late.due = ymd(2026, 12, 11);
    late.add_scope = {"json"};
    apply_event(
        c, event_of(EventKind::renegotiated, renegotiated_payload(c, late, ymd(2026, 12, 7)), 2));
    Commitment before = c;

    Edit r;
    r.title = "Export API";
    r.client = "acme";
    r.client_kind = ClientKind::internal;
    r.add_tags = {"urgent"};
    r.drop_tags = {"q4"};
    apply_event(c, event_of(EventKind::edited, edited_payload(c, r), 3));
    CHECK(c.title == "Export API");
    CHECK(c.client == "acme");
    CHECK(c.client_kind == ClientKind::internal);
    CHECK(c.tags == std::vector<std::string>{"api", "urgent"});
    CHECK(c.last_clock == 3);

    // What late, creep, chronic and reliability read stays as the renegotiation left it.
    CommitmentFacts was = facts_of(before);
    CommitmentFacts now = facts_of(c);
    CHECK(now.renegotiations == 1);
    CHECK(now.late_renegotiations == 1);
    CHECK(now.scope_added == was.scope_added);
    CHECK(now.due == was.due);
    CHECK(now.original_due == was.original_due);
    CHECK(now.effort == was.effort);
    CHECK(now.state == was.state);
    CHECK_FALSE(late_renegotiation(event_of(EventKind::edited, {{"late", true}}, 4)));

    SUBCASE("a malformed edit is a BadValue") {
        CHECK_THROWS_AS(apply_event(c, event_of(EventKind::edited,
                                                {{"client_kind", {{"after", "partner"}}}}, 4)),
                        BadValue);
        CHECK_THROWS_AS(apply_event(c, event_of(EventKind::edited, {{"title", "plain"}}, 4)),
                        BadValue);
    }
}

TEST_CASE("apply_event: a client kind edit moves a delivered commitment between tallies") {
    Commitment c = sample();
    apply_event(c, event_of(EventKind::closed,
                            closed_payload(c, State::delivered, ymd(2026, 12, 2), ymd(2026, 12, 2)),
                            2));
    Edit r;
    r.client_kind = ClientKind::internal;
    apply_event(c, event_of(EventKind::edited, edited_payload(c, r), 3));
    Tallier tallier;
    tallier.add(facts_of(c));
    auto tallies = tallier.tallies();
    REQUIRE(tallies.size() == 1);
    CHECK(tallies[0].client_kind == ClientKind::internal);
    CHECK(tallies[0].figures.delivered == 1);
    CHECK(tallies[0].figures.on_time_first == 1);
}

TEST_CASE("merge: edits replayed in total order, the later one wins per field") {
    // Two replicas edit concurrently on top of the same base: A the title and a tag, B the title
    // again, the client and another tag. Every replica replays them in (clock, origin) order.
    Event a = event_of(EventKind::edited,
                       {{"title", {{"before", "Expot API"}, {"after", "Export API"}}},
                        {"tags", {{"added", {"urgent"}}, {"dropped", nlohmann::json::array()}}},
                        {"base", "e1A"}},
                       2, "A");
    Event b = event_of(EventKind::edited,
                       {{"title", {{"before", "Expot API"}, {"after", "Export API v2"}}},
                        {"client", {{"before", "acem"}, {"after", "acme"}}},
                        {"tags", {{"added", {"sso"}}, {"dropped", {"q4"}}}},
                        {"base", "e1A"}},
                       2, "B");
    for (bool b_first : {false, true}) {
        CAPTURE(b_first);
        std::vector<Event> events = b_first ? std::vector<Event>{b, a} : std::vector<Event>{a, b};
        std::sort(events.begin(), events.end(), replays_before);
        Commitment c = sample();
        for (const auto& e : events) {
            apply_event(c, e);
        }
        CHECK(c.title == "Export API v2"); // B sorts after A at the same clock
        CHECK(c.client == "acme");
        CHECK(c.tags == std::vector<std::string>{"api", "urgent", "sso"});
    }

    ConflictFinder finder;
    finder.feed(a);
    finder.feed(b);
    auto found = finder.conflicts();
    REQUIRE(found.size() == 1);
    CHECK(found[0].events == std::vector<std::string>{"e2A", "e2B"});

    SUBCASE("an edit concurrent with a renegotiation is flagged too") {
        ConflictFinder mixed;
        mixed.feed(a);
        mixed.feed(event_of(
            EventKind::renegotiated,
            {{"due", {{"before", "2026-12-04"}, {"after", "2026-12-11"}}}, {"base", "e1A"}}, 2,
            "B"));
        CHECK(mixed.conflicts().size() == 1);
    }
    SUBCASE("an edit made after seeing the other is no conflict") {
        ConflictFinder sequential;
        sequential.feed(a);
        Event later = b;
        later.payload["base"] = a.uuid;
        later.clock = 3;
        sequential.feed(later);
        CHECK(sequential.conflicts().empty());
    }
}
