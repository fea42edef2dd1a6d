#pragma once

// The slice of a commitment the report rules read, and the late renegotiations they flag. The
// report reads these instead of whole commitments so that big ledgers stay cheap to analyse.

#include "kept/commitment.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kept {

/// What the capacity, load, flag and reliability rules know about one commitment.
struct CommitmentFacts {
    std::int64_t id = 0;
    std::string owner;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    State state = State::open;
    Date created{};
    Date due{};
    Date original_due{};
    std::optional<Date> closed;
    Minutes effort = 0;           ///< remaining effort: the current estimate
    Minutes original_effort = 0;  ///< the effort first promised
    std::optional<Minutes> spent; ///< delivered: the actual effort, when close --spent gave it
    int scope_items = 0;          ///< scope items now
    int scope_added = 0;          ///< items added by renegotiation since the promise
    int scope_dropped = 0;        ///< items dropped by renegotiation since the promise
    int renegotiations = 0;
    int late_renegotiations = 0;
    std::optional<Cents> fee;          ///< the fee now, when agreed
    std::optional<Cents> original_fee; ///< the fee first promised
    std::optional<Date> known_finish;  ///< the schedule's finish when last renegotiated

    bool is_open() const { return state == State::open; }
};

/// The facts of a commitment.
CommitmentFacts facts_of(const Commitment& commitment);

/// One renegotiation made after the due date then in force.
struct LateRenegotiation {
    std::int64_t commitment_id = 0;
    Date day{};                  ///< when it was made
    Date due_in_force{};         ///< the due date it came after
    std::optional<Date> new_due; ///< the due date it set, when it moved it
};

/// Reads a late renegotiation from a `renegotiated` event; nullopt when it was not late.
/// Throws BadValue when the payload lacks due_in_force or holds a malformed date.
std::optional<LateRenegotiation> late_renegotiation(const Event& event);

/// Rebuilds the ledger as it stood at the end of a day: feed it the events made up to that day
/// in replay order; it keeps the commitments and the late renegotiations made in [since, until].
class HistoryReplay {
  public:
    HistoryReplay(Date since, Date until) : since_(since), until_(until) {}

    /// Applies one event (events made after `until` are ignored).
    void feed(const Event& event);

    /// Every commitment's facts, by id.
    std::vector<CommitmentFacts> facts() const;
    /// The late renegotiations made in [since, until], in replay order.
    const std::vector<LateRenegotiation>& late() const { return late_; }

  private:
    Date since_;
    Date until_;
    std::map<std::int64_t, Commitment> commitments_;
    std::vector<LateRenegotiation> late_;
};

} // namespace kept
