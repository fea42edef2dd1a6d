#pragma once

// Reliability: how often promises were kept, per owner, per client, internal vs external.

#include "kept/facts.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace kept {

/// The reliability of one group of commitments. On-time rates count delivered commitments only
/// (dropped ones have no delivery date); renegotiation counts cover every commitment of the group.
struct ReliabilityFigures {
    std::string group; ///< "team", "kind", "owner" or "client"
    std::string name;  ///< "all", "internal"/"external", the owner or the client
    int delivered = 0;
    int dropped = 0;
    int on_time_first = 0;   ///< delivered on or before the date first promised
    int on_time_last = 0;    ///< delivered on or before the last agreed date
    long long slip_days = 0; ///< sum over delivered of max(0, closed - first promised date)
    long long late_days = 0; ///< sum over delivered of max(0, closed - last agreed date)
    int proactive_renegotiations = 0; ///< made on or before the due date then in force
    int late_renegotiations = 0;      ///< made after it

    /// Counts one commitment into the figures.
    void add(const CommitmentFacts& commitment);
    /// Adds the counts of `other` (its group and name aside).
    void add(const ReliabilityFigures& other);

    /// Percent of delivered commitments on time against the first promise; nullopt when none.
    std::optional<double> on_time_first_rate() const;
    /// Percent of delivered commitments on time against the last agreed date; nullopt when none.
    std::optional<double> on_time_last_rate() const;
    /// Mean days delivered after the first promised date (early counts as 0); nullopt when none.
    std::optional<double> mean_slip_days() const;
    /// Mean days delivered after the last agreed date (early counts as 0); nullopt when none.
    std::optional<double> mean_late_days() const;
};

/// The figures of the commitments that share an owner, a client and a client kind: what a ledger
/// keeps tallied as it is written, so that a report need not read every closed commitment.
struct ReliabilityTally {
    std::string owner;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::int64_t commitments = 0; ///< in any state
    ReliabilityFigures figures;
};

/// The same counts (group and name aside).
bool same_counts(const ReliabilityFigures& a, const ReliabilityFigures& b);

/// Tallies commitments fed one at a time, the way a ledger keeps them as it is written: verify
/// recounts the commitments so and compares.
class Tallier {
  public:
    void add(const CommitmentFacts& commitment);
    /// One tally per owner, client and client kind, in that order.
    std::vector<ReliabilityTally> tallies() const;

  private:
    std::map<std::tuple<std::string, std::string, ClientKind>,
             std::pair<std::int64_t, ReliabilityFigures>>
        groups_; // commitments and their figures
};

/// How many of the groups in `a` and `b` (each sorted by owner, client and client kind) are
/// missing from one or counted differently.
std::int64_t tally_differences(const std::vector<ReliabilityTally>& a,
                               const std::vector<ReliabilityTally>& b);

/// Reliability of the team, of internal and external clients, of each owner and each client.
struct Reliability {
    ReliabilityFigures team{"team", "all"};
    ReliabilityFigures internal{"kind", "internal"};
    ReliabilityFigures external{"kind", "external"};
    /// Hashed rather than ordered: a report counts every commitment of the ledger into two of
    /// these. rows() gives them in name order.
    std::unordered_map<std::string, ReliabilityFigures> owners;
    std::unordered_map<std::string, ReliabilityFigures> clients;

    /// Counts one commitment (any state) into every group it belongs to.
    void add(const CommitmentFacts& commitment);
    /// Counts a tally into every group its commitments belong to.
    void add(const ReliabilityTally& tally);
    /// Every group in report order: team, internal, external, owners by name, clients by name.
    std::vector<const ReliabilityFigures*> rows() const;
};

} // namespace kept
