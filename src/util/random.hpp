#pragma once

// Random bytes from the kernel, knowing nothing of kept.

#include <cstddef>

namespace kept::util {

/// Fills `size` bytes at `out` from the kernel's generator (getrandom), retrying when a signal
/// interrupts it. Returns false when the kernel gives none.
bool fill_random(unsigned char* out, std::size_t size);

} // namespace kept::util
