#pragma once

#include "kept/config.hpp"
#include "kept/date.hpp"
#include "kept/effort.hpp"
#include "kept/event.hpp"
#include "kept/fee.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept {

enum class State { open, delivered, dropped };

std::string_view to_string(State state);
/// The state `to_string` writes, read back strictly: nullopt for any other text.
std::optional<State> state_from_text(std::string_view text);

/// The current state of one commitment, as derived from its events.
struct Commitment {
    std::int64_t id = 0;
    std::string uuid;
    std::string title;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::string owner;
    State state = State::open;
    Date due{};
    Date original_due{};
    Minutes effort = 0;
    Minutes original_effort = 0;
    std::vector<std::string> scope;
    std::vector<std::string> tags;
    Date created{};
    std::optional<Date> closed;
    std::optional<Minutes> spent; ///< the effort close --spent recorded for a delivered one
    int renegotiations = 0;
    int late_renegotiations = 0;
    int scope_added = 0;   ///< items added by renegotiation since the promise
    int scope_dropped = 0; ///< items dropped by renegotiation since the promise
    std::optional<Cents> fee;          ///< what the client pays, when agreed ([team] currency)
    std::optional<Cents> original_fee; ///< the fee first promised (add --fee)
    /// The schedule's finish for it when it was last renegotiated (unset: never renegotiated,
    /// or renegotiated before kept recorded it): the heads-up rule reads it.
    std::optional<Date> known_finish;
    std::int64_t last_clock = 0;

    bool is_open() const { return state == State::open; }
};

/// Applies one event to a commitment (the `added` event builds it from nothing). Replaying a
/// commitment's events in replays_before order gives its current state.
void apply_event(Commitment& commitment, const Event& event);

/// The commitment as the JSON object of `show/list --format json` (docs/formats.md).
nlohmann::ordered_json to_json(const Commitment& commitment);

} // namespace kept
