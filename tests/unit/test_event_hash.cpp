#include "kept/event.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

using namespace kept;

namespace {

Event sample_event() {
    Event e;
    e.uuid = "0f6a6c5e-1d2b-4c3d-8e4f-5a6b7c8d9e0f";
    e.commitment_uuid = "11111111-2222-4333-8444-555555555555";
    e.timestamp = "2026-11-23T09:00:00Z";
    e.day = "2026-11-23";
    e.actor = "alice";
    e.kind = EventKind::added;
    e.payload = {{"title", "Export API"}, {"effort_minutes", 120}, {"due", "2026-12-04"}};
    e.origin = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    e.clock = 7;
    return e;
}

} // namespace

TEST_CASE("canonical_form: a compact array with sorted payload keys") {
    CHECK(canonical_form(sample_event()) ==
          R"(["0f6a6c5e-1d2b-4c3d-8e4f-5a6b7c8d9e0f","11111111-2222-4333-8444-555555555555",)"
          R"("2026-11-23T09:00:00Z","2026-11-23","alice","added",)"
          R"({"due":"2026-12-04","effort_minutes":120,"title":"Export API"},null,)"
          R"("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",7,""])");
}

TEST_CASE("compute_hash: hex SHA-256 of the canonical form") {
    // sha256 of the canonical form above, computed independently.
    CHECK(compute_hash(sample_event()) ==
          "31479cb13f5e4bfb5e027e936f86c235aafa7fcc1479314c8c198b463a26c9d7");
    Event edited = sample_event();
    edited.actor = "mallory";
    CHECK(compute_hash(edited) != compute_hash(sample_event()));
}

TEST_CASE("new_uuid: time-ordered version-7 UUIDs") {
    static const std::regex form(
        "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string uuid = new_uuid();
        CHECK(std::regex_match(uuid, form));
        seen.insert(uuid);
    }
    CHECK(seen.size() == 100);
}

TEST_CASE("canonical_form: built from the stored payload text, the same bytes as the JSON array") {
    Event e = sample_event();
    SUBCASE("plain") {}
    SUBCASE("escapes and UTF-8") {
        e.actor = "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f";
        e.reason = "café ✓ \xF0\x9F\x98\x80 and </script>";
        e.payload["title"] = "ünïcödé \"quoted\"";
    }
    SUBCASE("negative clock and empty strings") {
        e.clock = -3;
        e.actor = "";
        e.prev_hash = "";
        e.reason = "";
    }
    nlohmann::json array = nlohmann::json::array(
        {e.uuid, e.commitment_uuid, e.timestamp, e.day, e.actor, "added", e.payload,
         e.reason ? nlohmann::json(*e.reason) : nlohmann::json(nullptr), e.origin, e.clock,
         e.prev_hash});
    std::string expected = array.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    CHECK(canonical_form(e) == expected);
    CHECK(canonical_form(e, e.payload.dump()) == expected);
    CHECK(compute_hash(e, e.payload.dump()) == compute_hash(e));
}

TEST_CASE("canonical_form: text that is not UTF-8 is refused, not hashed") {
    Event e = sample_event();
    e.actor = "bad \xC3\x28";
    CHECK_THROWS_AS(canonical_form(e), nlohmann::json::type_error);
}
