#include "kept/commitment.hpp"
#include "kept/error.hpp"
#include "kept/event.hpp"
#include "kept/event_lines.hpp"
#include "kept/verify.hpp"

#include <doctest/doctest.h>

using namespace kept;

namespace {

Event sample_event() {
    Event e;
    e.seq = 7;
    e.commitment_id = 3;
    e.uuid = "00000000-0000-4000-8000-000000000001";
    e.commitment_uuid = "00000000-0000-4000-8000-0000000000c1";
    e.timestamp = "2026-11-23T09:00:00Z";
    e.day = "2026-11-23";
    e.actor = "alice";
    e.kind = EventKind::added;
    e.payload = {{"title", "Export"},         {"client", "acme"},
                 {"client_kind", "external"}, {"owner", "alice"},
                 {"due", "2026-12-04"},       {"effort_minutes", 480},
                 {"scope", {"csv"}},          {"tags", nlohmann::json::array()},
                 {"created", "2026-11-23"}};
    e.origin = "00000000-0000-4000-8000-0000000000aa";
    e.clock = 1;
    return e;
}

} // namespace

TEST_CASE("canonical_form: fixed field order, sorted payload keys, no local fields") {
    Event e = sample_event();
    std::string form = canonical_form(e);
    CHECK(form ==
          R"(["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-0000000000c1",)"
          R"("2026-11-23T09:00:00Z","2026-11-23","alice","added",{"client":"acme",)"
          R"("client_kind":"external","created":"2026-11-23","due":"2026-12-04",)"
          R"("effort_minutes":480,"owner":"alice","scope":["csv"],"tags":[],"title":"Export"},)"
          R"(null,"00000000-0000-4000-8000-0000000000aa",1,""])");
    SUBCASE("seq and commitment id are local and not hashed") {
        Event moved = e;
        moved.seq = 99;
        moved.commitment_id = 42;
        CHECK(canonical_form(moved) == form);
    }
    SUBCASE("payload key order does not matter") {
        Event reordered = e;
        reordered.payload = nlohmann::json::parse(R"({"title":"Export","tags":[],"scope":["csv"],
            "owner":"alice","effort_minutes":480,"due":"2026-12-04","created":"2026-11-23",
            "client_kind":"external","client":"acme"})");
        CHECK(canonical_form(reordered) == form);
    }
}

TEST_CASE("compute_hash: SHA-256 of the canonical form, sensitive to every global field") {
    Event e = sample_event();
    std::string hash = compute_hash(e);
    CHECK(hash.size() == 64);
    CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(compute_hash(e) == hash);
    auto differs = [&](auto change) {
        Event copy = e;
        change(copy);
        return compute_hash(copy) != hash;
    };
    CHECK(differs([](Event& x) { x.uuid.back() = '2'; }));
    CHECK(differs([](Event& x) { x.actor = "mallory"; }));
    CHECK(differs([](Event& x) { x.payload["effort_minutes"] = 481; }));
    CHECK(differs([](Event& x) { x.reason = ""; }));
    CHECK(differs([](Event& x) { x.clock = 2; }));
    CHECK(differs([](Event& x) { x.prev_hash = "ab"; }));
    CHECK(differs([](Event& x) { x.day = "2026-11-24"; }));
}

TEST_CASE("compute_hash: a known vector") {
    Event e;
    e.payload = nlohmann::json::object();
    // The expected value is the output of: printf '%s' FORM | sha256sum
    CHECK(canonical_form(e) == R"(["","","","","","added",{},null,"",0,""])");
    CHECK(compute_hash(e) == "f41f536b8402daef105dab4b5d3aec10295bd9da2054a14410703248fdf5a40a");
}

TEST_CASE("event JSON round trip and line parsing") {
    Event e = sample_event();
    e.prev_hash = "abc";
    e.hash = compute_hash(e);
    e.reason = "why \"quoted\"\nand a newline";
    std::string line = event_line(e);
    CHECK(line.find('\n') == std::string::npos);
    auto parsed = parse_event_lines(line + "\n\n" + line);
    REQUIRE(parsed.size() == 2);
    CHECK(canonical_form(parsed[0]) == canonical_form(e));
    CHECK(parsed[1].hash == e.hash);

    SUBCASE("errors name the line") {
        CHECK_THROWS_WITH_AS(parse_event_lines(line + "\n{not json"),
                             "line 2: not valid JSON (at byte 3)", BadValue);
        nlohmann::json missing = to_json(e);
        missing.erase("hash");
        CHECK_THROWS_WITH_AS(parse_event_lines(line + "\n" + line + "\n" + missing.dump()),
                             "line 3: event field \"hash\" is missing", BadValue);
        nlohmann::json wrong = to_json(e);
        wrong["clock"] = "one";
        CHECK_THROWS_WITH_AS(parse_event_lines(wrong.dump()),
                             "line 1: event field \"clock\" has the wrong type", BadValue);
        wrong = to_json(e);
        wrong["kind"] = "deleted";
        CHECK_THROWS_AS(parse_event_lines(wrong.dump()), BadValue);
    }
}

