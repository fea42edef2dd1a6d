#pragma once

// kept verify's procedure, which kept backup also runs on its copy.

#include "kept/ledger.hpp"

#include <cstdint>

namespace kept::app {

/// verify's checks of the ledger itself (not of the sync working copy), in one read
/// transaction: SQLite's integrity check, every hash chain, and the tables derived from the
/// events; with `full`, every index and the replay of every commitment. Returns the number of
/// events checked; throws CheckFailed naming the first problem.
std::int64_t verify_ledger(Ledger& ledger, bool full);

/// What `kept verify` checked.
struct Verified {
    std::int64_t events = 0; ///< events whose hash chain is intact
    int replicas = 0;        ///< replicas whose files in the sync working copy are intact
};

/// kept verify: the ledger (verify_ledger), the replica files of its sync working copy, and
/// the bad lines the last sync recorded. Throws CheckFailed naming the first problem.
Verified verify(Ledger& ledger, bool full);

} // namespace kept::app
