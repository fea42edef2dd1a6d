#pragma once

// Owners people mistype: the warnings for an owner who is not a member, and for a filter's owner
// who matches nobody.

#include "kept/config.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// The names [members] lists, sorted.
std::vector<std::string> member_names(const Config& config);

/// For an owner named on add or renegotiate: `"bbo" is not a member (did you mean "bob"?)`,
/// without the parenthesis when no member is clearly meant (closest_name); nullopt when
/// `members` is empty (the team lists nobody) or holds `owner` exactly.
std::optional<std::string> not_a_member(std::string_view owner,
                                        std::span<const std::string> members);

/// For an owner a filter asks for: `no commitment has owner "bbo" (did you mean "bob"?)` when
/// `known` (the members and every owner of a commitment) does not hold `owner` exactly;
/// nullopt when it does.
std::optional<std::string> unmatched_owner(std::string_view owner,
                                           std::span<const std::string> known);

} // namespace kept
