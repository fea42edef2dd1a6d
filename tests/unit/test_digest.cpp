#include "kept/digest.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;

namespace {

Commitment commitment(std::int64_t id, const std::string& owner, const char* due) {
    Commitment c;
    c.id = id;
    c.title = "work " + std::to_string(id);
    c.client = "acme";
    c.owner = owner;
    c.due = c.original_due = day(due);
    c.created = day("2026-11-16");
    return c;
}

Event event(std::int64_t id, EventKind kind, const char* on, std::int64_t clock,
            nlohmann::json payload = nlohmann::json::object()) {
    Event e;
    e.commitment_id = id;
    e.kind = kind;
    e.day = on;
    e.clock = clock;
    e.actor = "alice";
    e.payload = std::move(payload);
    return e;
}

nlohmann::json moved_due(const char* before, const char* after) {
    return {{"due", {{"before", before}, {"after", after}}},
            {"requested_by", "client"},
            {"due_in_force", before},
            {"late", false}};
}

nlohmann::json closed_as(const char* state, const char* on) {
    return {{"state", {{"before", "open"}, {"after", state}}}, {"on", on}};
}

Digest period(const char* since, const char* until) {
    Digest d;
    d.since = day(since);
    d.until = day(until);
    return d;
}

DigestTalkItem talk(const std::string& owner, const std::string& client, std::int64_t id,
                    std::optional<Date> talk_by, bool triaged = false) {
    DigestTalkItem item{owner, client, ClientKind::external, {}};
    item.talk.id = id;
    item.talk.due = talk_by.value_or(day("2026-11-20"));
    item.talk.talk_by = talk_by;
    item.talk.triaged = triaged;
    if (triaged) {
        item.talk.proposed = day("2026-12-10");
        item.talk.command = "kept renegotiate " + std::to_string(id);
    }
    return item;
}

} // namespace

TEST_CASE("add_period_events: only the events dated in [since, until], each in its section") {
    std::map<std::int64_t, Commitment> commitments = {{1, commitment(1, "bob", "2026-11-27")},
                                                      {2, commitment(2, "bob", "2026-11-24")},
                                                      {3, commitment(3, "bob", "2026-11-30")}};
    commitments[2].state = State::delivered;
    commitments[3].state = State::dropped;
    std::vector<Event> events = {
        event(1, EventKind::added, "2026-11-22", 1), // the day before the period
        event(2, EventKind::added, "2026-11-23", 2),
        event(3, EventKind::added, "2026-11-23", 3),
        event(1, EventKind::edited, "2026-11-24", 4,
              {{"title", {{"before", "a"}, {"after", "b"}}}}),
        event(1, EventKind::renegotiated, "2026-11-24", 5, moved_due("2026-11-24", "2026-11-27")),
        event(2, EventKind::closed, "2026-11-25", 6, closed_as("delivered", "2026-11-24")),
        event(3, EventKind::closed, "2026-11-25", 7, closed_as("dropped", "2026-11-25")),
        event(3, EventKind::reopened, "2026-11-25", 8),
        event(1, EventKind::renegotiated, "2026-11-26", 9, moved_due("2026-11-27", "2026-11-30")),
    };
    Digest d = period("2026-11-23", "2026-11-25");
    add_period_events(d, Config{}, events, commitments);

    REQUIRE(d.promised.size() == 2);
    CHECK(d.promised[0].commitment.id == 2);
    CHECK(d.promised[1].commitment.id == 3);
    // The edit is not a move, and the renegotiation of the 26th is after the period.
    REQUIRE(d.moved.size() == 1);
    CHECK(d.moved[0].change.due_after == day("2026-11-27"));
    CHECK(d.moved[0].change.requested_by == "client");
    REQUIRE(d.delivered.size() == 1);
    CHECK(d.delivered[0].on == day("2026-11-24"));
    CHECK(d.delivered[0].day == day("2026-11-25"));
    REQUIRE(d.dropped.size() == 1);
    CHECK(d.dropped[0].commitment.id == 3);
}

TEST_CASE("add_period_events: a moved date counts the owner's working days, signed") {
    Config config;
    config.holidays = {day("2026-11-26")}; // a Thursday
    std::map<std::int64_t, Commitment> commitments = {{1, commitment(1, "bob", "2026-12-01")}};
    std::vector<Event> events = {
        // Tue 24 to Mon 30: Wed, Fri and Mon (Thursday a holiday, then a weekend).
        event(1, EventKind::renegotiated, "2026-11-23", 1, moved_due("2026-11-24", "2026-11-30")),
        // Back from Mon 30 to Fri 27: Mon and the weekend after Friday, one working day.
        event(1, EventKind::renegotiated, "2026-11-23", 2, moved_due("2026-11-30", "2026-11-27")),
        // Fri 27 to Sun 29: no working day.
        event(1, EventKind::renegotiated, "2026-11-23", 3, moved_due("2026-11-27", "2026-11-29")),
        event(1, EventKind::renegotiated, "2026-11-23", 4,
              {{"effort_minutes", {{"before", 60}, {"after", 120}}},
               {"requested_by", "team"},
               {"late", true}}),
    };
    Digest d = period("2026-11-23", "2026-11-23");
    add_period_events(d, config, events, commitments);
    REQUIRE(d.moved.size() == 4);
    CHECK(d.moved[0].working_days == 3);
    CHECK(move_text(d.moved[0]) == "3 working days later");
    CHECK(d.moved[1].working_days == -1);
    CHECK(move_text(d.moved[1]) == "1 working day earlier");
    CHECK(d.moved[2].working_days == 0);
    CHECK(move_text(d.moved[2]) == "no working day later");
    CHECK_FALSE(d.moved[3].working_days.has_value());
    CHECK(move_text(d.moved[3]) == "date kept");
    CHECK(d.moved[3].change.late);
    CHECK(other_changes_text(d.moved[3].change) == "effort 1.0h → 2.0h");
}

