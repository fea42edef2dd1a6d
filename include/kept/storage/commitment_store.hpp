#pragma once

// The commitments table: derived state, each row the replay of its commitment's events.

#include "kept/commitment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// Which commitments `list` returns.
struct ListFilter {
    enum class States { open, closed, all };
    std::optional<std::string> owner;
    std::optional<std::string> client;
    States states = States::open;
    std::optional<Date> due_before; ///< strictly before
    std::optional<std::string> tag;
};

/// The commitments of one ledger (Ledger::commitments()). Every failure is a kept::Error;
/// StorageError when a row holds what kept never writes (a date or state that is not one).
class CommitmentStore {
  public:
    explicit CommitmentStore(Connection& connection) : c_(connection) {}

    /// The commitment with this local id, if any.
    std::optional<Commitment> find(std::int64_t id);
    /// The commitment with this uuid, if any.
    std::optional<Commitment> find_by_uuid(const std::string& uuid);
    /// Matching commitments sorted by due date, then id.
    std::vector<Commitment> list(const ListFilter& filter);
    /// Recomputes the whole commitments table and the tables derived from it from the events
    /// alone, replaying them in the total order, in one (large) write transaction. Returns the
    /// number of commitments.
    std::int64_t rebuild();

  private:
    Connection& c_;
};

} // namespace kept
