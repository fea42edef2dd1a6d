#pragma once

#include <filesystem>
#include <string>

namespace kept::cli {

/// The git working copy that `kept sync` keeps next to a ledger: LEDGER.sync/. Each replica
/// appends its own events to its chunks events/<ledger-uuid>/NNNNNN.ndjson there.
std::filesystem::path sync_directory(const std::filesystem::path& ledger);

/// The whole text of a replica file ("" when it cannot be read).
std::string read_replica_text(const std::filesystem::path& file);

} // namespace kept::cli
