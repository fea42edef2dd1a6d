#pragma once

// A ledger whose own history left its replica files — restored from a backup older than its
// last sync and written to since, or a copy of another replica's ledger that both wrote to —
// cannot continue those files. It becomes a new replica instead, keeping every event.

#include "kept/ledger.hpp"

#include <filesystem>
#include <string>

namespace kept::app {

/// What give_new_identity did.
struct NewIdentity {
    std::string old_origin;
    std::string new_origin;
    std::int64_t reissued = 0;     ///< this ledger's events recorded again under the new one
    std::filesystem::path kept_as; ///< where the ledger as it was now lies
};

/// Rebuilds the ledger at `ledger`'s path as a new replica: a fresh ledger (new uuid) holding
/// every event of the old one but its own events from the first whose predecessor has hash
/// `fork_prev_hash` (the point where its history left its files), which are recorded again,
/// in order, as new events of the new replica (same commitments, times, actors, payloads and
/// reasons). The old file is kept beside it as LEDGER.fork-<origin>.db. `ledger` is closed;
/// the caller opens the new one. The events copied keep their signatures, checked by `trust`. Throws StorageError when a file cannot be moved.
NewIdentity give_new_identity(Ledger ledger, const std::string& fork_prev_hash,
                              int busy_timeout_ms, const Trust& trust);

} // namespace kept::app
