// The report's order of flags: worst first (docs/report.md, "Flags").

#include "flag_order.hpp"

#include <algorithm>
#include <unordered_map>

namespace kept {

namespace {

// Within one severity, the order the report lists kinds in.
int display_rank(FlagKind kind) {
    switch (kind) {
    case FlagKind::overdue:
        return 0;
    case FlagKind::overload:
        return 1;
    case FlagKind::risk:
        return 2;
    case FlagKind::heads_up:
        return 3;
    case FlagKind::late:
        return 4;
    case FlagKind::creep:
        return 5;
    case FlagKind::internal_neglect:
        return 6;
    case FlagKind::conflict:
        return 7;
    case FlagKind::chronic:
        return 8;
    case FlagKind::sync:
        return 9;
    }
    return 10;
}

// What orders flags first: their severity, then their kind's display rank.
std::uint8_t group_of(Severity severity, FlagKind kind) {
    return static_cast<std::uint8_t>(static_cast<int>(severity) * 16 + display_rank(kind));
}

} // namespace

FlagSortKey sort_key(const Flag& f, std::uint16_t owner_rank, std::uint32_t at) {
    FlagSortKey k;
    k.group = group_of(f.severity, f.kind);
    k.magnitude = -f.magnitude;
    k.owner_rank = owner_rank;
    k.week = f.week ? f.week->year * 64 + static_cast<std::int32_t>(f.week->week) : 0;
    k.first_id = f.commitments.empty() ? INT64_MIN : f.commitments.front();
    k.more_ids = f.commitments.size() > 1;
    k.at = at;
    return k;
}

FlagSortKey sort_key(const ScheduledFlag& f, std::uint16_t owner_rank, std::uint32_t at) {
    FlagSortKey k;
    k.group = group_of(severity_of(f.kind), f.kind);
    k.magnitude = -f.magnitude;
    k.owner_rank = owner_rank;
    k.first_id = f.id;
    k.at = at;
    return k;
}

std::vector<std::uint16_t> name_ranks(const std::vector<std::string_view>& names) {
    std::unordered_map<std::string_view, std::size_t> rank;
    for (std::string_view name : names) {
        rank.emplace(name, 0);
    }
    std::vector<std::string_view> sorted;
    sorted.reserve(rank.size());
    for (const auto& entry : rank) {
        sorted.push_back(entry.first);
    }
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        rank[sorted[i]] = i;
    }
    std::vector<std::uint16_t> out(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        out[i] = static_cast<std::uint16_t>(std::min<std::size_t>(rank.at(names[i]), UINT16_MAX));
    }
    return out;
}

std::vector<std::uint32_t>
worst_first(std::vector<FlagSortKey> keys,
            const std::function<const std::vector<std::int64_t>&(std::uint32_t)>& ids_of) {
    // The key orders any two flags of a report (a commitment has one flag of each kind, an
    // owner one per week), so the sort need not be stable; positions break what ties remain.
    std::sort(keys.begin(), keys.end(), [&](const FlagSortKey& a, const FlagSortKey& b) {
        if (a.group != b.group) {
            return a.group < b.group;
        }
        if (a.magnitude != b.magnitude) {
            return a.magnitude < b.magnitude;
        }
        if (a.owner_rank != b.owner_rank) {
            return a.owner_rank < b.owner_rank;
        }
        if (a.week != b.week) {
            return a.week < b.week;
        }
        if (a.first_id != b.first_id) {
            return a.first_id < b.first_id;
        }
        if (a.more_ids || b.more_ids) {
            const auto& ia = ids_of(a.at);
            const auto& ib = ids_of(b.at);
            if (ia != ib) {
                return ia < ib;
            }
        }
        return a.at < b.at;
    });
    std::vector<std::uint32_t> order(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        order[i] = keys[i].at;
    }
    return order;
}

void sort_flags(std::vector<Flag>& flags) {
    std::vector<std::string_view> owners;
    owners.reserve(flags.size());
    for (const Flag& f : flags) {
        owners.push_back(f.owner);
    }
    std::vector<std::uint16_t> ranks = name_ranks(owners);
    owners = {};
    std::vector<FlagSortKey> keys(flags.size());
    for (std::size_t i = 0; i < flags.size(); ++i) {
        keys[i] = sort_key(flags[i], ranks[i], static_cast<std::uint32_t>(i));
    }
    ranks = {};
    std::vector<std::uint32_t> order =
        worst_first(std::move(keys), [&](std::uint32_t at) -> const std::vector<std::int64_t>& {
            return flags[at].commitments;
        });
    permute(flags, order);
}

} // namespace kept
