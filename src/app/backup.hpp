#pragma once

// kept backup's procedure: a consistent copy of a ledger, verified before it takes its place.

#include "kept/ledger.hpp"

#include <cstdint>
#include <filesystem>

namespace kept::app {

/// Copies `ledger` to `target` (SQLite's online backup, also while others write) through a
/// partial file beside it, verifies the copy, flushes it and renames it into place: `target`
/// is replaced whole or not at all. Refuses a target that is the ledger or one of its files
/// (BadValue), or that exists without `force` (Error cannot_create). Returns the number of
/// events the copy holds; throws CheckFailed when it does not verify, Error cannot_create or
/// io when it cannot be written.
std::int64_t backup_ledger(Ledger& ledger, const std::filesystem::path& target, bool force,
                           int busy_timeout_ms);

} // namespace kept::app
