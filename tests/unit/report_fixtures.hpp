#pragma once

// Hand-built commitments for the report rule tests. 2026-11-23 is a Monday (ISO week 48);
// 2026 has 53 ISO weeks.

#include "kept/facts.hpp"

#include <stdexcept>
#include <string>

namespace kept::test {

inline Date day(const char* text) {
    auto parsed = parse_iso_date(text);
    if (!parsed) {
        throw std::invalid_argument(text);
    }
    return *parsed;
}

/// An open commitment of `effort` minutes made on `created`, due on `due`.
inline CommitmentFacts promise(std::int64_t id, const std::string& owner, const char* created,
                               const char* due, Minutes effort) {
    CommitmentFacts c;
    c.id = id;
    c.owner = owner;
    c.client = "acme";
    c.created = day(created);
    c.due = c.original_due = day(due);
    c.effort = c.original_effort = effort;
    return c;
}

/// `c` delivered on `closed`.
inline CommitmentFacts delivered(CommitmentFacts c, const char* closed) {
    c.state = State::delivered;
    c.closed = day(closed);
    return c;
}

constexpr Minutes hour = 60;

} // namespace kept::test
