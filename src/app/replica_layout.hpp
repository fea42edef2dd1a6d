#pragma once

// The replica files of a sync working copy as the files they are: each replica's history is
// its old single file events/<origin>.ndjson (chunk 0, when an earlier version wrote one) and
// its chunks events/<origin>/<NNNNNN>.ndjson, read in that order as one chain.

#include "kept/ledger.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kept::app {

/// One file of a replica's history.
struct ReplicaPart {
    std::int64_t number = 0; ///< 0: the old single file; chunks from 1
    std::filesystem::path path;
};

/// Every replica's parts in `events_dir`, by origin, each list in order (empty map when the
/// directory does not exist).
std::map<std::string, std::vector<ReplicaPart>>
replica_parts(const std::filesystem::path& events_dir);

/// Where one event of a replica's history was read.
struct ReplicaPosition {
    std::int64_t part = 0;
    std::int64_t line = 0;
    std::int64_t offset = 0;
};

/// Reads one replica's history from its parts by read_replica_chain's rule, one part at a
/// time, up to its first bad line: from just after the last event `from` took when that event
/// is still where it was (its hash chains the whole prefix), else from the start.
class ReplicaStream {
  public:
    ReplicaStream(std::string origin, std::vector<ReplicaPart> parts, const ReplicaFileState& from);

    const std::string& origin() const { return origin_; }
    /// The next event, or nullptr when the history (or its intact part) is read.
    const Event* peek();
    /// Where the event peek() gives is. Only while peek() gives one.
    const ReplicaPosition& position() const { return positions_[next_]; }
    /// Hands over the event peek() gives and moves on.
    Event take();

    /// Whether it read on from `from` rather than from the start.
    bool resumed() const { return resumed_; }
    /// After the end: the first bad line, if any, and the part it is in.
    const std::optional<ReplicaProblem>& problem() const { return problem_; }
    const std::filesystem::path& problem_path() const { return problem_path_; }
    std::int64_t problem_part() const { return problem_part_; }
    /// After the end: the number of the last part read (0 when none) and its lines.
    std::int64_t last_part() const { return last_part_; }
    std::int64_t last_part_lines() const { return last_part_lines_; }

  private:
    void load_next_part();

    std::string origin_;
    std::vector<ReplicaPart> parts_;
    std::size_t part_ = 0;   ///< the next part to load
    std::string first_text_; ///< the rest of the part resumed in
    ChainStart start_;
    bool resumed_ = false;
    bool first_load_ = true;
    bool ended_ = false;
    std::vector<Event> events_; ///< the loaded part's events
    std::vector<ReplicaPosition> positions_;
    std::size_t next_ = 0;
    std::optional<ReplicaProblem> problem_;
    std::filesystem::path problem_path_;
    std::int64_t problem_part_ = 0;
    std::int64_t last_part_ = 0;
    std::int64_t last_part_lines_ = 0;
};

/// The path of chunk `number` of `origin`'s history under `events_dir`.
std::filesystem::path chunk_path(const std::filesystem::path& events_dir, const std::string& origin,
                                 std::int64_t number);

} // namespace kept::app
