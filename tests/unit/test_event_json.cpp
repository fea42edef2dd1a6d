#include "kept/commitment.hpp"
#include "kept/error.hpp"
#include "kept/event.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

/// An event line as an import reads it, with `clock` and the added payload's effort as given.
nlohmann::json line(const std::string& clock, const std::string& effort) {
    return nlohmann::json::parse(
        R"({"uuid":"u","commitment_uuid":"c","timestamp":"2026-11-23T09:00:00Z","day":"2026-11-23",)"
        R"("actor":"a","kind":"added","reason":null,"origin":"o","prev_hash":"","hash":"h",)"
        R"("clock":)" +
        clock +
        R"(,"payload":{"title":"t","client":"c","client_kind":"external","owner":"o",)"
        R"("due":"2026-12-01","effort_minutes":)" +
        effort + R"(,"scope":[],"tags":[],"created":"2026-11-23"}})");
}

std::string refusal(const nlohmann::json& object) {
    try {
        Event e = event_from_json(object);
        Commitment c;
        apply_event(c, e);
    } catch (const BadValue& error) {
        return error.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("event_from_json: the clock is a whole number from 1 to 2^63-1") {
    CHECK(refusal(line("1", "60")) == "accepted");
    CHECK(refusal(line("9223372036854775807", "60")) == "accepted");
    const std::string out_of_range =
        "event field \"clock\" must be a whole number from 1 to 2^63-1";
    CHECK(refusal(line("0", "60")) == out_of_range);
    CHECK(refusal(line("-1", "60")) == out_of_range);
    CHECK(refusal(line("9223372036854775808", "60")) == out_of_range);
    CHECK(refusal(line("18446744073709551615", "60")) == out_of_range);
    CHECK(refusal(line("1.5", "60")) == "event field \"clock\" has the wrong type");
}

TEST_CASE("apply_event: an effort that is not a whole number of minutes is a bad value") {
    const std::string not_whole =
        "event payload \"effort_minutes\" is not a whole number of minutes";
    CHECK(refusal(line("1", "1e300")) == not_whole);
    CHECK(refusal(line("1", "2.5")) == not_whole);
    CHECK(refusal(line("1", "18446744073709551615")) == not_whole);
    CHECK(refusal(line("1", "\"60\"")) == not_whole);
}
