#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kept {

/// What an event does to its commitment.
enum class EventKind { added, renegotiated, closed, reopened, edited };

std::string_view to_string(EventKind kind);
/// Throws BadValue for an unknown kind name.
EventKind parse_event_kind(std::string_view text);

/// One append-only change to the ledger. Everything but `seq` and `commitment_id` is global:
/// identical in every ledger the event is imported into, and covered by `hash`.
struct Event {
    std::int64_t seq = 0;           ///< position in this ledger (local)
    std::int64_t commitment_id = 0; ///< the commitment's id in this ledger (local)
    std::string uuid;
    std::string commitment_uuid;
    std::string timestamp; ///< UTC, YYYY-MM-DDTHH:MM:SSZ
    std::string day;       ///< the writer's calendar day when it happened, YYYY-MM-DD
    std::string actor;
    EventKind kind = EventKind::added;
    nlohmann::json payload = nlohmann::json::object();
    std::optional<std::string> reason;
    std::string origin;     ///< UUID of the ledger the event was first written in
    std::int64_t clock = 0; ///< Lamport clock: greater than every event its writer had seen
    std::string prev_hash;  ///< hash of the previous event of the same origin ("" for the first)
    std::string hash;       ///< hex SHA-256 of canonical_form()
    /// Outside the hash (they vouch for it): the origin's Ed25519 signature of `hash` ("" when
    /// unsigned: history from before signatures, or not shared yet), and the public key the
    /// origin announces with this event ("" but on its first signed event, or a new key's).
    std::string signature;
    std::string public_key;
};

/// The exact bytes the hash covers: a compact JSON array of the global fields in a fixed order,
/// including prev_hash. Object keys are sorted, so the form does not depend on insertion order.
std::string canonical_form(const Event& event);

/// The same bytes as canonical_form(event) when `payload_json` is the payload as kept stores it
/// (compact, keys sorted); event.payload is not read. Lets verify hash stored events without
/// parsing their payloads.
std::string canonical_form(const Event& event, std::string_view payload_json);

/// Hex SHA-256 of canonical_form(event).
std::string compute_hash(const Event& event);
/// Hex SHA-256 of canonical_form(event, payload_json).
std::string compute_hash(const Event& event, std::string_view payload_json);

/// The event as an NDJSON/JSON object (the export format; see docs/formats.md): signature and
/// public_key only when set.
nlohmann::ordered_json to_json(const Event& event);
/// Reads an event written by to_json. Throws BadValue naming the missing or wrong field.
Event event_from_json(const nlohmann::json& object);

/// Events sort in one total order on every replica: by Lamport clock, then by origin.
bool replays_before(const Event& a, const Event& b);

/// A fresh time-ordered (version 7) UUID: see util/uuid.hpp.
std::string new_uuid();

} // namespace kept
