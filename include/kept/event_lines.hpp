#pragma once

// Events as NDJSON lines: the format of `kept export --events`, `kept import` and the replica
// files that `kept sync` exchanges.

#include "kept/event.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// One event as a compact JSON line, without the newline.
std::string event_line(const Event& event);

/// Parses NDJSON event lines; blank lines are skipped. Throws BadValue naming the 1-based line:
/// `line 7: event field "hash" is missing`.
std::vector<Event> parse_event_lines(std::string_view text);

} // namespace kept
