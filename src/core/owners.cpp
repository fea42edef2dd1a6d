#include "kept/owners.hpp"

#include "kept/suggest.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

bool holds(std::span<const std::string> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string did_you_mean(std::string_view word, std::span<const std::string> names) {
    const auto meant = closest_name(word, names);
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
    if (members.empty() || holds(members, owner)) {
        return std::nullopt;
    }
    return fmt::format("\"{}\" is not a member{}", owner, did_you_mean(owner, members));
}

std::optional<std::string> unmatched_owner(std::string_view owner,
                                           std::span<const std::string> known) {
    if (holds(known, owner)) {
        return std::nullopt;
    }
    return fmt::format("no commitment has owner \"{}\"{}", owner, did_you_mean(owner, known));
}

} // namespace kept
