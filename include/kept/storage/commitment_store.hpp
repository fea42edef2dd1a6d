#pragma once

// The commitments table: derived state, each row the replay of its commitment's events.

#include "kept/commitment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// The orders `list` can return commitments in. Every order ends by due date, then id, except
/// `created`: by the day it was made, then id (the order this ledger added them in).
enum class ListSort { due, owner, client, created, effort };

/// Which commitments `list` returns, and in what order. A list of values matches any of them.
struct ListFilter {
    enum class States { open, delivered, dropped, closed, all };
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    States states = States::open;
    std::optional<Date> due_before; ///< strictly before
    std::optional<Date> due_after;  ///< strictly after
    std::vector<std::string> tags;
    ListSort sort = ListSort::due;
    bool reverse = false;              ///< the whole order, ties included, last to first
    std::optional<std::int64_t> limit; ///< at most this many, the first in the order
};

/// Whether `a` comes before `b` in `sort` (not reversed), leaving out the last tie-break, the
/// id: the order CommitmentStore::list returns, for merging several ledgers' lists (whose ids
/// are not comparable) with a stable sort.
bool listed_before(const Commitment& a, const Commitment& b, ListSort sort);

/// The commitments of one ledger (Ledger::commitments()). Every failure is a kept::Error;
/// StorageError when a row holds what kept never writes (a date or state that is not one).
class CommitmentStore {
  public:
    explicit CommitmentStore(Connection& connection) : c_(connection) {}

    /// The commitment with this local id, if any.
    std::optional<Commitment> find(std::int64_t id);
    /// The commitment with this uuid, if any.
    std::optional<Commitment> find_by_uuid(const std::string& uuid);
    /// Matching commitments in the filter's order (listed_before, maybe reversed), at most its
    /// limit.
    std::vector<Commitment> list(const ListFilter& filter);
    /// Every owner of a commitment (in any state), sorted, each once.
    std::vector<std::string> owners();
    /// Recomputes the whole commitments table and the tables derived from it from the events
    /// alone, replaying them in the total order, in one (large) write transaction. Returns the
    /// number of commitments.
    std::int64_t rebuild();

  private:
    Connection& c_;
};

} // namespace kept
