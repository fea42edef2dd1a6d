#include "kept/error.hpp"
#include "kept/verify.hpp"

#include <fmt/format.h>

namespace kept {

std::string first_difference(const Commitment& a, const Commitment& b) {
    const std::pair<const char*, bool> fields[] = {
        {"uuid", a.uuid == b.uuid},
        {"title", a.title == b.title},
        {"client", a.client == b.client},
        {"client_kind", a.client_kind == b.client_kind},
        {"owner", a.owner == b.owner},
        {"state", a.state == b.state},
        {"due", a.due == b.due},
        {"original_due", a.original_due == b.original_due},
        {"effort", a.effort == b.effort},
        {"original_effort", a.original_effort == b.original_effort},
        {"scope", a.scope == b.scope},
        {"tags", a.tags == b.tags},
        {"created", a.created == b.created},
        {"closed", a.closed == b.closed},
        {"renegotiations", a.renegotiations == b.renegotiations},
        {"late_renegotiations", a.late_renegotiations == b.late_renegotiations},
        {"scope_added", a.scope_added == b.scope_added},
        {"scope_dropped", a.scope_dropped == b.scope_dropped},
        {"last_clock", a.last_clock == b.last_clock},
    };
    for (const auto& [name, same] : fields) {
        if (!same) {
            return name;
        }
    }
    return "";
}

std::string describe_clock_mismatches(const std::vector<ClockMismatch>& mismatches) {
    if (mismatches.empty()) {
        return "";
    }
    const ClockMismatch& m = mismatches.front();
    std::string what;
    if (!m.row_clock) {
        what = "it has events but no row in the commitments table";
    } else if (!m.event_clock) {
        what = "it has no events (its added event was deleted)";
    } else if (*m.row_clock > *m.event_clock) {
        what = fmt::format("its row reflects an event its history no longer holds (clock {}, its "
                           "latest event has clock {}): an event was deleted, or the row edited",
                           *m.row_clock, *m.event_clock);
    } else {
        what = fmt::format("its row lags behind its events (clock {}, its latest event has clock "
                           "{}): the row was edited",
                           *m.row_clock, *m.event_clock);
    }
    if (mismatches.size() > 1) {
        what += fmt::format(" ({} commitments affected)", mismatches.size());
    }
    return fmt::format("commitment #{} does not match its events: {}", m.id, what);
}

StateChecker::StateChecker(std::vector<Commitment> stored) {
    stored_.reserve(stored.size());
    for (auto& c : stored) {
        std::int64_t id = c.id;
        stored_.emplace(id, std::move(c));
    }
}

void StateChecker::feed(const Event& event) {
    if (replayed_ && replayed_->id != event.commitment_id) {
        close_group();
    }
    if (!replayed_) {
        replayed_.emplace();
        replayed_->id = event.commitment_id;
        replay_error_.clear();
    }
    if (!replay_error_.empty()) {
        return;
    }
    if (event.kind == EventKind::added && replayed_->last_clock != 0) {
        replay_error_ = fmt::format("it has a second added event (seq {})", event.seq);
        return;
    }
    if (event.kind != EventKind::added && replayed_->last_clock == 0) {
        replay_error_ = fmt::format("its first event (seq {}) is not its added event: the added "
                                    "event is missing",
                                    event.seq);
        return;
    }
    try {
        apply_event(*replayed_, event);
    } catch (const Error& error) {
        replay_error_ =
            fmt::format("its event seq {} cannot be replayed: {}", event.seq, error.what());
    }
}

void StateChecker::close_group() {
    std::int64_t id = replayed_->id;
    auto row = stored_.find(id);
    if (!replay_error_.empty()) {
        bad_.emplace(id, replay_error_);
    } else if (row == stored_.end()) {
        bad_.emplace(id, "it has events but no row in the commitments table");
    } else if (auto field = first_difference(row->second, *replayed_); !field.empty()) {
        bad_.emplace(id, fmt::format("its stored {} differs from what its events give (an event "
                                     "was deleted, or the row edited)",
                                     field));
    }
    if (row != stored_.end()) {
        stored_.erase(row);
    }
    replayed_.reset();
}

bool StateChecker::finish() {
    if (replayed_) {
        close_group();
    }
    for (const auto& [id, c] : stored_) {
        bad_.emplace(id, "it has no events (its added event was deleted)");
    }
    stored_.clear();
    return bad_.empty();
}

std::optional<std::int64_t> StateChecker::first_bad_commitment() const {
    if (bad_.empty()) {
        return std::nullopt;
    }
    return bad_.begin()->first;
}

std::string StateChecker::problem() const {
    if (bad_.empty()) {
        return "";
    }
    std::string text = bad_.begin()->second;
    if (bad_.size() > 1) {
        text += fmt::format(" ({} commitments affected)", bad_.size());
    }
    return text;
}

} // namespace kept
