#pragma once

#include "kept/commitment.hpp"
#include "kept/event.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kept {

/// Walks events in ledger order and checks each origin's hash chain: every event's hash matches
/// its content and its prev_hash is the hash of the previous event of the same origin.
class ChainChecker {
  public:
    /// Feeds the next event; returns false (and remembers why) at the first broken link.
    bool feed(const Event& event);
    /// The same check for an event read with its payload as stored text (event.payload unread).
    /// A payload stored in another spelling of the same JSON is parsed and checked as feed()
    /// would; text that is not JSON is a broken link.
    bool feed(const Event& event, std::string_view payload_json);
    /// Continues the chain of `origin` after an event with hash `hash` that was checked before
    /// (a chain read from its middle).
    void resume(const std::string& origin, std::string hash) {
        last_hash_[origin] = std::move(hash);
    }

    std::int64_t checked() const { return checked_; }
    /// The seq of the first bad event, when one was found.
    std::optional<std::int64_t> first_bad_seq() const { return first_bad_seq_; }
    const std::string& problem() const { return problem_; }

  private:
    bool link(const Event& event, bool hash_matches);

    std::map<std::string, std::string> last_hash_; // origin -> hash of its latest event
    std::int64_t checked_ = 0;
    std::optional<std::int64_t> first_bad_seq_;
    std::string problem_;
};

/// A commitment whose row and events disagree on the latest event applied: the row's last clock
/// against the highest clock among its events. Either is unset when missing (no row; no events).
struct ClockMismatch {
    std::int64_t id = 0;
    std::optional<std::int64_t> row_clock;
    std::optional<std::int64_t> event_clock;
};

/// What is wrong with the first of `mismatches` (ordered by id), with the number affected:
/// "commitment #3 does not match its events: ..."; "" when there are none. The cheap check every
/// verify makes: it catches a deleted latest event, which no later link of a chain reveals.
std::string describe_clock_mismatches(const std::vector<ClockMismatch>& mismatches);

/// Replays every commitment's events and compares the result with the stored commitments table.
/// This catches what the hash chains cannot: a deleted latest event of an origin (nothing follows
/// it to break), and a commitments row edited by hand.
class StateChecker {
  public:
    /// `stored` is the commitments table, in any order.
    explicit StateChecker(std::vector<Commitment> stored);

    /// Feeds the next event. Events must come grouped by commitment id, each group in replay
    /// order (replays_before).
    void feed(const Event& event);
    /// Checks the last group and the commitments that had no events; true when all match.
    bool finish();

    /// The lowest id of a commitment whose row does not match its events.
    std::optional<std::int64_t> first_bad_commitment() const;
    /// What is wrong with it, and how many commitments are affected.
    std::string problem() const;

  private:
    void close_group();

    std::unordered_map<std::int64_t, Commitment> stored_;
    std::optional<Commitment> replayed_;
    std::string replay_error_;
    std::map<std::int64_t, std::string> bad_; // id -> what differs
};

/// The first field in which two states of a commitment differ ("" when they are equal).
std::string first_difference(const Commitment& a, const Commitment& b);

} // namespace kept
