// The replicas' keys and their events' signatures (schema 9).

#include "connection.hpp"
#include "raw_statement.hpp"

#include "kept/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

std::string hex_of_blob(const SQLite::Column& column) {
    return util::to_hex(static_cast<const unsigned char*>(column.getBlob()),
                        static_cast<std::size_t>(column.getBytes()));
}

/// The bytes of a signature the ledger checked or made: lowercase hex, always.
std::string blob_of_hex(std::string_view hex) {
    std::string out(hex.size() / 2, '\0');
    if (!util::from_hex(hex, reinterpret_cast<unsigned char*>(out.data()))) {
        throw Error(ExitCode::internal, fmt::format("a signature that is not hex: {:?}", hex));
    }
    return out;
}

} // namespace

bool Connection::has_signatures() {
    if (!known_has_signatures) {
        known_has_signatures = db.tableExists("event_signatures");
    }
    return *known_has_signatures;
}

std::optional<std::string> Connection::key_of(const std::string& origin) {
    if (auto known = known_keys.find(origin); known != known_keys.end()) {
        return known->second;
    }
    std::optional<std::string> key;
    if (has_signatures()) {
        auto& q = statement(select_key, "SELECT public_key FROM replica_keys WHERE origin = ? "
                                        "ORDER BY since_seq DESC LIMIT 1");
        q.bind(1, origin);
        if (q.executeStep()) {
            key = q.getColumn(0).getString();
        }
        q.reset();
    }
    if (in_write) {
        known_keys.emplace(origin, key);
    }
    return key;
}

void Connection::insert_signature(std::int64_t seq, std::string_view signature_hex) {
    auto& q = statement(insert_signature_row,
                        "INSERT INTO event_signatures (seq, signature) VALUES (?, ?)");
    std::string blob = blob_of_hex(signature_hex);
    q.bind(1, static_cast<std::int64_t>(seq));
    q.bind(2, blob.data(), static_cast<int>(blob.size()));
    q.exec();
    q.reset();
}

void Connection::insert_key(const std::string& origin, std::int64_t since_seq,
                            const std::string& public_key) {
    SQLite::Statement q(db, "INSERT INTO replica_keys (origin, since_seq, public_key) "
                            "VALUES (?, ?, ?)");
    q.bind(1, origin);
    q.bind(2, static_cast<std::int64_t>(since_seq));
    q.bind(3, public_key);
    q.exec();
    known_keys[origin] = public_key;
}

void SignatureStore::set_trust(Trust trust) {
    c_.trust = std::move(trust);
}

void SignatureStore::attach(Event& e) {
    c_.guard([&] {
        if (!c_.has_signatures()) {
            return;
        }
        auto& q = c_.statement(c_.select_signature,
                               "SELECT signature FROM event_signatures WHERE seq = ?");
        q.bind(1, static_cast<std::int64_t>(e.seq));
        e.signature = q.executeStep() ? hex_of_blob(q.getColumn(0)) : std::string();
        q.reset();
        auto& k = c_.statement(c_.select_announced,
                               "SELECT public_key FROM replica_keys WHERE origin = ? AND "
                               "since_seq = ?");
        k.bind(1, e.origin);
        k.bind(2, static_cast<std::int64_t>(e.seq));
        e.public_key = k.executeStep() ? k.getColumn(0).getString() : std::string();
        k.reset();
    });
}

