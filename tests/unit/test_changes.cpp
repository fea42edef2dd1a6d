#include "kept/changes.hpp"
#include "kept/error.hpp"

#include <doctest/doctest.h>

using namespace kept;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return sys_days(year(y) / month(m) / d);
}

NewCommitment request() {
    NewCommitment r;
    r.title = "Export";
    r.client = "acme";
    r.owner = "alice";
    r.due = ymd(2026, 12, 4);
    r.effort = 480;
    r.scope = {"csv"};
    return r;
}

Commitment open_commitment() {
    Event e;
    e.kind = EventKind::added;
    e.payload = added_payload(request(), ymd(2026, 11, 23));
    Commitment c;
    apply_event(c, e);
    c.id = 5;
    return c;
}

} // namespace

TEST_CASE("added_payload: valid request") {
    auto p = added_payload(request(), ymd(2026, 11, 23));
    CHECK(p["created"] == "2026-11-23");
    CHECK(p["due"] == "2026-12-04");
    CHECK(p["effort_minutes"] == 480);
    CHECK(p["client_kind"] == "external");
    SUBCASE("due today is fine") {
        auto r = request();
        r.due = ymd(2026, 11, 23);
        CHECK_NOTHROW(added_payload(r, ymd(2026, 11, 23)));
    }
}

TEST_CASE("added_payload: rejects bad values naming the field") {
    auto r = request();
    SUBCASE("blank title") {
        r.title = " \t";
        CHECK_THROWS_WITH_AS(added_payload(r, ymd(2026, 11, 23)), "title: \" \t\" is empty",
                             BadValue);
    }
    SUBCASE("due before today") {
        CHECK_THROWS_WITH_AS(added_payload(r, ymd(2026, 12, 5)),
                             "--due: \"2026-12-04\" is before today (2026-12-05)", BadValue);
    }
    SUBCASE("invalid UTF-8") {
        r.client = "acme\xc3";
        CHECK_THROWS_WITH_AS(added_payload(r, ymd(2026, 11, 23)),
                             "--client: the text is not valid UTF-8", BadValue);
    }
    SUBCASE("overlong UTF-8 and surrogates") {
        r.title = "\xc0\xaf";
        CHECK_THROWS_AS(added_payload(r, ymd(2026, 11, 23)), BadValue);
        r.title = "\xed\xa0\x80";
        CHECK_THROWS_AS(added_payload(r, ymd(2026, 11, 23)), BadValue);
    }
    SUBCASE("valid multibyte text passes") {
        r.title = "Überweisung ✓ 🚀";
        CHECK_NOTHROW(added_payload(r, ymd(2026, 11, 23)));
    }
    SUBCASE("duplicate tag") {
        r.tags = {"q4", "q4"};
        CHECK_THROWS_WITH_AS(added_payload(r, ymd(2026, 11, 23)), "--tag: \"q4\" is given twice",
                             BadValue);
    }
    SUBCASE("zero effort") {
        r.effort = 0;
        CHECK_THROWS_AS(added_payload(r, ymd(2026, 11, 23)), BadValue);
    }
}

TEST_CASE("renegotiated_payload: before/after values, late, requested_by") {
    Commitment c = open_commitment();
    Renegotiation r;
    r.due = ymd(2026, 12, 11);
    r.effort = EffortChange{EffortChange::Mode::add, 120};
    r.add_scope = {"json"};
    r.drop_scope = {"csv"};
    r.owner = "bob";
    r.requested_by = "client";
    auto p = renegotiated_payload(c, r, ymd(2026, 12, 4));
    CHECK(p["due"] == nlohmann::json({{"before", "2026-12-04"}, {"after", "2026-12-11"}}));
    CHECK(p["effort_minutes"] == nlohmann::json({{"before", 480}, {"after", 600}}));
    CHECK(p["owner"] == nlohmann::json({{"before", "alice"}, {"after", "bob"}}));
    CHECK(p["scope"]["added"] == nlohmann::json({"json"}));
    CHECK(p["late"] == false); // on the due date is still proactive
    CHECK(p["due_in_force"] == "2026-12-04");
    CHECK(p["requested_by"] == "client");
    CHECK(renegotiated_payload(c, r, ymd(2026, 12, 5))["late"] == true);
}

TEST_CASE("renegotiated_payload: refusals") {
    Commitment c = open_commitment();
    Renegotiation r;
    CHECK_THROWS_WITH_AS(renegotiated_payload(c, r, ymd(2026, 11, 24)),
                         doctest::Contains("nothing to renegotiate"), BadValue);
    r.due = c.due;
    CHECK_THROWS_AS(renegotiated_payload(c, r, ymd(2026, 11, 24)), BadValue);
    r.due = ymd(2026, 11, 22);
    CHECK_THROWS_WITH_AS(renegotiated_payload(c, r, ymd(2026, 11, 24)),
                         "--due: \"2026-11-22\" is before the commitment was made (2026-11-23)",
                         BadValue);
    r = {};
    r.effort = EffortChange{EffortChange::Mode::subtract, 480};
    CHECK_THROWS_AS(renegotiated_payload(c, r, ymd(2026, 11, 24)), BadValue);
    c.state = State::dropped;
    r = {};
    r.owner = "bob";
    CHECK_THROWS_WITH_AS(renegotiated_payload(c, r, ymd(2026, 11, 24)),
                         "commitment #5 is dropped; reopen it before renegotiating", BadValue);
}

TEST_CASE("closed_payload and reopened_payload: state rules") {
    Commitment c = open_commitment();
    auto p = closed_payload(c, State::delivered, ymd(2026, 11, 30), ymd(2026, 12, 1));
    CHECK(p["state"]["after"] == "delivered");
    CHECK(p["on"] == "2026-11-30");
    CHECK_THROWS_WITH_AS(closed_payload(c, State::delivered, ymd(2026, 12, 2), ymd(2026, 12, 1)),
                         "--on: \"2026-12-02\" is in the future", BadValue);
    CHECK_THROWS_AS(closed_payload(c, State::delivered, ymd(2026, 11, 1), ymd(2026, 12, 1)),
                    BadValue);
    CHECK_THROWS_WITH_AS(reopened_payload(c), "commitment #5 is already open", BadValue);
    c.state = State::delivered;
    CHECK(reopened_payload(c)["state"]["before"] == "delivered");
    CHECK_THROWS_WITH_AS(closed_payload(c, State::dropped, ymd(2026, 12, 1), ymd(2026, 12, 1)),
                         "commitment #5 is delivered; reopen it first to close it again", BadValue);
}
