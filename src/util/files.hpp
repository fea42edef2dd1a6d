#pragma once

// Reading files whole, knowing nothing of kept.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>

namespace kept::util {

/// The bytes of `file` from byte `offset` on, at most `limit` of them; nullopt when it cannot
/// be opened. Reading stops at `limit`, so a caller that refuses files over N bytes passes
/// N + 1 and checks the size.
std::optional<std::string> read_file(const std::filesystem::path& file, std::int64_t offset = 0,
                                     std::size_t limit = std::numeric_limits<std::size_t>::max());

} // namespace kept::util
