// Fuzzes one line of an event import (NDJSON, `kept export --events`): JSON parsing, then
// event_from_json, the hash, and applying the event to a commitment. An accepted event must
// survive to_json and back unchanged. (Commitment rows have their own target beside this.)

#include "fuzz.hpp"
#include "kept/commitment.hpp"
#include "kept/event.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kept;
    auto json = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        return 0; // import reports a line that is not JSON as a bad value
    }
    fuzz::refusing_allowed([&] {
        Event event = event_from_json(json);
        std::string hash = compute_hash(event);
        fuzz::expect(hash.size() == 64);

        Event again = event_from_json(nlohmann::json::parse(to_json(event).dump()));
        fuzz::expect(canonical_form(again) == canonical_form(event));
        fuzz::expect(again.hash == event.hash);

        Commitment commitment;
        apply_event(commitment, event);
        fuzz::expect(commitment.last_clock == event.clock);
    });
    return 0;
}
