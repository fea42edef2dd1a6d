#include "connection.hpp"
#include "raw_statement.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

Date checked_date(std::string_view text) {
    auto day = parse_iso_date(text);
    if (!day) {
        throw StorageError(fmt::format("ledger holds \"{}\" where a date belongs", text));
    }
    return *day;
}

Date date_at(SQLite::Statement& row, int index) {
    return checked_date(row.getColumn(index).getText());
}

Date date_at(const RawStatement& row, int index) {
    return checked_date(row.text(index));
}

State state_of(std::string_view text) {
    auto state = state_from_text(text);
    if (!state) {
        throw StorageError(fmt::format("ledger holds \"{}\" where a state belongs", text));
    }
    return *state;
}

std::string commitment_columns(int schema) {
    return fmt::format(
        "id, uuid, title, client, client_kind, owner, state, due, original_due, effort_minutes, "
        "original_effort_minutes, scope, tags, created, closed, renegotiations, "
        "late_renegotiations, scope_added, scope_dropped, last_clock, {}",
        schema >= 8 ? "fee_cents, original_fee_cents, known_finish" : "NULL, NULL, NULL");
}

const char* const event_columns = "seq, uuid, commitment_id, commitment_uuid, ts, day, actor, "
                                  "kind, payload, reason, origin, clock, prev_hash, hash";

Commitment commitment_from_row(SQLite::Statement& row) {
    Commitment c;
    c.id = row.getColumn(0).getInt64();
    c.uuid = row.getColumn(1).getString();
    c.title = row.getColumn(2).getString();
    c.client = row.getColumn(3).getString();
    c.client_kind = client_kind_of(row.getColumn(4).getText());
    c.owner = row.getColumn(5).getString();
    c.state = state_of(row.getColumn(6).getText());
    c.due = date_at(row, 7);
    c.original_due = date_at(row, 8);
    c.effort = row.getColumn(9).getInt64();
    c.original_effort = row.getColumn(10).getInt64();
    c.scope = nlohmann::json::parse(row.getColumn(11).getString()).get<std::vector<std::string>>();
    c.tags = nlohmann::json::parse(row.getColumn(12).getString()).get<std::vector<std::string>>();
    c.created = date_at(row, 13);
    if (!row.getColumn(14).isNull()) {
        c.closed = date_at(row, 14);
    }
    c.renegotiations = row.getColumn(15).getInt();
    c.late_renegotiations = row.getColumn(16).getInt();
    c.scope_added = row.getColumn(17).getInt();
    c.scope_dropped = row.getColumn(18).getInt();
    c.last_clock = row.getColumn(19).getInt64();
    auto cents = [&](int index) {
        return row.getColumn(index).isNull()
                   ? std::nullopt
                   : std::optional<Cents>(row.getColumn(index).getInt64());
    };
    c.fee = cents(20);
    c.original_fee = cents(21);
    if (!row.getColumn(22).isNull()) {
        c.known_finish = date_at(row, 22);
    }
    return c;
}

Event event_from_row(SQLite::Statement& row, bool parse_payload) {
    Event e;
    e.seq = row.getColumn(0).getInt64();
    e.uuid = row.getColumn(1).getString();
    e.commitment_id = row.getColumn(2).getInt64();
    e.commitment_uuid = row.getColumn(3).getString();
    e.timestamp = row.getColumn(4).getString();
    e.day = row.getColumn(5).getString();
    e.actor = row.getColumn(6).getString();
    e.kind = parse_event_kind(row.getColumn(7).getString());
    if (parse_payload) {
        e.payload = nlohmann::json::parse(row.getColumn(event_payload_column).getString());
    }
    if (!row.getColumn(9).isNull()) {
        e.reason = row.getColumn(9).getString();
    }
    e.origin = row.getColumn(10).getString();
    e.clock = row.getColumn(11).getInt64();
    e.prev_hash = row.getColumn(12).getString();
    e.hash = row.getColumn(13).getString();
    return e;
}

