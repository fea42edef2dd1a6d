#pragma once

// kept digest's gathering: the events of the period with their commitments, the forecast's and
// triage's word on what to talk to clients about, and the report's load rows, in one read
// transaction.

#include "kept/config.hpp"
#include "kept/digest.hpp"
#include "kept/ledger.hpp"

namespace kept::app {

/// The digest of [since, today] with `weeks` weeks of load ahead (the report's load rows).
Digest gather_digest(Ledger& ledger, const Config& config, Date since, Date today, int weeks);

} // namespace kept::app
