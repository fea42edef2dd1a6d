#pragma once

// iCalendar (RFC 5545) output: one all-day event per open commitment, on its due date, for a
// calendar app to subscribe to.

#include "kept/commitment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// Escapes TEXT for a property value: backslash, semicolon and comma get a backslash, a line
/// break becomes \n, and other control characters (but tab) are dropped.
std::string ics_escape(std::string_view text);

/// Folds one content line (without its line end) into lines of at most 75 octets, each ending in
/// CRLF; continuation lines start with a space. Never splits a UTF-8 sequence.
std::string ics_fold(std::string_view line);

/// A VCALENDAR named `calendar_name` with one VEVENT per open commitment in `commitments`
/// (closed ones are left out): UID uuid@kept, DTSTAMP `now`, DTSTART/DTEND the due day as an
/// all-day date, SUMMARY the title, DESCRIPTION client, owner, effort and scope, CATEGORIES the
/// tags, SEQUENCE the number of renegotiations. CRLF line ends, folded at 75 octets.
std::string render_ics(const std::vector<Commitment>& commitments, Timestamp now,
                       std::string_view calendar_name);

} // namespace kept
