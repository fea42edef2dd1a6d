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

/// For an owner named on add or renegotiate who is not in `members` but one of them is clearly
/// meant (closest_name: another case, the only name it begins, a slip or two):
/// `"bbo" is not a member (did you mean "bob"?)`. nullopt otherwise: [members] need not list
/// everyone (it gives people their own capacity), so a name near no member is not a mistake.
std::optional<std::string> not_a_member(std::string_view owner,
                                        std::span<const std::string> members);

/// For an owner a filter asks for: `no commitment has owner "bbo" (did you mean "bob"?)` when
/// `known` (the members and every owner of a commitment) does not hold `owner` exactly. With
/// `only_when_meant`, only when a known name is clearly meant; nullopt otherwise.
std::optional<std::string>
unmatched_owner(std::string_view owner, std::span<const std::string> known, bool only_when_meant);

} // namespace kept
