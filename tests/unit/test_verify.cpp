#include "kept/changes.hpp"
#include "kept/verify.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace kept;

namespace {

const Date today = parse_iso_date("2026-11-23").value();

/// A small history: #1 added and renegotiated, #2 added and closed; chained, as a ledger writes it.
struct History {
    std::vector<Event> events;
    std::vector<Commitment> stored;

    History() {
        Commitment one = add(1, "Export API");
        Renegotiation later;
        later.due = today + std::chrono::days(20);
        append(one, EventKind::renegotiated, renegotiated_payload(one, later, today));
        Commitment two = add(2, "Fix login");
        append(two, EventKind::closed, closed_payload(two, State::delivered, today, today));
        stored = {one, two};
    }

    Commitment add(std::int64_t id, const std::string& title) {
        NewCommitment request{
            title, "acme", ClientKind::external, "alice", today + std::chrono::days(10), 120,
            {},    {},   std::nullopt};
        Commitment c;
        c.id = id;
        append(c, EventKind::added, added_payload(request, today), new_uuid());
        return c;
    }

    void append(Commitment& c, EventKind kind, nlohmann::json payload, std::string uuid = "") {
        Event e;
        e.seq = static_cast<std::int64_t>(events.size()) + 1;
        e.commitment_id = c.id;
        e.uuid = new_uuid();
        e.commitment_uuid = uuid.empty() ? c.uuid : uuid;
        e.timestamp = "2026-11-23T09:00:00Z";
        e.day = "2026-11-23";
        e.actor = "tester";
        e.kind = kind;
        e.payload = std::move(payload);
        e.origin = "origin-a";
        e.clock = e.seq;
        e.prev_hash = events.empty() ? "" : events.back().hash;
        e.hash = compute_hash(e);
        apply_event(c, e);
        events.push_back(e);
    }

    /// Feeds the events grouped by commitment, as verify does.
    StateChecker check() const {
        StateChecker checker(stored);
        for (std::int64_t id : {1, 2}) {
            for (const auto& e : events) {
                if (e.commitment_id == id) {
                    checker.feed(e);
                }
            }
        }
        checker.finish();
        return checker;
    }
};

std::optional<std::int64_t> first_bad_seq(const std::vector<Event>& events) {
    ChainChecker chain;
    for (const auto& e : events) {
        chain.feed(e);
    }
    return chain.first_bad_seq();
}

} // namespace

TEST_CASE("ChainChecker: an untouched history passes") {
    History h;
    CHECK(first_bad_seq(h.events) == std::nullopt);
}

TEST_CASE("ChainChecker: names the edited, the one after a deleted, and the first reordered") {
    History h;
    SUBCASE("edited payload") {
        h.events[1].payload["reason_note"] = "x";
        CHECK(first_bad_seq(h.events) == 2);
    }
    SUBCASE("deleted middle event") {
        h.events.erase(h.events.begin() + 1);
        CHECK(first_bad_seq(h.events) == 3);
    }
    SUBCASE("two events swapped") {
        std::swap(h.events[1], h.events[2]);
        CHECK(first_bad_seq(h.events) == 3);
    }
}

TEST_CASE("StateChecker: a table that matches its events passes") {
    History h;
    auto checker = h.check();
    CHECK(checker.first_bad_commitment() == std::nullopt);
    CHECK(checker.problem() == "");
}

TEST_CASE("StateChecker: a deleted latest event shows in the commitment it changed") {
    History h;
    h.events.pop_back(); // #2's close
    auto checker = h.check();
    CHECK(checker.first_bad_commitment() == 2);
    CHECK(checker.problem() ==
          "its stored state differs from what its events give (an event was deleted, or the row "
          "edited)");
}

TEST_CASE("StateChecker: a commitment without events, and events without a commitment") {
    History h;
    SUBCASE("added event deleted") {
        std::erase_if(h.events, [](const Event& e) { return e.commitment_id == 2; });
        auto checker = h.check();
        CHECK(checker.first_bad_commitment() == 2);
        CHECK(checker.problem() == "it has no events (its added event was deleted)");
    }
    SUBCASE("row deleted") {
        h.stored.pop_back();
        auto checker = h.check();
        CHECK(checker.first_bad_commitment() == 2);
        CHECK(checker.problem() == "it has events but no row in the commitments table");
    }
    SUBCASE("only the renegotiation left of #1") {
        h.events.erase(h.events.begin());
        auto checker = h.check();
        CHECK(checker.first_bad_commitment() == 1);
        CHECK(checker.problem() == "its first event (seq 2) is not its added event: the added "
                                   "event is missing");
    }
}

TEST_CASE("StateChecker: counts the commitments affected and names the lowest") {
    History h;
    h.stored[0].title = "Edited";
    h.stored[1].due = today;
    auto checker = h.check();
    CHECK(checker.first_bad_commitment() == 1);
    CHECK(checker.problem() == "its stored title differs from what its events give (an event was "
                               "deleted, or the row edited) (2 commitments affected)");
}

TEST_CASE("first_difference: each field is compared") {
    History h;
    Commitment a = h.stored[0];
    Commitment b = a;
    CHECK(first_difference(a, b) == "");
    b.scope_dropped = 3;
    CHECK(first_difference(a, b) == "scope_dropped");
    b = a;
    b.closed = today;
    CHECK(first_difference(a, b) == "closed");
    b = a;
    b.last_clock = 99;
    CHECK(first_difference(a, b) == "last_clock");
}

TEST_CASE("describe_clock_mismatches: the lowest commitment, what is wrong, how many") {
    CHECK(describe_clock_mismatches({}) == "");
    CHECK(describe_clock_mismatches({{3, 6, 3}}) ==
          "commitment #3 does not match its events: its row reflects an event its history no "
          "longer holds (clock 6, its latest event has clock 3): an event was deleted, or the row "
          "edited");
    CHECK(describe_clock_mismatches({{3, 1, 6}}) ==
          "commitment #3 does not match its events: its row lags behind its events (clock 1, its "
          "latest event has clock 6): the row was edited");
    CHECK(
        describe_clock_mismatches({{4, 9, std::nullopt}}) ==
        "commitment #4 does not match its events: it has no events (its added event was deleted)");
    CHECK(describe_clock_mismatches({{1, std::nullopt, 2}, {5, 7, 6}}) ==
          "commitment #1 does not match its events: it has events but no row in the commitments "
          "table (2 commitments affected)");
}
