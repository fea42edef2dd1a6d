#pragma once

// Concurrent edits: changes to one commitment made on different replicas without either having
// seen the other. Both stay in the history; the report flags them so a person can look.

#include "kept/event.hpp"

#include <map>
#include <string>
#include <vector>

namespace kept {

struct Conflict {
    std::string commitment_uuid;
    std::string base;                ///< the event both changes were based on
    std::vector<std::string> events; ///< uuids of the concurrent changes, in replay order
    std::vector<std::string> actors; ///< who made them, same order
};

/// Finds change events (renegotiated, closed, reopened) that share a `base` in their payload but
/// came from different origins. Events without a base (written before bases existed) are ignored.
class ConflictFinder {
  public:
    /// Feed events in any order.
    void feed(const Event& event);
    /// The conflicts found, ordered by commitment and base.
    std::vector<Conflict> conflicts() const;

  private:
    struct Change {
        std::string uuid;
        std::string origin;
        std::string actor;
        std::int64_t clock;
    };
    // (commitment uuid, base) -> the changes based on it
    std::map<std::pair<std::string, std::string>, std::vector<Change>> by_base_;
};

} // namespace kept
