#pragma once

// The event log: the append-only events table, each origin's hash chain and the Lamport clock.

#include "kept/commitment.hpp"
#include "kept/event.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

class Connection;

/// Which events for_each_event visits.
struct EventQuery {
    std::optional<std::int64_t> commitment_id;
    std::optional<Date> since;             ///< events made on or after this day
    std::optional<Date> until;             ///< events made on or before this day
    std::optional<std::string> origin;     ///< only events first written in this ledger
    std::optional<std::int64_t> after_seq; ///< only events after this seq
    /// only events of commitments that have an event made after this day
    std::optional<Date> changed_after;
    bool replay_order = false; ///< total replay order (clock, origin) instead of ledger order (seq)
    bool by_commitment = false; ///< grouped by commitment id, each group in replay order
};

/// An event an import could not take, and why; the later events of its origin were left out
/// with it.
struct RefusedEvent {
    std::string uuid;
    std::string origin;
    std::string reason;
};

/// What an import did.
struct ImportCounts {
    std::int64_t added = 0;            ///< events new to this ledger
    std::int64_t present = 0;          ///< events it already held
    std::vector<RefusedEvent> refused; ///< with OnBadEvent::skip_origin: one per origin
};

/// What a batch import does with an event it cannot take.
enum class OnBadEvent {
    fail,        ///< throw, importing nothing
    skip_origin, ///< leave it and every later event of its origin out, import the rest
};

/// The events of one ledger (Ledger::events()). Writing methods must run inside Ledger::write;
/// every failure surfaces as a kept::Error.
class EventLog {
  public:
    explicit EventLog(Connection& connection) : c_(connection) {}

    /// Visits the events `query` selects, payload parsed. StorageError when a payload is not JSON.
    void for_each_event(const EventQuery& query, const std::function<void(const Event&)>& visit);
    /// Like for_each_event, but hands over each payload as the JSON text stored, unparsed
    /// (event.payload stays null): for checks that need only the bytes, such as the hash chain.
    void for_each_stored_event(
        const EventQuery& query,
        const std::function<void(const Event&, std::string_view payload_json)>& visit);
    /// How many events the ledger holds.
    std::int64_t event_count();
    /// The seq of the last event, 0 for none: events are only appended, so two reads that see
    /// the same last seq see the same events.
    std::int64_t last_seq();
    /// The seq of the event with this uuid, if this ledger holds it.
    std::optional<std::int64_t> seq_of(const std::string& event_uuid);
    /// Whether this ledger holds events first written in another ledger (imported or synced).
    bool has_foreign_events();
    /// The ids of the commitments that have an event made after `day`, ascending.
    std::vector<std::int64_t> commitments_changed_after(Date day);

    /// Appends an event written here: fills seq, origin, clock, prev_hash and hash, applies it to
    /// its commitment (creating it for `added`) and returns the commitment's new state. NotFound
    /// for a change to an unknown commitment; Error(internal) outside Ledger::write.
    Commitment append(Event draft);

    /// Inserts an event first written in another ledger, as is (same uuid, clock, hashes).
    /// Returns false when this ledger already holds it. Throws BadValue when it holds another
    /// event with the same uuid (a rewrite), when its hash is wrong, it does not follow the last
    /// event this ledger holds from its origin, its commitment is unknown, or its clock is not
    /// justified: above max_imported_clock, or more than one above the greatest clock held (its
    /// writer had seen an event with the clock just below its own, which in replay order is
    /// imported first). A refused event leaves nothing behind. Error(internal) outside write.
    bool import_event(const Event& event);

    /// Imports a batch of events in one transaction of its own (or the caller's), in replay order
    /// (which keeps each origin's chain order, since clocks grow along every chain). All or
    /// nothing with OnBadEvent::fail.
    ImportCounts import_events(std::vector<Event> events, OnBadEvent on_bad = OnBadEvent::fail);

  private:
    Connection& c_;
};

} // namespace kept
