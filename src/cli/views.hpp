#pragma once

// How commitments and events look in each output format, shared by the read commands.

#include "cli/context.hpp"
#include "kept/commitment.hpp"
#include "kept/event.hpp"

#include <string>
#include <vector>

namespace kept::cli {

/// The fields of a commitment record, in order (docs/formats.md).
const std::vector<std::string>& commitment_fields();
/// The fields of an event record, in order (docs/formats.md).
const std::vector<std::string>& event_fields();

/// A list of commitments: a table (soonest due first) or records. With `teams` (one name per
/// commitment, for an org roll-up) a team column comes first.
void print_commitments(Context& context, Format format, const std::vector<Commitment>& list,
                       const std::vector<std::string>* teams = nullptr);
/// One commitment: every field with the original promise beside the current one.
void print_commitment(Context& context, Format format, const Commitment& commitment);
/// Events, oldest first.
void print_events(Context& context, Format format, const std::vector<Event>& events);

/// One line saying what an event changed: "due 2026-12-04 -> 2026-12-11, scope +1 -0".
std::string describe(EventKind kind, const nlohmann::json& payload);

} // namespace kept::cli