TEST_CASE("replays_before: clock first, then origin") {
    Event a = sample_event(), b = sample_event();
    a.clock = 1;
    b.clock = 2;
    CHECK(replays_before(a, b));
    CHECK_FALSE(replays_before(b, a));
    b.clock = 1;
    a.origin = "a";
    b.origin = "b";
    CHECK(replays_before(a, b));
    CHECK_FALSE(replays_before(a, a));
}

TEST_CASE("new_uuid: version 7, unique, in the order made") {
    std::string a = new_uuid(), b = new_uuid();
    CHECK(a < b);
    REQUIRE(a.size() == 36);
    CHECK(a[14] == '7');
    CHECK(std::string("89ab").find(a[19]) != std::string::npos);
}

TEST_CASE("ChainChecker: links per origin, first bad seq") {
    auto chain = [](int n, const std::string& origin, int first_seq) {
        std::vector<Event> out;
        std::string prev;
        for (int i = 0; i < n; ++i) {
            Event e = sample_event();
            e.uuid = origin + std::to_string(i);
            e.origin = origin;
            e.seq = first_seq + i;
            e.clock = i + 1;
            e.prev_hash = prev;
            e.hash = compute_hash(e);
            prev = e.hash;
            out.push_back(e);
        }
        return out;
    };
    auto a = chain(3, "a", 1);
    auto b = chain(2, "b", 10);
    SUBCASE("interleaved origins pass") {
        ChainChecker checker;
        for (const auto& e : {a[0], b[0], a[1], b[1], a[2]}) {
            CHECK(checker.feed(e));
        }
        CHECK(checker.checked() == 5);
        CHECK_FALSE(checker.first_bad_seq());
    }
    SUBCASE("an edited event") {
        ChainChecker checker;
        a[1].actor = "mallory";
        CHECK(checker.feed(a[0]));
        CHECK_FALSE(checker.feed(a[1]));
        CHECK(checker.first_bad_seq() == 2);
        CHECK(checker.problem() == "its content does not match its hash (edited)");
    }
    SUBCASE("a deleted event") {
        ChainChecker checker;
        CHECK(checker.feed(a[0]));
        CHECK_FALSE(checker.feed(a[2]));
        CHECK(checker.first_bad_seq() == 3);
    }
    SUBCASE("the first event deleted") {
        ChainChecker checker;
        CHECK_FALSE(checker.feed(a[1]));
        CHECK(checker.first_bad_seq() == 2);
    }
    SUBCASE("two events swapped") {
        ChainChecker checker;
        CHECK(checker.feed(a[0]));
        CHECK_FALSE(checker.feed(a[2]));
        CHECK_FALSE(checker.feed(a[1]));
        CHECK(checker.first_bad_seq() == 3);
    }
}

TEST_CASE("apply_event: renegotiation operations and counters") {
    Event added = sample_event();
    Commitment c;
    apply_event(c, added);
    CHECK(c.title == "Export");
    CHECK(c.effort == 480);
    CHECK(c.due == c.original_due);
    Event change = sample_event();
    change.kind = EventKind::renegotiated;
    change.clock = 2;
    change.payload = {{"effort_minutes", {{"before", 480}, {"after", 600}}},
                      {"scope", {{"added", {"json", "xml"}}, {"dropped", {"csv"}}}},
                      {"late", true}};
    apply_event(c, change);
    CHECK(c.effort == 600);
    CHECK(c.original_effort == 480);
    CHECK(c.scope == std::vector<std::string>{"json", "xml"});
    CHECK(c.scope_added == 2);
    CHECK(c.scope_dropped == 1);
    CHECK(c.renegotiations == 1);
    CHECK(c.late_renegotiations == 1);
    CHECK(c.last_clock == 2);

    Event malformed = change;
    malformed.payload = {{"effort_minutes", {{"after", "lots"}}}};
    CHECK_THROWS_AS(apply_event(c, malformed), BadValue);
}
