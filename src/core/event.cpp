// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but EVP's first digest
// initialises the library, reads openssl.cnf and fetches a provider: about a third of the CPU of a
// whole `kept add`. The low-level functions hash directly (same SHA-256, same hardware paths).
#define OPENSSL_API_COMPAT 10101

#include "kept/event.hpp"

#include "kept/changes.hpp"
#include "kept/date.hpp"
#include "kept/error.hpp"
#include "util/text.hpp"
#include "util/uuid.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <openssl/sha.h>

namespace kept {

namespace {

constexpr std::array<std::string_view, 5> kind_names = {"added", "renegotiated", "closed",
                                                        "reopened", "edited"};

const nlohmann::json& field(const nlohmann::json& object, const char* name,
                            nlohmann::json::value_t type) {
    auto it = object.find(name);
    if (it == object.end()) {
        throw BadValue(fmt::format("event field \"{}\" is missing", name));
    }
    bool ok = it->type() == type ||
              (type == nlohmann::json::value_t::number_integer && it->is_number_integer());
    if (!ok) {
        throw BadValue(fmt::format("event field \"{}\" has the wrong type", name));
    }
    return *it;
}

/// Appends `text` as nlohmann's dump() writes a string (UTF-8 kept, strict about bad UTF-8).
void append_json_string(std::string& out, std::string_view text) {
    bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
    });
    if (plain) {
        out += '"';
        out += text;
        out += '"';
    } else {
        out += nlohmann::json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    }
}

std::string sha256_hex(const std::string& form) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256_CTX context;
    if (SHA256_Init(&context) != 1 || SHA256_Update(&context, form.data(), form.size()) != 1 ||
        SHA256_Final(digest.data(), &context) != 1) {
        throw Error(ExitCode::internal, "SHA-256 failed");
    }
    return util::to_hex(digest.data(), digest.size());
}

std::string text_field(const nlohmann::json& object, const char* name) {
    return field(object, name, nlohmann::json::value_t::string).get<std::string>();
}

// Refuses a date (YYYY-MM-DD text, or the start of a timestamp) outside the dates kept accepts.
void check_date_in_range(const nlohmann::json& value, std::string_view field) {
    if (!value.is_string()) {
        return;
    }
    auto day = parse_iso_date(value.get_ref<const std::string&>().substr(0, 10));
    if (day && !in_date_range(*day)) {
        throw BadValue(fmt::format("event field \"{}\": {} is outside the dates kept accepts ({})",
                                   field, value.dump(), date_range_text()));
    }
}

// Refuses a list of scope items or tags longer than kept accepts on one commitment.
void check_list_size(const nlohmann::json& value, std::string_view field) {
    if (value.is_array()) {
        check_item_count(field, value.size());
    }
}

// The bounds every commitment's fields keep, on an event read from a file: each date in range,
// each list of scope items or tags no longer than max_list_items.
void check_bounds(const Event& e) {
    check_date_in_range(e.timestamp, "timestamp");
    check_date_in_range(e.day, "day");
    const nlohmann::json& p = e.payload;
    for (const char* key : {"created", "on"}) {
        if (auto it = p.find(key); it != p.end()) {
            check_date_in_range(*it, key);
        }
    }
    if (auto due = p.find("due"); due != p.end()) {
        check_date_in_range(*due, "due");
        if (due->is_object()) {
            for (const char* side : {"before", "after"}) {
                if (auto it = due->find(side); it != due->end()) {
                    check_date_in_range(*it, "due");
                }
            }
        }
    }
    for (const char* key : {"scope", "tags"}) {
        if (auto it = p.find(key); it != p.end()) {
            check_list_size(*it, key);
            if (it->is_object()) {
                for (const char* side : {"added", "dropped"}) {
                    if (auto list = it->find(side); list != it->end()) {
                        check_list_size(*list, key);
                    }
                }
            }
        }
    }
}

} // namespace

std::string_view to_string(EventKind kind) {
    return kind_names[static_cast<std::size_t>(kind)];
}

EventKind parse_event_kind(std::string_view text) {
    for (std::size_t i = 0; i < kind_names.size(); ++i) {
        if (kind_names[i] == text) {
            return static_cast<EventKind>(i);
        }
    }
    throw BadValue(fmt::format("event kind \"{}\" is not one of added, renegotiated, closed, "
                               "reopened, edited",
                               text));
}

