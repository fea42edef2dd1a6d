#pragma once

// Sync's exchange with the replica files of the working copy: import what the other replicas'
// chunks hold that the ledger lacks, and append this replica's new events to its own chunks.

#include "kept/import.hpp"
#include "kept/ledger.hpp"
#include "kept/replica.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kept::app {

/// What one pass over the replica files found.
struct ReplicaScan {
    ImportCounts counts;
    std::optional<std::string> our_last_uuid; ///< the last good event of our own file, when any
    std::optional<ReplicaProblem> our_damage; ///< where our own file stops being our chain
    /// Where our own file's history leaves the ledger's: a restore from an older backup that
    /// was then written to, or a copy of this ledger syncing as a second replica.
    std::optional<ReplicaProblem> our_fork;
    std::filesystem::path our_fork_path;
    std::string our_fork_prev_hash;       ///< the predecessor both histories continue
    std::int64_t our_last_part = 0;       ///< our last chunk (0: none, or only the old file)
    std::int64_t our_last_part_lines = 0; ///< how many lines it holds
    std::vector<std::string> problems;    ///< "FILE line N: reason", one per stopped replica
};

/// What append_ours wrote.
struct Appended {
    std::int64_t count = 0;
    ReplicaFileState state; ///< where our last event now is (origin empty when none written)
};

/// Imports what every replica's files hold that the ledger lacks, reading each from where the
/// last sync stopped, one chunk at a time, merged in replay order (clock, then origin) and
/// imported in batches, each one transaction with what it advanced of each replica's record.
/// A history is read up to its first bad line, and an event the ledger refuses stops its
/// origin's later events: the rest syncs.
ReplicaScan import_replicas(Ledger& ledger, const std::filesystem::path& events_dir);

/// Appends to our replica's chunks the events of ours they do not hold yet, filling the last
/// chunk up to replica_chunk_lines and starting new ones. A history `damaged` after its intact
/// events (a bad line someone pushed) is written anew from the ledger, the source of truth for
/// this replica's events.
Appended append_ours(Ledger& ledger, const std::filesystem::path& events_dir,
                     const ReplicaScan& scan);

} // namespace kept::app
