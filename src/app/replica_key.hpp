#pragma once

// The replica's private key file, LEDGER.key beside the ledger (0600): the key sync signs this
// replica's events with before it shares them.

#include "kept/signing.hpp"

#include <filesystem>

namespace kept::app {

/// LEDGER.key.
std::filesystem::path key_path(const std::filesystem::path& ledger);

/// The key pair in LEDGER.key, made (0600, whatever the umask) when the file does not exist. A
/// file others can read or write is made private again. Throws StorageError when it cannot be
/// read or written, BadValue when it holds no key.
KeyPair load_or_create_key(const std::filesystem::path& ledger);

} // namespace kept::app
