#pragma once

// What sync remembers of each replica file (schema 6's replica_files table).

#include "kept/replica.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// How far sync has imported one replica file, and where the file stopped being importable.
struct ReplicaFileState {
    std::string origin;             ///< the replica the file belongs to (its name)
    std::int64_t resume_part = 0;   ///< the chunk holding the last event taken (0: the old file)
    std::int64_t resume_offset = 0; ///< byte offset of the line of the last event taken
    std::int64_t resume_line = 0;   ///< that line's number; 0 when nothing was taken yet
    std::string last_uuid;          ///< the last event taken ("" when none)
    std::string last_hash;          ///< its hash, which chains the whole prefix
    std::int64_t last_clock = 0;
    std::optional<ReplicaProblem> problem; ///< the first line not taken, and why
    std::int64_t problem_part = 0;         ///< the chunk that line is in
};

/// Sync's state of one ledger (Ledger::replica_files()). Every failure is a kept::Error.
class ReplicaFileStore {
  public:
    explicit ReplicaFileStore(Connection& connection) : c_(connection) {}

    /// What sync remembers of each replica file, by origin; empty for a ledger older than
    /// schema 6, which keeps none.
    std::vector<ReplicaFileState> all();
    /// Records `state` for its origin, replacing what was there. Inside Ledger::write
    /// (Error(internal) outside).
    void save(const ReplicaFileState& state);

  private:
    Connection& c_;
};

} // namespace kept
