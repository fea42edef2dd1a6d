#pragma once

#include <filesystem>

namespace kept::cli {

/// The git working copy that `kept sync` keeps next to a ledger: LEDGER.sync/. Each replica
/// appends its own events to events/<ledger-uuid>.ndjson there.
std::filesystem::path sync_directory(const std::filesystem::path& ledger);

} // namespace kept::cli
