#pragma once

// What sort_flags and FlagList::sort share: the key each flag is ordered by
// (docs/report.md, "Flags": worst first).

#include "kept/flags.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace kept {

// What the order compares of one flag, side by side in one small array: a report sorts a
// hundred thousand flags, and comparing the flags themselves (hundreds of bytes apart) spent
// most of the sort waiting for memory.
struct FlagSortKey {
    double magnitude = 0.0;       // negated: larger first
    std::int64_t first_id = 0;    // the first commitment; INT64_MIN for none (fewer ids first)
    std::int32_t week = 0;        // year * 64 + week, 0 for none
    std::uint16_t owner_rank = 0; // the owner's place among the flags' owners, by name
    std::uint8_t group = 0;       // severity, then the kind's display rank
    bool more_ids = false;        // more than one commitment: ties compare the whole list
    std::uint32_t at = 0;         // the flag's position
};

FlagSortKey sort_key(const Flag& flag, std::uint16_t owner_rank, std::uint32_t at);
FlagSortKey sort_key(const ScheduledFlag& flag, std::uint16_t owner_rank, std::uint32_t at);

/// Each name's rank among `names` in name order (equal names share one), capped to 16 bits.
std::vector<std::uint16_t> name_ranks(const std::vector<std::string_view>& names);

/// Puts items[order[i]] at i by following the permutation's cycles: flags are big, and this
/// needs no second array of them. Leaves `order` the identity.
template <class T> void permute(std::vector<T>& items, std::vector<std::uint32_t>& order) {
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] == i) {
            continue;
        }
        T held = std::move(items[i]);
        std::size_t at = i;
        while (order[at] != i) {
            std::size_t from = order[at];
            items[at] = std::move(items[from]);
            order[at] = static_cast<std::uint32_t>(at);
            at = from;
        }
        items[at] = std::move(held);
        order[at] = static_cast<std::uint32_t>(at);
    }
}

/// The positions of `keys` worst first. `ids_of(at)` gives the commitments of the flag at `at`
/// where two keys tie up to their first commitment and one has more.
std::vector<std::uint32_t>
worst_first(std::vector<FlagSortKey> keys,
            const std::function<const std::vector<std::int64_t>&(std::uint32_t)>& ids_of);

} // namespace kept
