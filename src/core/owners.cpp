#include "kept/owners.hpp"

#include "kept/suggest.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

bool holds(std::span<const std::string> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string did_you_mean(const std::optional<std::string>& meant) {
    return meant ? fmt::format(" (did you mean \"{}\"?)", *meant) : std::string();
}

} // namespace

std::vector<std::string> member_names(const Config& config) {
    std::vector<std::string> names;
    for (const auto& [name, member] : config.members) {
        names.push_back(name);
    }
    return names;
}

std::optional<std::string> not_a_member(std::string_view owner,
                                        std::span<const std::string> members) {
    if (holds(members, owner)) {
        return std::nullopt;
    }
    const auto meant = closest_name(owner, members);
    if (!meant) {
        return std::nullopt;
    }
    return fmt::format("\"{}\" is not a member (did you mean \"{}\"?)", owner, *meant);
}

std::optional<std::string>
unmatched_owner(std::string_view owner, std::span<const std::string> known, bool only_when_meant) {
    if (holds(known, owner)) {
        return std::nullopt;
    }
    const auto meant = closest_name(owner, known);
    if (!meant && only_when_meant) {
        return std::nullopt;
    }
    return fmt::format("no commitment has owner \"{}\"{}", owner, did_you_mean(meant));
}

} // namespace kept
