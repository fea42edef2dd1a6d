#include "ledger_impl.hpp"

#include "kept/error.hpp"
#include "kept/replica.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace kept {

std::int64_t Ledger::Impl::next_clock() {
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

std::string Ledger::Impl::last_hash_of(const std::string& origin) {
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

void Ledger::Impl::forget_chain_ends() {
    known_next_clock.reset();
    known_last_hash.clear();
}

std::string Ledger::Impl::latest_event_of(std::int64_t commitment_id) {
    SQLite::Statement q(db, "SELECT uuid FROM events WHERE commitment_id = ? "
                            "ORDER BY clock DESC, origin DESC LIMIT 1");
    q.bind(1, static_cast<std::int64_t>(commitment_id));
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

Commitment Ledger::Impl::replay(std::int64_t commitment_id) {
    SQLite::Statement q(db, fmt::format("SELECT {} FROM events WHERE commitment_id = ? "
                                        "ORDER BY clock, origin",
                                        event_columns));
    q.bind(1, static_cast<std::int64_t>(commitment_id));
    Commitment c;
    c.id = commitment_id;
    while (q.executeStep()) {
        apply_event(c, event_from_row(q));
    }
    return c;
}

void Ledger::write(const std::function<void()>& body) {
    if (impl_->in_write) {
        body();
        return;
    }
    try {
        SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        impl_->forget_chain_ends(); // other processes may have written since
        impl_->in_write = true;
        try {
            body();
        } catch (...) {
            impl_->in_write = false;
            impl_->forget_chain_ends();
            throw;
        }
        impl_->in_write = false;
        impl_->forget_chain_ends();
        transaction.commit();
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

Commitment Ledger::append(Event e) {
    if (!impl_->in_write) {
        throw Error(ExitCode::internal, "Ledger::append outside a write transaction");
    }
    try {
        Commitment c;
        if (e.kind != EventKind::added) {
            auto current = find_by_uuid(e.commitment_uuid);
            if (!current) {
                throw NotFound(fmt::format("no commitment {}", e.commitment_uuid));
            }
            c = *current;
            // The event this change was based on: two changes with the same base were made
            // concurrently on different replicas.
            e.payload["base"] = impl_->latest_event_of(c.id);
        }
        e.origin = impl_->uuid;
        e.clock = impl_->next_clock();
        e.prev_hash = impl_->last_hash_of(e.origin);
        std::string payload_json = e.payload.dump();
        e.hash = compute_hash(e, payload_json);
        apply_event(c, e);
        c.id = impl_->save(c);
        e.commitment_id = c.id;
        impl_->insert(e, &payload_json);
        return c;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

bool Ledger::import_event(const Event& e) {
    if (!impl_->in_write) {
        throw Error(ExitCode::internal, "Ledger::import_event outside a write transaction");
    }
    try {
        auto& known =
            impl_->statement(impl_->select_event_by_uuid, "SELECT hash FROM events WHERE uuid = ?");
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
        if (impl_->last_hash_of(e.origin) != e.prev_hash) {
            throw BadValue(fmt::format("event {}: it does not follow the last event this ledger "
                                       "holds from ledger {} (events are missing before it)",
                                       e.uuid, e.origin));
        }
        if (e.clock > max_imported_clock) {
            throw BadValue(
                fmt::format("event {}: its clock {} is over the limit of 2^40", e.uuid, e.clock));
        }
        if (auto next = impl_->next_clock(); e.clock > next) {
            throw BadValue(fmt::format("event {}: its clock {} is beyond what the history "
                                       "justifies (the greatest clock held is {})",
                                       e.uuid, e.clock, next - 1));
        }
        auto id = impl_->commitment_id_of(e.commitment_uuid);
        Event row = e;
        Commitment c;
        if (!id) {
            if (e.kind != EventKind::added) {
                throw BadValue(fmt::format("event {}: commitment {} is unknown here (its added "
                                           "event must come first)",
                                           e.uuid, e.commitment_uuid));
            }
            apply_event(c, e);
            row.commitment_id = impl_->save(c);
            impl_->insert(row);
            return true;
        }
        row.commitment_id = *id;
        impl_->insert(row);
        auto current = find(*id);
        if (current && e.clock > current->last_clock) {
            c = *current;
            apply_event(c, e);
        } else {
            // It sorts before events already applied: replay the commitment in total order.
            c = impl_->replay(*id);
        }
        impl_->save(c);
        return true;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

void Ledger::write_bulk(const std::function<void()>& body) {
    write([&] {
        try {
            impl_->with_fills_at_end(false, body);
        } catch (const SQLite::Exception& error) {
            rethrow_storage_error(error, impl_->path);
        }
    });
}

void Ledger::Impl::with_fills_at_end(bool replace_all, const std::function<void()>& body) {
    std::int64_t before = replace_all ? 0
                                      : db.execAndGet("SELECT ifnull(max(id), 0) FROM "
                                                      "commitments")
                                            .getInt64();
    struct Paused {
        BulkFill fill;
        std::vector<std::string> triggers; ///< their CREATE statements, to put back
    };
    std::vector<Paused> paused;
    for (BulkFill fill : {reliability_tallies_bulk_fill(), open_work_bulk_fill()}) {
        SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                "(name = ?1 OR (?2 AND name = ?3))");
        q.bind(1, fill.insert_trigger);
        q.bind(2, replace_all ? 1 : 0);
        q.bind(3, fill.delete_trigger);
        Paused p{fill, {}};
        while (q.executeStep()) {
            db.exec(fmt::format("DROP TRIGGER \"{}\"", q.getColumn(0).getString()));
            p.triggers.push_back(q.getColumn(1).getString());
        }
        if (!p.triggers.empty()) {
            paused.push_back(std::move(p));
        }
    }
    if (replace_all) {
        // Every row goes: the tallies and sums are emptied too, whatever they held.
        db.exec("DELETE FROM commitments");
        for (const auto& p : paused) {
            db.exec(fmt::format("DELETE FROM {}", p.fill.table));
        }
    }
    body();
    std::int64_t last = db.execAndGet("SELECT ifnull(max(id), 0) FROM commitments").getInt64();
    for (const auto& p : paused) {
        SQLite::Statement fill(db, p.fill.add_since);
        // A range of ids at a time: the GROUP BY sorts its rows in memory.
        constexpr std::int64_t ids_at_once = 65536;
        for (std::int64_t from = before; from < last; from += ids_at_once) {
            fill.bind(1, from);
            fill.bind(2, std::min(from + ids_at_once, last));
            fill.exec();
            fill.reset();
        }
        for (const auto& trigger : p.triggers) {
            db.exec(trigger);
        }
    }
}

ImportCounts Ledger::import_events(std::vector<Event> events, OnBadEvent on_bad) {
    std::stable_sort(events.begin(), events.end(), replays_before);
    ImportCounts counts;
    write([&] {
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
    });
    return counts;
}

std::int64_t Ledger::rebuild() {
    std::int64_t commitments = 0;
    write([&] {
        try {
            impl_->with_fills_at_end(true, [&] {
                commitments = 0;
                // Each commitment's events in replay order, one commitment after the other (the
                // events_by_commitment index): one commitment in memory at a time.
                EventQuery query;
                query.by_commitment = true;
                SQLite::Statement q = impl_->select_events(query);
                Commitment c;
                while (q.executeStep()) {
                    Event e = event_from_row(q);
                    if (e.commitment_id != c.id) {
                        if (c.id != 0) {
                            impl_->save(c);
                        }
                        c = Commitment{};
                        c.id = e.commitment_id;
                        ++commitments;
                    }
                    apply_event(c, e);
                }
                if (c.id != 0) {
                    impl_->save(c);
                }
            });
        } catch (const SQLite::Exception& error) {
            rethrow_storage_error(error, impl_->path);
        }
    });
    return commitments;
}

bool Ledger::has_foreign_events() {
    try {
        // Two range seeks on the (origin, seq) index instead of a scan.
        SQLite::Statement q(impl_->db, "SELECT 1 WHERE EXISTS (SELECT 1 FROM events WHERE origin < "
                                       ":o) OR EXISTS (SELECT 1 FROM events WHERE origin > :o)");
        q.bind(":o", impl_->uuid);
        return q.executeStep();
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::optional<std::int64_t> Ledger::seq_of(const std::string& event_uuid) {
    try {
        SQLite::Statement q(impl_->db, "SELECT seq FROM events WHERE uuid = ?");
        q.bind(1, event_uuid);
        if (q.executeStep()) {
            return q.getColumn(0).getInt64();
        }
        return std::nullopt;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

} // namespace kept
