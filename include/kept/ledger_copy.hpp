#pragma once

#include <filesystem>
#include <string>

namespace kept {

/// Copies the committed state of the ledger at `source` into `target`, a new file of mode 0600
/// (it must not exist), with SQLite's online backup API from a reading connection of its own:
/// one consistent snapshot while other processes write, unlike copying the file. On failure
/// nothing is left at `target`. Throws BusyError when the snapshot cannot be taken, StorageError
/// (or cannot_create, naming the target as `what` when given) otherwise.
void copy_ledger(const std::filesystem::path& source, const std::filesystem::path& target,
                 const std::string& what = {});

} // namespace kept
