#pragma once

// Time-ordered UUIDs (RFC 9562, version 7), knowing nothing of kept.

#include <cstdint>
#include <optional>
#include <string>

namespace kept::util {

/// A fresh version-7 UUID in lowercase text: the Unix time in milliseconds, then a counter and
/// 62 random bits. Those made by one process sort (as text) in the order they were made, even
/// within a millisecond or when the clock steps back. nullopt when the kernel gives no random
/// bytes.
std::optional<std::string> time_ordered_uuid();

/// A generator of those UUIDs: each sorts after the one before, whatever the times given.
class TimeOrderedUuids {
  public:
    /// The next UUID, at `unix_ms`; nullopt when the kernel gives no random bytes.
    std::optional<std::string> next(long long unix_ms);

  private:
    std::uint64_t last_ms_ = 0;
    unsigned counter_ = 0;
};

} // namespace kept::util
