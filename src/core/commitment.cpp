#include "kept/commitment.hpp"

#include "kept/error.hpp"
#include "kept/records.hpp"
#include "kept/render.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace kept {

std::optional<State> state_from_text(std::string_view text) {
    if (text == "open") {
        return State::open;
    }
    if (text == "delivered") {
        return State::delivered;
    }
    if (text == "dropped") {
        return State::dropped;
    }
    return std::nullopt;
}

namespace {

Date date_at(const nlohmann::json& payload, const char* key) {
    auto day = parse_iso_date(payload.at(key).get<std::string>());
    if (!day) {
        throw BadValue(fmt::format("event payload \"{}\" is not a date", key));
    }
    return *day;
}

/// A whole number of minutes. nlohmann's get<> would convert a float such as 1e300 with a cast
/// whose result is undefined; an imported payload may hold anything.
Minutes minutes_at(const nlohmann::json& value, const char* key) {
    bool whole = value.is_number_integer() &&
                 (!value.is_number_unsigned() ||
                  value.get<std::uint64_t>() <=
                      static_cast<std::uint64_t>(std::numeric_limits<Minutes>::max()));
    if (!whole) {
        throw BadValue(fmt::format("event payload \"{}\" is not a whole number of minutes", key));
    }
    return value.get<Minutes>();
}

/// A fee in fee_decimal's form; null is no fee.
std::optional<Cents> fee_at(const nlohmann::json& value, const char* key) {
    if (value.is_null()) {
        return std::nullopt;
    }
    auto cents = value.is_string() ? fee_from_decimal(value.get<std::string>()) : std::nullopt;
    if (!cents || *cents > max_fee) {
        throw BadValue(fmt::format("event payload \"{}\" is not an amount", key));
    }
    return cents;
}

State parse_state(const std::string& text) {
    if (auto state = state_from_text(text)) {
        return *state;
    }
    throw BadValue(
        fmt::format("event payload state \"{}\" is not open, delivered or dropped", text));
}

void apply_added(Commitment& c, const nlohmann::json& p) {
    c.title = p.at("title").get<std::string>();
    c.client = p.at("client").get<std::string>();
    c.client_kind = p.at("client_kind").get<std::string>() == "internal" ? ClientKind::internal
                                                                         : ClientKind::external;
    c.owner = p.at("owner").get<std::string>();
    c.due = c.original_due = date_at(p, "due");
    c.effort = c.original_effort = minutes_at(p.at("effort_minutes"), "effort_minutes");
    c.scope = p.at("scope").get<std::vector<std::string>>();
    c.tags = p.at("tags").get<std::vector<std::string>>();
    c.created = date_at(p, "created");
    c.state = State::open;
    if (auto fee = p.find("fee"); fee != p.end()) {
        c.fee = c.original_fee = fee_at(*fee, "fee");
    }
}

void apply_renegotiated(Commitment& c, const nlohmann::json& p) {
    if (auto due = p.find("due"); due != p.end()) {
        c.due = date_at(*due, "after");
    }
    if (auto effort = p.find("effort_minutes"); effort != p.end()) {
        c.effort = minutes_at(effort->at("after"), "effort_minutes");
    }
    if (auto owner = p.find("owner"); owner != p.end()) {
        c.owner = owner->at("after").get<std::string>();
    }
    if (auto scope = p.find("scope"); scope != p.end()) {
        // Applied as operations, not as a new list, so concurrent edits on two replicas both count.
        for (const auto& item : scope->at("dropped")) {
            auto it = std::find(c.scope.begin(), c.scope.end(), item.get<std::string>());
            if (it != c.scope.end()) {
                c.scope.erase(it);
            }
            ++c.scope_dropped;
        }
        for (const auto& item : scope->at("added")) {
            if (std::find(c.scope.begin(), c.scope.end(), item.get<std::string>()) ==
                c.scope.end()) {
                c.scope.push_back(item.get<std::string>());
            }
            ++c.scope_added;
        }
    }
    if (auto fee = p.find("fee"); fee != p.end()) {
        c.fee = fee_at(fee->at("after"), "fee");
    }
    c.known_finish.reset();
    if (auto finish = p.find("projected_finish"); finish != p.end() && !finish->is_null()) {
        c.known_finish = date_at(p, "projected_finish");
    }
    ++c.renegotiations;
    if (p.value("late", false)) {
        ++c.late_renegotiations;
    }
}

ClientKind parse_client_kind(const std::string& text) {
    if (text == "internal") {
        return ClientKind::internal;
    }
    if (text == "external") {
        return ClientKind::external;
    }
    throw BadValue(
        fmt::format("event payload client_kind \"{}\" is not internal or external", text));
}

// A correction: each field set to its `after` value, so the later edit in replay order wins per
// field; tags as operations, so tags added on two replicas both survive. The counters the late,
// creep and reliability rules read are left alone.
void apply_edited(Commitment& c, const nlohmann::json& p) {
    if (auto title = p.find("title"); title != p.end()) {
        c.title = title->at("after").get<std::string>();
    }
    if (auto client = p.find("client"); client != p.end()) {
        c.client = client->at("after").get<std::string>();
    }
    if (auto kind = p.find("client_kind"); kind != p.end()) {
        c.client_kind = parse_client_kind(kind->at("after").get<std::string>());
    }
    if (auto tags = p.find("tags"); tags != p.end()) {
        for (const auto& tag : tags->at("dropped")) {
            std::erase(c.tags, tag.get<std::string>());
        }
        for (const auto& tag : tags->at("added")) {
            if (std::find(c.tags.begin(), c.tags.end(), tag.get<std::string>()) == c.tags.end()) {
                c.tags.push_back(tag.get<std::string>());
            }
        }
    }
}

} // namespace

