#pragma once

#include "kept/ledger.hpp"

#include <cstdint>

namespace kept::cli {

/// verify's checks of the ledger itself (not of the sync working copy), in one read
/// transaction: SQLite's integrity check, every hash chain, and the tables derived from the
/// events; with `full`, every index and the replay of every commitment. Returns the number of
/// events checked; throws CheckFailed naming the first problem.
std::int64_t verify_ledger(Ledger& ledger, bool full);

} // namespace kept::cli
