#pragma once

// The rules of replication through a git remote that take values and return values: which
// remotes sync accepts, which push failures are races to retry and how long to wait, and how a
// replica file is read so that one bad line stops only the events after it.

#include "kept/event.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// No event is accepted from another replica with a Lamport clock above this (2^40): a replica
/// adding a million events a day for three thousand years stays below it, and the clock of an
/// event written on top of it cannot overflow.
constexpr std::int64_t max_imported_clock = std::int64_t{1} << 40;

/// A replica's history is split in chunk files of at most this many events,
/// events/<origin>/<NNNNNN>.ndjson numbered from 1, so that a sync commits and pushes only the
/// last chunk however long the history. A file events/<origin>.ndjson, as earlier versions
/// wrote, is read first, as chunk 0.
constexpr std::int64_t replica_chunk_lines = 1000;

/// The name of chunk `number`: "000042.ndjson".
std::string chunk_file_name(std::int64_t number);
/// The number of a chunk file name ("000042.ndjson": 42); nothing for any other name.
std::optional<std::int64_t> chunk_number(std::string_view file_name);

/// Throws UsageError unless `url` names a remote through a transport a team uses: ssh
/// (ssh://, git+ssh://, or [user@]host:path), https://, git://, file:// or a local path.
/// Transport helpers (fd::, ext::, any <name>::) and other schemes are refused.
void check_remote_url(std::string_view url);

/// Whether `url` (accepted by check_remote_url) is on this machine: file:// or a path, which
/// git reads with a git of the same user on this host rather than over the network.
bool is_local_remote(std::string_view url);

/// Whether git push's output says another pusher got there first (the branch moved, or its
/// ref was locked by a concurrent push): fetching and pushing again succeeds.
bool lost_push_race(std::string_view git_output);

/// The lock file git push's output says it could not create because it exists ("Unable to
/// create 'PATH': File exists"), or "" when it says no such thing. A concurrent push holds a
/// ref lock for milliseconds; one that outlasts several attempts was left by a killed git.
std::string lock_file_in_the_way(std::string_view git_output);

/// The pause before push attempt `attempt` + 1 (attempt from 1): 100 ms doubling up to 3.2 s,
/// scaled by `jitter` in [0, 1) to between half and all of that, so racing replicas part.
std::chrono::milliseconds retry_delay(int attempt, double jitter);

/// Where a replica file stops being one intact chain of its replica's events, and why.
struct ReplicaProblem {
    std::int64_t line = 0; ///< 1-based line of the file
    std::string reason;
};

/// The events of a replica file read up to its first bad line.
struct ReplicaChain {
    std::vector<Event> events;
    std::vector<std::int64_t> lines;   ///< the file line of each event
    std::vector<std::int64_t> offsets; ///< the byte offset in the file where each line starts
    std::optional<ReplicaProblem> problem;
};

/// Where in a replica file the text given to read_replica_chain begins: at the start, or just
/// after an event read before.
struct ChainStart {
    std::int64_t line = 1;   ///< the file line of the text's first line
    std::int64_t offset = 0; ///< the byte offset of the text in the file
    std::string prev_hash;   ///< the hash of the event before ("" at the start)
    std::int64_t prev_clock = 0;
};

/// Reads the NDJSON `text` of the replica file of `origin`: each line must parse as an event
/// written by `origin`, match its hash, follow the line before (the first the event `start`
/// names, or none) and carry a clock greater than the line before and at most
/// max_imported_clock. Stops at the first line that does not, and says why.
ReplicaChain read_replica_chain(std::string_view text, const std::string& origin,
                                const ChainStart& start = {});

} // namespace kept