std::string_view to_string(State state) {
    switch (state) {
    case State::open:
        return "open";
    case State::delivered:
        return "delivered";
    case State::dropped:
        return "dropped";
    }
    return "open";
}

void apply_event(Commitment& c, const Event& e) {
    try {
        switch (e.kind) {
        case EventKind::added:
            c.uuid = e.commitment_uuid;
            apply_added(c, e.payload);
            break;
        case EventKind::renegotiated:
            apply_renegotiated(c, e.payload);
            break;
        case EventKind::closed:
            c.state = parse_state(e.payload.at("state").at("after").get<std::string>());
            c.closed = date_at(e.payload, "on");
            c.spent.reset();
            if (auto spent = e.payload.find("spent_minutes"); spent != e.payload.end()) {
                c.spent = spent->get<Minutes>();
            }
            break;
        case EventKind::reopened:
            c.state = State::open;
            c.closed.reset();
            c.spent.reset();
            break;
        case EventKind::edited:
            apply_edited(c, e.payload);
            break;
        }
    } catch (const nlohmann::json::exception& error) {
        throw BadValue(fmt::format("event {} has a malformed payload: {}", e.uuid, error.what()));
    }
    c.last_clock = e.clock;
}

nlohmann::ordered_json to_json(const Commitment& c) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    put_identity(out, c);
    out["state"] = to_string(c.state);
    out["due"] = format_date(c.due);
    out["original_due"] = format_date(c.original_due);
    out["effort_hours"] = static_cast<double>(c.effort) / 60.0;
    out["original_effort_hours"] = static_cast<double>(c.original_effort) / 60.0;
    out["scope"] = c.scope;
    out["tags"] = c.tags;
    out["created"] = format_date(c.created);
    out["closed"] = date_or_null(c.closed);
    out["renegotiations"] = c.renegotiations;
    out["late_renegotiations"] = c.late_renegotiations;
    out["fee"] = fee_or_null(c.fee);
    out["original_fee"] = fee_or_null(c.original_fee);
    return out;
}

} // namespace kept