std::string canonical_form(const Event& e) {
    return canonical_form(e,
                          e.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
}

std::string canonical_form(const Event& e, std::string_view payload_json) {
    // Assembled by hand, byte for byte what dumping the JSON array [uuid, commitment_uuid,
    // timestamp, day, actor, kind, payload, reason, origin, clock, prev_hash] gives, so that
    // the payload need not be parsed and dumped again.
    std::string form;
    form.reserve(payload_json.size() + 320);
    form += '[';
    for (const std::string* text : {&e.uuid, &e.commitment_uuid, &e.timestamp, &e.day, &e.actor}) {
        append_json_string(form, *text);
        form += ',';
    }
    append_json_string(form, to_string(e.kind));
    form += ',';
    form += payload_json;
    form += ',';
    if (e.reason) {
        append_json_string(form, *e.reason);
    } else {
        form += "null";
    }
    form += ',';
    append_json_string(form, e.origin);
    form += ',';
    form += std::to_string(e.clock);
    form += ',';
    append_json_string(form, e.prev_hash);
    form += ']';
    return form;
}

std::string compute_hash(const Event& event) {
    return sha256_hex(canonical_form(event));
}

std::string compute_hash(const Event& event, std::string_view payload_json) {
    return sha256_hex(canonical_form(event, payload_json));
}

nlohmann::ordered_json to_json(const Event& e) {
    nlohmann::ordered_json object = {
        {"seq", e.seq},
        {"uuid", e.uuid},
        {"commitment_id", e.commitment_id},
        {"commitment_uuid", e.commitment_uuid},
        {"timestamp", e.timestamp},
        {"day", e.day},
        {"actor", e.actor},
        {"kind", to_string(e.kind)},
        {"payload", nlohmann::ordered_json(e.payload)},
        {"reason", e.reason ? nlohmann::ordered_json(*e.reason) : nlohmann::ordered_json(nullptr)},
        {"origin", e.origin},
        {"clock", e.clock},
        {"prev_hash", e.prev_hash},
        {"hash", e.hash},
    };
    if (!e.signature.empty()) {
        object["signature"] = e.signature;
    }
    if (!e.public_key.empty()) {
        object["public_key"] = e.public_key;
    }
    return object;
}

Event event_from_json(const nlohmann::json& object) {
    if (!object.is_object()) {
        throw BadValue("an event must be a JSON object");
    }
    Event e;
    e.uuid = text_field(object, "uuid");
    e.commitment_uuid = text_field(object, "commitment_uuid");
    e.timestamp = text_field(object, "timestamp");
    e.day = text_field(object, "day");
    e.actor = text_field(object, "actor");
    e.kind = parse_event_kind(text_field(object, "kind"));
    e.payload = field(object, "payload", nlohmann::json::value_t::object);
    auto reason = object.find("reason");
    if (reason != object.end() && !reason->is_null()) {
        e.reason = text_field(object, "reason");
    }
    e.origin = text_field(object, "origin");
    const auto& clock = field(object, "clock", nlohmann::json::value_t::number_integer);
    // JSON gives non-negative numbers as unsigned; 0 - 1 wraps round, out of range.
    bool in_range = clock.is_number_unsigned()
                        ? clock.get<std::uint64_t>() - 1 < std::uint64_t{INT64_MAX}
                        : clock.get<std::int64_t>() >= 1;
    if (!in_range) {
        throw BadValue("event field \"clock\" must be a whole number from 1 to 2^63-1");
    }
    e.clock = clock.get<std::int64_t>();
    e.prev_hash = text_field(object, "prev_hash");
    e.hash = text_field(object, "hash");
    for (auto [name, target] :
         {std::pair{"signature", &e.signature}, {"public_key", &e.public_key}}) {
        if (auto it = object.find(name); it != object.end() && !it->is_null()) {
            *target = text_field(object, name);
        }
    }
    check_bounds(e);
    return e;
}

bool replays_before(const Event& a, const Event& b) {
    if (a.clock != b.clock) {
        return a.clock < b.clock;
    }
    return a.origin < b.origin;
}

std::string new_uuid() {
    // Time-ordered: a bulk write's rows land at the end of both UUID indexes instead of on a
    // random page of each (into the 1M-event ledger, three times the rows a second).
    auto uuid = util::time_ordered_uuid();
    if (!uuid) {
        throw Error(ExitCode::internal, "no random bytes for a UUID");
    }
    return *uuid;
}

} // namespace kept
