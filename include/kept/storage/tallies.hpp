#pragma once

// The reliability tallies a ledger keeps from schema 4 on (reliability_counts, kept by triggers).

#include "kept/reliability.hpp"

#include <functional>
#include <optional>
#include <string>

namespace kept {

class Connection;

/// The tallies of one ledger (Ledger::tallies()): per owner, client and client kind, the sums
/// ReliabilityFigures::add counts, kept by triggers as commitments are written (the unit test
/// test_storage_tallies.cpp proves them equal to the C++ rule over random histories).
class Tallies {
  public:
    explicit Tallies(Connection& connection) : c_(connection) {}

    /// Visits the tallies, one per owner, client and client kind (only `owner`'s when given), in
    /// that order. False, visiting none, for a ledger older than schema 4, which keeps none.
    bool for_each_tally(const std::optional<std::string>& owner,
                        const std::function<void(const ReliabilityTally&)>& visit);

  private:
    Connection& c_;
};

} // namespace kept
