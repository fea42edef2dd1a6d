// The event log: reading events back, appending this ledger's, importing another's (each
// origin's hash chain and the Lamport clock checked), and the chain ends a write remembers.

#include "connection.hpp"

#include "kept/error.hpp"
#include "kept/signing.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace kept {

SQLite::Statement Connection::select_events(const EventQuery& query) {
    // The events up to a day of the commitments changed after it (report --as-of) are found by
    // walking the day index and testing each event's commitment against the (short) list:
    // seeking each listed commitment's events instead reads every one of them, later ones too.
    bool by_day = query.until && query.changed_after && !query.commitment_id;
    std::string sql = fmt::format("SELECT {} FROM events{} WHERE 1", event_columns,
                                  by_day ? " INDEXED BY events_by_day" : "");
    if (query.commitment_id) {
        sql += " AND commitment_id = :commitment";
    }
    if (query.since) {
        sql += " AND day >= :since";
    }
    if (query.until) {
        sql += " AND day <= :until";
    }
    if (query.origin) {
        sql += " AND origin = :origin";
    }
    if (query.after_seq) {
        sql += " AND seq > :after_seq";
    }
    if (query.changed_after) {
        sql += fmt::format(" AND {}commitment_id IN "
                           "(SELECT commitment_id FROM events WHERE day > :changed_after)",
                           by_day ? "+" : "");
    }
    sql += query.by_commitment  ? " ORDER BY commitment_id, clock, origin"
           : query.replay_order ? " ORDER BY clock, origin"
                                : " ORDER BY seq";
    SQLite::Statement q(db, sql);
    if (query.commitment_id) {
        q.bind(":commitment", static_cast<std::int64_t>(*query.commitment_id));
    }
    if (query.since) {
        q.bind(":since", format_date(*query.since));
    }
    if (query.until) {
        q.bind(":until", format_date(*query.until));
    }
    if (query.origin) {
        q.bind(":origin", *query.origin);
    }
    if (query.after_seq) {
        q.bind(":after_seq", static_cast<std::int64_t>(*query.after_seq));
    }
    if (query.changed_after) {
        q.bind(":changed_after", format_date(*query.changed_after));
    }
    return q;
}

void EventLog::for_each_event(const EventQuery& query,
                              const std::function<void(const Event&)>& visit) {
    c_.guard([&] {
        try {
            auto q = c_.select_events(query);
            while (q.executeStep()) {
                visit(event_from_row(q));
            }
        } catch (const nlohmann::json::exception& error) {
            throw StorageError(fmt::format("{}: an event payload is not JSON ({})",
                                           c_.path.string(), error.what()));
        }
    });
}

void EventLog::for_each_stored_event(
    const EventQuery& query,
    const std::function<void(const Event&, std::string_view payload_json)>& visit) {
    c_.guard([&] {
        auto q = c_.select_events(query);
        while (q.executeStep()) {
            Event e = event_from_row(q, false);
            const auto& payload = q.getColumn(event_payload_column);
            visit(e, std::string_view(static_cast<const char*>(payload.getBlob()),
                                      static_cast<std::size_t>(payload.getBytes())));
        }
    });
}

std::int64_t EventLog::event_count() {
    return c_.guard([&] { return c_.db.execAndGet("SELECT count(*) FROM events").getInt64(); });
}

std::int64_t EventLog::last_seq() {
    return c_.guard(
        [&] { return c_.db.execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64(); });
}

std::int64_t Connection::next_clock() {
    if (!known_next_clock) {
        auto& q =
            statement(select_last_clock, "SELECT clock FROM events ORDER BY clock DESC LIMIT 1");
        std::int64_t last = q.executeStep() ? q.getColumn(0).getInt64() : 0;
        q.reset();
        if (last == INT64_MAX) {
            // Only a ledger that imported a forged clock before imports were bounded gets here.
            throw StorageError(fmt::format("{}: the Lamport clock is exhausted (an event holds "
                                           "clock 2^63-1)",
                                           path.string()));
        }
        known_next_clock = last + 1;
    }
    return *known_next_clock;
}

std::string Connection::last_hash_of(const std::string& origin) {
    if (auto known = known_last_hash.find(origin); known != known_last_hash.end()) {
        return known->second;
    }
    auto& q = statement(select_last_hash,
                        "SELECT hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1");
    q.bind(1, origin);
    std::string hash = q.executeStep() ? q.getColumn(0).getString() : std::string();
    q.reset();
    if (in_write) {
        known_last_hash.emplace(origin, hash);
    }
    return hash;
}

void Connection::forget_chain_ends() {
    known_next_clock.reset();
    known_last_hash.clear();
    known_keys.clear();
}

