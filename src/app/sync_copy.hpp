#pragma once

// The git working copy kept sync exchanges replica files through, LEDGER.sync/. It is a cache
// of the remote: the ledger is the source of truth for this replica's events and the remote for
// everyone else's, so whatever state a killed sync left the copy in, prepare() and
// reset_to_remote() put it back without a person, and nothing is lost.

#include "app/git_process.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace kept::app {

class WorkingCopy {
  public:
    /// `actor` signs the commits; every git run is killed after `timeout_ms`.
    WorkingCopy(std::filesystem::path dir, std::string actor, int timeout_ms);

    const std::filesystem::path& dir() const { return dir_; }

    /// Makes the copy usable: re-created when missing, broken, or writable by (or belonging
    /// to) another user; its modes made private (0700 directories, 0600 files); stale git locks
    /// and an interrupted rebase or merge removed; origin set to `remote` (when given, else the
    /// one it has, checked against the allowed transports). Throws UsageError when there is no
    /// remote at all.
    void prepare(const std::string& remote);

    /// git fetch from origin. Throws StorageError when it fails or times out.
    void fetch();

    /// Makes branch main, the index and the files exactly the remote's branch (empty when the
    /// remote has none): uncommitted changes, partly written files, a detached HEAD and unpushed
    /// commits are dropped, as the ledger writes them again.
    void reset_to_remote();

    /// Commits what changed under `path` (inside the copy: files added, changed or removed)
    /// with `message`.
    void commit(const std::filesystem::path& path, const std::string& message);

    /// Whether the branch holds commits the remote's branch lacks.
    bool ahead();

    /// git push of main to origin; the result is for the caller to judge. `whole_files`: what is
    /// pushed is mostly files the remote has no version of (a first sync, a bulk import), so git
    /// looks for no deltas between them: they share nothing, and its search held 130 MiB at a
    /// million events (6 MiB without, at 100,000; the pack is the same size).
    ProcessResult push(bool whole_files = false);

    /// The first non-blank line of git's output.
    static std::string first_line(const std::string& output);

  private:
    enum class Reach { local, network };
    ProcessResult run(std::vector<std::string> args, Reach reach = Reach::local) const;
    std::string must(std::vector<std::string> args, std::string_view what,
                     Reach reach = Reach::local) const;
    bool has(const std::string& ref) const;
    void create(const std::string& remote);
    void remove_stale_state();

    std::filesystem::path dir_;
    std::string actor_;
    int timeout_ms_;
    bool local_remote_ = false; ///< the remote is a path: its git runs here, with our config
};

} // namespace kept::app
