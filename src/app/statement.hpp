#pragma once

// kept statement's gathering: one client's commitments, their renegotiations and the open
// ones' forecast, in one read transaction.

#include "kept/config.hpp"
#include "kept/ledger.hpp"
#include "kept/statement.hpp"

#include <optional>
#include <string>

namespace kept::app {

/// The statement of `client` over the period from `since` (from the first promise when unset)
/// to `today`. Throws BadValue naming --client when no commitment has that client.
Statement gather_statement(Ledger& ledger, const Config& config, Date today,
                           const std::string& client, std::optional<Date> since);

} // namespace kept::app