TEST_CASE("add_period_events: the same day in replay order, whatever order the events come in") {
    std::map<std::int64_t, Commitment> commitments = {{1, commitment(1, "bob", "2026-12-01")},
                                                      {2, commitment(2, "bob", "2026-12-01")}};
    std::vector<Event> events = {event(2, EventKind::added, "2026-11-23", 7),
                                 event(1, EventKind::added, "2026-11-24", 2),
                                 event(1, EventKind::added, "2026-11-23", 9)};
    Digest d = period("2026-11-23", "2026-11-24");
    add_period_events(d, Config{}, events, commitments);
    REQUIRE(d.promised.size() == 3);
    CHECK(d.promised[0].commitment.id == 2);
    CHECK(d.promised[0].day == day("2026-11-23"));
    CHECK(d.promised[1].day == day("2026-11-23"));
    CHECK(d.promised[2].day == day("2026-11-24"));
}

TEST_CASE("talk_groups: by owner, the most urgent talk first; forecast and triage merged") {
    std::vector<DigestTalkItem> items = {
        talk("bob", "acme", 4, day("2026-11-30")),
        talk("bob", "acme", 6, std::nullopt),
        talk("alice", "globex", 2, day("2026-11-27")),
        talk("alice", "acme", 1, day("2026-11-30")),
        talk("alice", "acme", 3, day("2026-11-26")),
        talk("alice", "initech", 5, std::nullopt), // overdue
        talk("alice", "acme", 3, day("2026-11-26"), true),
    };
    std::vector<DigestTalkGroup> groups = talk_groups(items);
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].client == "initech");
    CHECK_FALSE(groups[0].talk_by().has_value());
    CHECK(groups[1].client == "acme");
    CHECK(groups[1].talk_by() == day("2026-11-26"));
    CHECK(groups[2].client == "globex");
    CHECK(groups[3].owner == "bob");
    REQUIRE(groups[3].commitments.size() == 2);
    CHECK(groups[3].commitments[0].id == 6); // overdue first
    const std::vector<DigestTalk>& acme = groups[1].commitments;
    REQUIRE(acme.size() == 2);
    CHECK(acme[0].id == 3);
    CHECK(acme[0].triaged);
    CHECK(acme[0].proposed == day("2026-12-10"));
    CHECK(acme[0].command == "kept renegotiate 3");
    CHECK(acme[1].id == 1);
    CHECK_FALSE(acme[1].triaged);
}

TEST_CASE("digest texts: lateness, load, summary") {
    CHECK(against_text(day("2026-11-24"), day("2026-11-24")) == "on time");
    CHECK(against_text(day("2026-11-23"), day("2026-11-24")) == "on time");
    CHECK(against_text(day("2026-11-26"), day("2026-11-24")) == "2 days late");
    WeekLoad week;
    week.load_minutes = 1440;
    week.capacity_minutes = 2400;
    CHECK(load_text(week) == "24.0h of 40.0h");
    week.late_minutes = 120;
    CHECK(load_text(week) == "24.0h of 40.0h (2h late)");
    week.late_minutes = 20;
    CHECK(load_text(week) == "24.0h of 40.0h (<1h late)");
    CHECK(load_text(WeekLoad{}) == "-");

    Digest d = period("2026-11-23", "2026-11-25");
    CHECK(digest_summary(d) ==
          "0 promised, 0 moved, 0 delivered, 0 dropped; no client to talk to.");
    DigestClose late{commitment(1, "bob", "2026-11-23"), day("2026-11-24"), day("2026-11-24"), ""};
    DigestClose on_time{commitment(2, "bob", "2026-11-24"), day("2026-11-24"), day("2026-11-24"),
                        ""};
    d.delivered = {late, on_time};
    d.talk =
        talk_groups({talk("bob", "acme", 1, std::nullopt), talk("bob", "acme", 2, std::nullopt)});
    CHECK(digest_summary(d) ==
          "0 promised, 0 moved, 2 delivered (1 on time), 0 dropped; talk to 1 client about 2 "
          "commitments.");
}

TEST_CASE("digest_markdown: an empty ledger says so") {
    Digest d = period("2026-11-23", "2026-11-25");
    d.team = "platform";
    d.ledger_empty = true;
    CHECK(digest_markdown(d) ==
          "# Digest of the platform team, Mon 2026-11-23 to Wed 2026-11-25\n\n"
          "The ledger holds no commitments yet: nothing to digest.\n");
}
