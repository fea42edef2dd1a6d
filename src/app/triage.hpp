#pragma once

// kept triage's gathering: for each owner whose queue cannot be kept, the fewest commitments to
// renegotiate, with the dates the schedule can keep and the clients to talk to.

#include "kept/config.hpp"
#include "kept/ledger.hpp"
#include "kept/triage.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kept::app {

/// One commitment to renegotiate, with what a person needs to talk to its client.
struct TriageLine {
    OpenCommitment commitment;
    ToRenegotiate renegotiation;
};

/// The triage of every owner's queue (only `owner`'s when given), in one read transaction: by
/// owner, then earliest due first.
std::vector<TriageLine> gather_triage(Ledger& ledger, const Config& config, Date today,
                                      const std::optional<std::string>& owner);

/// The `kept renegotiate` command a person runs once the client has agreed to the proposed
/// date, its reason a suggestion to edit; empty when no date can be proposed.
std::string renegotiate_command(const TriageLine& line);

} // namespace kept::app
