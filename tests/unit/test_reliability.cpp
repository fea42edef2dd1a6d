#include "kept/reliability.hpp"

#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kept;
using kept::test::day;
using kept::test::delivered;
using kept::test::hour;
using kept::test::promise;

TEST_CASE("Reliability: against the first promise and the last agreed date") {
    Reliability r;
    // On time against both.
    r.add(delivered(promise(1, "alice", "2026-11-01", "2026-11-10", hour), "2026-11-09"));
    // Moved from the 10th to the 14th, delivered on the 13th: late against the first promise.
    auto moved = promise(2, "alice", "2026-11-01", "2026-11-10", hour);
    moved.due = day("2026-11-14");
    moved.renegotiations = 1;
    r.add(delivered(moved, "2026-11-13"));
    // Late against both, by 2 and 6 days; one late renegotiation.
    auto late = promise(3, "bob", "2026-11-01", "2026-11-10", hour);
    late.due = day("2026-11-14");
    late.client = "billing";
    late.client_kind = ClientKind::internal;
    late.renegotiations = 2;
    late.late_renegotiations = 1;
    r.add(delivered(late, "2026-11-16"));
    // Dropped: not in the rates.
    auto dropped = promise(4, "bob", "2026-11-01", "2026-11-10", hour);
    dropped.state = State::dropped;
    dropped.closed = day("2026-11-05");
    r.add(dropped);
    // Open: only its renegotiations count.
    auto open = promise(5, "bob", "2026-11-01", "2026-12-10", hour);
    open.renegotiations = 1;
    r.add(open);

    CHECK(r.team.delivered == 3);
    CHECK(r.team.dropped == 1);
    CHECK(r.team.on_time_first == 1);
    CHECK(r.team.on_time_last == 2);
    CHECK(*r.team.on_time_first_rate() == doctest::Approx(100.0 / 3));
    CHECK(*r.team.on_time_last_rate() == doctest::Approx(200.0 / 3));
    CHECK(*r.team.mean_slip_days() == doctest::Approx((0 + 3 + 6) / 3.0));
    CHECK(*r.team.mean_late_days() == doctest::Approx(2 / 3.0));
    CHECK(r.team.proactive_renegotiations == 3);
    CHECK(r.team.late_renegotiations == 1);

    CHECK(r.internal.delivered == 1);
    CHECK(*r.internal.on_time_last_rate() == 0.0);
    CHECK(r.external.delivered == 2);
    CHECK(r.owners.at("alice").on_time_first == 1);
    CHECK(r.owners.at("bob").dropped == 1);
    CHECK(r.clients.at("billing").delivered == 1);
    CHECK(r.clients.at("acme").delivered == 2);

    auto rows = r.rows();
    REQUIRE(rows.size() == 3 + 2 + 2);
    CHECK(rows[0]->group == "team");
    CHECK(rows[1]->name == "internal");
    CHECK(rows[3]->name == "alice");
    CHECK(rows[5]->name == "acme");
}

TEST_CASE("Reliability: no delivered commitments leaves the rates unset") {
    Reliability r;
    CHECK(!r.team.on_time_first_rate());
    CHECK(!r.team.mean_slip_days());
    CHECK(r.rows().size() == 3);
}

TEST_CASE("Tallier: one tally per owner, client and kind; counted like Reliability") {
    auto a = delivered(promise(1, "alice", "2026-11-01", "2026-11-10", hour), "2026-11-12");
    auto b = promise(2, "alice", "2026-11-01", "2026-11-10", hour);
    b.renegotiations = 2;
    b.late_renegotiations = 1;
    auto c = b;
    c.client_kind = ClientKind::internal;
    auto d = promise(3, "bob", "2026-11-01", "2026-11-10", hour);
    d.state = State::dropped;

    Tallier tallier;
    Reliability direct;
    for (const auto& f : {a, b, c, d}) {
        tallier.add(f);
        direct.add(f);
    }
    auto tallies = tallier.tallies();
    REQUIRE(tallies.size() == 3);
    CHECK(tallies[0].owner == "alice");
    CHECK(tallies[0].client_kind == ClientKind::external);
    CHECK(tallies[0].figures.delivered == 1);
    CHECK(tallies[0].figures.slip_days == 2);
    CHECK(tallies[0].figures.late_renegotiations == 1);
    CHECK(tallies[1].client_kind == ClientKind::internal);
    CHECK(tallies[2].figures.dropped == 1);

    Reliability from_tallies;
    for (const auto& t : tallies) {
        from_tallies.add(t);
    }
    REQUIRE(from_tallies.rows().size() == direct.rows().size());
    for (std::size_t i = 0; i < direct.rows().size(); ++i) {
        CHECK(from_tallies.rows()[i]->name == direct.rows()[i]->name);
        CHECK(same_counts(*from_tallies.rows()[i], *direct.rows()[i]));
    }

    SUBCASE("differences: a group counted otherwise, a group missing on either side") {
        CHECK(tally_differences(tallies, tallies) == 0);
        auto changed = tallies;
        changed[1].figures.proactive_renegotiations += 1;
        CHECK(tally_differences(tallies, changed) == 1);
        auto fewer = tallies;
        fewer.erase(fewer.begin());
        CHECK(tally_differences(tallies, fewer) == 1);
        CHECK(tally_differences(fewer, tallies) == 1);
        CHECK(tally_differences({}, tallies) == 3);
    }
}
