#pragma once

// What kept verify asks of the database itself, beyond reading the events.

#include "kept/verify.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// Verify's reads of one ledger (Ledger::checks()). Every failure is a kept::Error.
class VerifyReads {
  public:
    explicit VerifyReads(Connection& connection) : c_(connection) {}

    /// Runs PRAGMA integrity_check, or with `full` false the linear-time PRAGMA quick_check
    /// (everything but whether each index holds exactly its table's rows); returns its messages
    /// ("ok" alone when sound).
    std::vector<std::string> integrity_check(bool full = true);
    /// The commitments whose row's last clock is not the highest clock of their events, and
    /// events of commitments without a row, ordered by id: two index scans, no payload read.
    std::vector<ClockMismatch> clock_mismatches();
    /// How many (owner, due date) sums of open work differ from a count of the open
    /// commitments (0 when the ledger keeps none).
    std::int64_t open_work_mismatches();

  private:
    Connection& c_;
};

} // namespace kept