SignedOwn SignatureStore::sign_own_events(const KeyPair& key, std::int64_t after_seq, int batch) {
    if (!c_.in_write) {
        throw Error(ExitCode::internal, "SignatureStore::sign_own_events outside a write");
    }
    return c_.guard([&] {
        SignedOwn result;
        std::optional<std::string> held = c_.key_of(c_.uuid);
        // Read a batch, then sign and insert it: the query never reads rows the inserts add,
        // and a first sync of a million events holds a batch, not a million hashes (120 MiB).
        SQLite::Statement q(c_.db, "SELECT e.seq, e.hash FROM events e WHERE e.origin = ? AND "
                                   "e.seq > ? AND NOT EXISTS (SELECT 1 FROM event_signatures s "
                                   "WHERE s.seq = e.seq) ORDER BY e.seq LIMIT ?");
        std::vector<std::pair<std::int64_t, std::string>> unsigned_events;
        for (std::int64_t after = after_seq;;) {
            q.reset();
            q.bind(1, c_.uuid);
            q.bind(2, static_cast<std::int64_t>(after));
            q.bind(3, batch);
            unsigned_events.clear();
            while (q.executeStep()) {
                unsigned_events.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getString());
            }
            for (const auto& [seq, hash] : unsigned_events) {
                if (!held || *held != key.public_key) {
                    result.replaced = held;
                    result.announced = key.public_key;
                    c_.insert_key(c_.uuid, seq, key.public_key);
                    held = key.public_key;
                }
                c_.insert_signature(seq, sign_event_hash(key, hash));
                ++result.signed_count;
            }
            if (unsigned_events.size() < static_cast<std::size_t>(batch)) {
                return result;
            }
            after = unsigned_events.back().first;
        }
    });
}

std::optional<std::string> SignatureStore::key_of(const std::string& origin) {
    return c_.guard([&] { return c_.key_of(origin); });
}

std::vector<HeldKey> SignatureStore::keys() {
    return c_.guard([&] {
        std::vector<HeldKey> out;
        if (!c_.has_signatures()) {
            return out;
        }
        SQLite::Statement q(c_.db, "SELECT origin, since_seq, public_key FROM replica_keys "
                                   "ORDER BY origin, since_seq");
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                           q.getColumn(2).getString()});
        }
        return out;
    });
}

std::vector<SignedRow> SignatureStore::heads() {
    return c_.guard([&] {
        std::vector<SignedRow> out;
        if (!c_.has_signatures()) {
            return out;
        }
        SQLite::Statement origins(c_.db, "SELECT DISTINCT origin FROM replica_keys ORDER BY 1");
        std::vector<std::string> keyed;
        while (origins.executeStep()) {
            keyed.push_back(origins.getColumn(0).getString());
        }
        SQLite::Statement last(c_.db, "SELECT e.seq, e.hash, s.signature FROM events e LEFT JOIN "
                                      "event_signatures s ON s.seq = e.seq WHERE e.origin = ? "
                                      "ORDER BY e.seq DESC LIMIT 1");
        SQLite::Statement last_signed(c_.db,
                                      "SELECT e.seq, e.hash, s.signature FROM events e JOIN "
                                      "event_signatures s ON s.seq = e.seq WHERE e.origin = ? "
                                      "ORDER BY e.seq DESC LIMIT 1");
        for (const auto& origin : keyed) {
            SQLite::Statement& q = origin == c_.uuid ? last_signed : last;
            q.bind(1, origin);
            if (q.executeStep()) {
                out.push_back(
                    {origin, q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     q.getColumn(2).isNull() ? std::string() : hex_of_blob(q.getColumn(2))});
            }
            q.reset();
        }
        return out;
    });
}

void SignatureStore::for_each_signed_row(const std::function<void(const SignedRow&)>& visit) {
    c_.guard([&] {
        if (!c_.has_signatures()) {
            return;
        }
        SQLite::Statement origins(
            c_.db, "SELECT origin, min(since_seq) FROM replica_keys GROUP BY origin ORDER BY 1");
        std::vector<std::pair<std::string, std::int64_t>> starts;
        while (origins.executeStep()) {
            starts.emplace_back(origins.getColumn(0).getString(), origins.getColumn(1).getInt64());
        }
        SQLite::Statement q(c_.db, "SELECT e.seq, e.hash, s.signature FROM events e LEFT JOIN "
                                   "event_signatures s ON s.seq = e.seq WHERE e.origin = ? AND "
                                   "e.seq >= ? ORDER BY e.seq");
        SignedRow row;
        for (const auto& [origin, since] : starts) {
            q.bind(1, origin);
            q.bind(2, static_cast<std::int64_t>(since));
            row.origin = origin;
            while (q.executeStep()) {
                row.seq = q.getColumn(0).getInt64();
                row.hash = q.getColumn(1).getString();
                row.signature =
                    q.getColumn(2).isNull() ? std::string() : hex_of_blob(q.getColumn(2));
                visit(row);
            }
            q.reset();
        }
    });
}

} // namespace kept
