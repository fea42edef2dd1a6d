#pragma once

// Promise only what is doable: the overload check of add and renegotiate, and the earliest
// realistic due date that `kept when` and `kept add --due auto` print.

#include "cli/context.hpp"
#include "kept/when.hpp"

#include <optional>
#include <string>

namespace kept::cli {

/// The earliest realistic due date for `effort` minutes of `owner`'s work starting at `from`,
/// given their open commitments other than `except_id`.
WhenAnswer realistic_due(Context& context, Ledger& ledger, const std::string& owner, Minutes effort,
                         Date from, std::int64_t except_id = 0);

/// Why realistic_due found no date, as a clause: "2026-W48 is already at 46.0h of 40.0h for
/// alice; try --from 2026-11-30".
std::string why_no_date(const WhenAnswer& answer, const std::string& owner);

/// Checks whether replacing `before` (null for a new commitment) by `after` pushes after's owner
/// over capacity × overload_ratio in a week, or further over it. Returns the warning to print
/// once the change is written; with `strict`, throws BadValue with it instead.
std::optional<std::string> overload_warning(Context& context, Ledger& ledger,
                                            const CommitmentFacts* before,
                                            const CommitmentFacts& after, bool strict);

} // namespace kept::cli
