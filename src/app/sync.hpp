#pragma once

// kept sync's procedure: the working copy LEDGER.sync/ beside a ledger, exchanged with a git
// remote. Plain arguments in, what happened out; the command line prints it.

#include "kept/ledger.hpp"
#include "kept/signing.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kept::app {

/// The git working copy that `kept sync` keeps next to a ledger: LEDGER.sync/. Each replica
/// appends its own events to its chunks events/<ledger-uuid>/NNNNNN.ndjson there.
std::filesystem::path sync_directory(const std::filesystem::path& ledger);

/// The whole text of a replica file ("" when it cannot be read).
std::string read_replica_text(const std::filesystem::path& file);

/// Refuses, before anything is created, a bad remote URL, or no remote (empty) for a ledger
/// without a working copy yet. Throws BadValue or UsageError.
void check_sync_remote(const std::filesystem::path& ledger, const std::string& remote);

/// What one sync did.
struct SyncResult {
    std::int64_t imported = 0;         ///< events imported from the other replicas
    std::int64_t appended = 0;         ///< events of ours pushed
    std::vector<std::string> problems; ///< "FILE line N: reason", one per stopped replica
    std::string repaired;              ///< " (this replica's file rewritten ...)", or empty
    std::string forked;                ///< "; this ledger's history had left ...", or empty
    std::string key_note;              ///< "; this replica now signs ...", or empty
};

/// One sync of a ledger: constructing it takes the sync lock LEDGER.sync.lock (BusyError after
/// `busy_timeout_ms`) and opens the ledger for writing; run() does the exchange.
class SyncSession {
  public:
    SyncSession(const std::filesystem::path& ledger_path, int busy_timeout_ms);
    ~SyncSession();
    SyncSession(const SyncSession&) = delete;
    SyncSession& operator=(const SyncSession&) = delete;

    /// Fetches from `remote` (empty: the working copy's own), imports, appends ours, commits
    /// as `actor` and pushes, retrying a lost push race; git commands time out after
    /// `git_timeout_ms`. Throws StorageError when git fails.
    /// Imports follow the team's `trust` ([sync] trusted, revoked); this replica's events are
    /// signed with the key in LEDGER.key (made when missing) before they are shared.
    SyncResult run(const std::string& remote, const std::string& actor, int git_timeout_ms,
                   const Trust& trust = {});

  private:
    class Lock;
    std::filesystem::path ledger_path_;
    int busy_timeout_ms_;
    std::unique_ptr<Lock> lock_;
    Ledger ledger_;
};

/// Remembers the remote in the config file as [sync] remote, when the file has no [sync] table
/// yet (an existing one is the user's to edit). Returns whether it did.
bool remember_remote(const std::filesystem::path& config_file, const std::string& remote);

} // namespace kept::app
