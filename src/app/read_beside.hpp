#pragma once

// A read on a second connection, on a thread of its own, beside what this connection reads: the
// report reads a big ledger's delivered commitments so while it reads the open ones.

#include "kept/ledger.hpp"

#include <functional>
#include <future>

namespace kept::app {

/// Runs `read` on a second connection to `ledger`'s file, on a thread of its own, if that
/// connection sees the ledger as `ledger`'s read transaction does: the same last event (events
/// are only appended, and every change to a commitment is one). The future says whether it ran.
/// A write that committed after `ledger`'s first read, a ledger in memory, or a second connection
/// that cannot be opened leaves the read to the caller. Call it inside `ledger.read()`, after a
/// first read there.
std::future<bool> read_beside(Ledger& ledger, std::function<void(Ledger&)> read);

} // namespace kept::app