std::string Connection::latest_event_of(std::int64_t commitment_id) {
    SQLite::Statement q(db, "SELECT uuid FROM events WHERE commitment_id = ? "
                            "ORDER BY clock DESC, origin DESC LIMIT 1");
    q.bind(1, static_cast<std::int64_t>(commitment_id));
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

Commitment EventLog::append(Event e) {
    if (!c_.in_write) {
        throw Error(ExitCode::internal, "EventLog::append outside a write transaction");
    }
    return c_.guard([&] {
        Commitment c;
        if (e.kind != EventKind::added) {
            auto current = CommitmentStore(c_).find_by_uuid(e.commitment_uuid);
            if (!current) {
                throw NotFound(fmt::format("no commitment {}", e.commitment_uuid));
            }
            c = *current;
            // The event this change was based on: two changes with the same base were made
            // concurrently on different replicas.
            e.payload["base"] = c_.latest_event_of(c.id);
        }
        e.origin = c_.uuid;
        e.clock = c_.next_clock();
        e.prev_hash = c_.last_hash_of(e.origin);
        std::string payload_json = e.payload.dump();
        e.hash = compute_hash(e, payload_json);
        apply_event(c, e);
        c.id = c_.save(c);
        e.commitment_id = c.id;
        c_.insert(e, &payload_json);
        return c;
    });
}

bool EventLog::import_event(const Event& e) {
    if (!c_.in_write) {
        throw Error(ExitCode::internal, "EventLog::import_event outside a write transaction");
    }
    return c_.guard([&] {
        auto& known =
            c_.statement(c_.select_event_by_uuid, "SELECT hash FROM events WHERE uuid = ?");
        known.bind(1, e.uuid);
        std::optional<std::string> held;
        if (known.executeStep()) {
            held = known.getColumn(0).getString();
        }
        known.reset();
        if (held && *held == e.hash) {
            return false;
        }
        if (held) {
            throw BadValue(fmt::format("event {}: this ledger holds a different event with that "
                                       "uuid (rewritten after it was shared)",
                                       e.uuid));
        }
        if (compute_hash(e) != e.hash) {
            throw BadValue(fmt::format("event {}: its hash does not match its content", e.uuid));
        }
        if (c_.last_hash_of(e.origin) != e.prev_hash) {
            throw BadValue(fmt::format("event {}: it does not follow the last event this ledger "
                                       "holds from ledger {} (events are missing before it)",
                                       e.uuid, e.origin));
        }
        if (e.clock > max_imported_clock) {
            throw BadValue(
                fmt::format("event {}: its clock {} is over the limit of 2^40", e.uuid, e.clock));
        }
        if (auto next = c_.next_clock(); e.clock > next) {
            throw BadValue(fmt::format("event {}: its clock {} is beyond what the history "
                                       "justifies (the greatest clock held is {})",
                                       e.uuid, e.clock, next - 1));
        }
        // A ledger older than schema 9, imported into as it is, cannot hold signatures.
        bool signs = c_.has_signatures();
        SignatureVerdict verdict;
        if (signs) {
            verdict = check_event_signature(e, c_.key_of(e.origin), c_.trust);
            if (!verdict.refused.empty()) {
                throw BadValue(fmt::format("event {}: {}", e.uuid, verdict.refused));
            }
        }
        auto keep_signature = [&] {
            if (!signs || e.signature.empty()) {
                return;
            }
            std::int64_t seq = c_.db.getLastInsertRowid();
            if (verdict.announces) {
                c_.insert_key(e.origin, seq, *verdict.announces);
            }
            c_.insert_signature(seq, e.signature);
        };
        auto id = c_.commitment_id_of(e.commitment_uuid);
        Event row = e;
        Commitment c;
        if (!id) {
            if (e.kind != EventKind::added) {
                throw BadValue(fmt::format("event {}: commitment {} is unknown here (its added "
                                           "event must come first)",
                                           e.uuid, e.commitment_uuid));
            }
            apply_event(c, e);
            row.commitment_id = c_.save(c);
            c_.insert(row);
            keep_signature();
            return true;
        }
        row.commitment_id = *id;
        c_.insert(row);
        keep_signature();
        auto current = CommitmentStore(c_).find(*id);
        if (current && e.clock > current->last_clock) {
            c = *current;
            apply_event(c, e);
        } else {
            // It sorts before events already applied: replay the commitment in total order.
            c = c_.replay(*id);
        }
        c_.save(c);
        return true;
    });
}

ImportCounts EventLog::import_events(std::vector<Event> events, OnBadEvent on_bad) {
    std::stable_sort(events.begin(), events.end(), replays_before);
    ImportCounts counts;
    c_.write(
        [&] {
            counts = {};
            std::set<std::string> stopped;
            for (const auto& event : events) {
                if (stopped.count(event.origin) > 0) {
                    continue;
                }
                try {
                    ++(import_event(event) ? counts.added : counts.present);
                } catch (const BadValue& error) {
                    // import_event checks before it writes: a refused event left nothing behind.
                    if (on_bad == OnBadEvent::fail) {
                        throw;
                    }
                    stopped.insert(event.origin);
                    counts.refused.push_back({event.uuid, event.origin, error.what()});
                }
            }
        },
        WriteSize::small);
    return counts;
}

bool EventLog::has_foreign_events() {
    return c_.guard([&] {
        // Two range seeks on the (origin, seq) index instead of a scan.
        SQLite::Statement q(c_.db, "SELECT 1 WHERE EXISTS (SELECT 1 FROM events WHERE origin < "
                                   ":o) OR EXISTS (SELECT 1 FROM events WHERE origin > :o)");
        q.bind(":o", c_.uuid);
        return q.executeStep();
    });
}

std::optional<std::int64_t> EventLog::seq_of(const std::string& event_uuid) {
    return c_.guard([&]() -> std::optional<std::int64_t> {
        SQLite::Statement q(c_.db, "SELECT seq FROM events WHERE uuid = ?");
        q.bind(1, event_uuid);
        if (q.executeStep()) {
            return q.getColumn(0).getInt64();
        }
        return std::nullopt;
    });
}

std::vector<std::int64_t> EventLog::commitments_changed_after(Date day) {
    return c_.guard([&] {
        // Left to itself SQLite walks every event in commitment order to avoid a sort; the day
        // index (day, commitment_id) holds the answer, and sorting it here is cheap.
        SQLite::Statement q(
            c_.db, "SELECT commitment_id FROM events INDEXED BY events_by_day WHERE day > ?");
        q.bind(1, format_date(day));
        std::vector<std::int64_t> ids;
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    });
}

} // namespace kept