void Connection::insert(const Event& e, const std::string* payload_json) {
    auto& q = statement(insert_event,
                        "INSERT INTO events (uuid, commitment_id, commitment_uuid, ts, day, actor, "
                        "kind, payload, reason, origin, clock, prev_hash, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, e.uuid);
    q.bind(2, static_cast<std::int64_t>(e.commitment_id));
    q.bind(3, e.commitment_uuid);
    q.bind(4, e.timestamp);
    q.bind(5, e.day);
    q.bind(6, e.actor);
    q.bind(7, std::string(to_string(e.kind)));
    if (payload_json != nullptr) {
        q.bindNoCopy(8, *payload_json); // text, read by exec below
    } else {
        q.bind(8, e.payload.dump());
    }
    if (e.reason) {
        q.bind(9, *e.reason);
    } else {
        q.bind(9);
    }
    q.bind(10, e.origin);
    q.bind(11, static_cast<std::int64_t>(e.clock));
    q.bind(12, e.prev_hash);
    q.bind(13, e.hash);
    q.exec();
    q.reset();
    if (in_write) {
        if (known_next_clock) {
            known_next_clock = std::max(*known_next_clock, e.clock + 1);
        }
        known_last_hash[e.origin] = e.hash; // the latest seq of its origin now
    }
}

namespace {

constexpr const char* insert_commitment_sql =
    "INSERT INTO commitments (id, uuid, title, client, client_kind, owner, state, due, "
    "original_due, effort_minutes, original_effort_minutes, scope, tags, created, closed, "
    "renegotiations, late_renegotiations, scope_added, scope_dropped, last_clock, spent_minutes, "
    "fee_cents, original_fee_cents, known_finish) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24)";

// The same parameters as insert_commitment_sql. An update, not REPLACE's delete and insert:
// the tallies' triggers see the row's old values leave and its new ones arrive.
constexpr const char* update_commitment_sql =
    "UPDATE commitments SET uuid = ?2, title = ?3, client = ?4, client_kind = ?5, owner = ?6, "
    "state = ?7, due = ?8, original_due = ?9, effort_minutes = ?10, "
    "original_effort_minutes = ?11, scope = ?12, tags = ?13, created = ?14, closed = ?15, "
    "renegotiations = ?16, late_renegotiations = ?17, scope_added = ?18, scope_dropped = ?19, "
    "last_clock = ?20, spent_minutes = ?21, fee_cents = ?22, original_fee_cents = ?23, "
    "known_finish = ?24 WHERE id = ?1";

void bind_commitment(SQLite::Statement& q, const Commitment& c) {
    if (c.id == 0) {
        q.bind(1);
    } else {
        q.bind(1, static_cast<std::int64_t>(c.id));
    }
    q.bind(2, c.uuid);
    q.bind(3, c.title);
    q.bind(4, c.client);
    q.bind(5, std::string(to_string(c.client_kind)));
    q.bind(6, c.owner);
    q.bind(7, std::string(to_string(c.state)));
    q.bind(8, format_date(c.due));
    q.bind(9, format_date(c.original_due));
    q.bind(10, static_cast<std::int64_t>(c.effort));
    q.bind(11, static_cast<std::int64_t>(c.original_effort));
    q.bind(12, nlohmann::json(c.scope).dump());
    q.bind(13, nlohmann::json(c.tags).dump());
    q.bind(14, format_date(c.created));
    if (c.closed) {
        q.bind(15, format_date(*c.closed));
    } else {
        q.bind(15);
    }
    q.bind(16, c.renegotiations);
    q.bind(17, c.late_renegotiations);
    q.bind(18, c.scope_added);
    q.bind(19, c.scope_dropped);
    q.bind(20, static_cast<std::int64_t>(c.last_clock));
    auto bind_optional = [&](int index, const auto& value) {
        if (value) {
            q.bind(index, static_cast<std::int64_t>(*value));
        } else {
            q.bind(index);
        }
    };
    bind_optional(21, c.spent);
    bind_optional(22, c.fee);
    bind_optional(23, c.original_fee);
    if (c.known_finish) {
        q.bind(24, format_date(*c.known_finish));
    } else {
        q.bind(24);
    }
}

} // namespace

std::int64_t Connection::save(const Commitment& c) {
    // Two statements, not one upsert: SQLite compiles the triggers of every path a statement
    // may take, and a command that adds one commitment prepares its statement once.
    if (c.id != 0) {
        auto& update = statement(update_commitment, update_commitment_sql);
        bind_commitment(update, c);
        update.exec();
        update.reset();
        if (db.getChanges() > 0) {
            return c.id;
        }
    }
    auto& insert = statement(insert_commitment, insert_commitment_sql);
    bind_commitment(insert, c);
    insert.exec();
    insert.reset();
    return c.id == 0 ? db.getLastInsertRowid() : c.id;
}

} // namespace kept
