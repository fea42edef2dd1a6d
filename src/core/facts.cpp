#include "kept/facts.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

Date payload_date(const nlohmann::json& value, const Event& event) {
    auto day = value.is_string() ? parse_iso_date(value.get<std::string>()) : std::nullopt;
    if (!day) {
        throw BadValue(fmt::format("event {} has a malformed date in its payload", event.uuid));
    }
    return *day;
}

} // namespace

CommitmentFacts facts_of(const Commitment& c) {
    CommitmentFacts f;
    f.id = c.id;
    f.owner = c.owner;
    f.client = c.client;
    f.client_kind = c.client_kind;
    f.state = c.state;
    f.created = c.created;
    f.due = c.due;
    f.original_due = c.original_due;
    f.closed = c.closed;
    f.effort = c.effort;
    f.original_effort = c.original_effort;
    f.spent = c.spent;
    f.scope_items = static_cast<int>(c.scope.size());
    f.scope_added = c.scope_added;
    f.scope_dropped = c.scope_dropped;
    f.renegotiations = c.renegotiations;
    f.late_renegotiations = c.late_renegotiations;
    f.fee = c.fee;
    f.original_fee = c.original_fee;
    f.known_finish = c.known_finish;
    return f;
}

std::optional<LateRenegotiation> late_renegotiation(const Event& event) {
    if (event.kind != EventKind::renegotiated || !event.payload.value("late", false)) {
        return std::nullopt;
    }
    auto in_force = event.payload.find("due_in_force");
    if (in_force == event.payload.end()) {
        throw BadValue(fmt::format("event {} is late but names no due_in_force", event.uuid));
    }
    LateRenegotiation late;
    late.commitment_id = event.commitment_id;
    late.day = payload_date(event.day, event);
    late.due_in_force = payload_date(*in_force, event);
    if (auto due = event.payload.find("due"); due != event.payload.end() && due->is_object()) {
        late.new_due = payload_date(due->value("after", nlohmann::json()), event);
    }
    return late;
}

void HistoryReplay::feed(const Event& event) {
    auto day = parse_iso_date(event.day);
    if (!day || *day > until_) {
        return;
    }
    Commitment& c = commitments_[event.commitment_id];
    c.id = event.commitment_id;
    apply_event(c, event);
    if (*day >= since_) {
        if (auto late = late_renegotiation(event)) {
            late_.push_back(*late);
        }
    }
}

std::vector<CommitmentFacts> HistoryReplay::facts() const {
    std::vector<CommitmentFacts> out;
    out.reserve(commitments_.size());
    for (const auto& [id, c] : commitments_) {
        out.push_back(facts_of(c));
    }
    return out;
}

} // namespace kept
