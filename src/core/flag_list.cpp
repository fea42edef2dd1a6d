#include "kept/flag_list.hpp"

#include "flag_order.hpp"

#include <algorithm>

namespace kept {

FlagList::FlagList(std::vector<Flag> flags) : whole_(std::move(flags)) {
    order_.resize(whole_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) {
        order_[i] = static_cast<std::uint32_t>(i);
    }
}

Flag FlagList::operator[](std::size_t i) const {
    std::uint32_t entry = order_[i];
    if ((entry & scheduled_bit) == 0) {
        return whole_[entry];
    }
    const Held& held = scheduled_[entry & ~scheduled_bit];
    return flag_of(held.flag, names_[held.owner], names_[held.client]);
}

FlagKind FlagList::kind_of(std::uint32_t entry) const {
    return (entry & scheduled_bit) == 0 ? whole_[entry].kind
                                        : scheduled_[entry & ~scheduled_bit].flag.kind;
}

FlagKind FlagList::kind_at(std::size_t i) const {
    return kind_of(order_[i]);
}

FlagHead FlagList::head_at(std::size_t i) const {
    std::uint32_t entry = order_[i];
    if ((entry & scheduled_bit) == 0) {
        const Flag& f = whole_[entry];
        return {f.kind, f.severity, f.owner, f.week, f.commitments};
    }
    const Held& held = scheduled_[entry & ~scheduled_bit];
    return {held.flag.kind, severity_of(held.flag.kind), names_[held.owner], std::nullopt,
            std::span(&held.flag.id, 1)};
}

void FlagList::push_back(Flag flag) {
    order_.push_back(static_cast<std::uint32_t>(whole_.size()));
    whole_.push_back(std::move(flag));
}

void FlagList::push_back(const ScheduledFlag& flag, std::string_view owner,
                         std::string_view client) {
    order_.push_back(static_cast<std::uint32_t>(scheduled_.size()) | scheduled_bit);
    scheduled_.push_back({flag, name_index(owner), name_index(client)});
}

void FlagList::reserve(std::size_t whole, std::size_t scheduled) {
    whole_.reserve(whole_.size() + whole);
    scheduled_.reserve(scheduled_.size() + scheduled);
    order_.reserve(order_.size() + whole + scheduled);
}

std::uint32_t FlagList::name_index(std::string_view name) {
    // The last name again is the common case: flags come owner by owner.
    if (!names_.empty() && names_.back() == name) {
        return static_cast<std::uint32_t>(names_.size() - 1);
    }
    auto [it, added] =
        name_indexes_.try_emplace(std::string(name), static_cast<std::uint32_t>(names_.size()));
    if (added) {
        names_.emplace_back(name);
    }
    return it->second;
}

void FlagList::sort() {
    // The whole flags' owners and the held names, ranked together so that both rank alike.
    std::vector<std::string_view> owners;
    owners.reserve(whole_.size() + names_.size());
    for (const Flag& f : whole_) {
        owners.push_back(f.owner);
    }
    owners.insert(owners.end(), names_.begin(), names_.end());
    std::vector<std::uint16_t> ranks = name_ranks(owners);
    owners = {};
    std::vector<std::uint16_t> held_rank(ranks.begin() + static_cast<long>(whole_.size()),
                                         ranks.end());
    std::vector<FlagSortKey> keys(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) {
        std::uint32_t entry = order_[i];
        auto at = static_cast<std::uint32_t>(i);
        if ((entry & scheduled_bit) == 0) {
            keys[i] = sort_key(whole_[entry], ranks[entry], at);
        } else {
            const Held& held = scheduled_[entry & ~scheduled_bit];
            keys[i] = sort_key(held.flag, held_rank[held.owner], at);
        }
    }
    ranks = {};
    std::vector<std::int64_t> one_id(1);
    std::vector<std::uint32_t> by_rank =
        worst_first(std::move(keys), [&](std::uint32_t at) -> const std::vector<std::int64_t>& {
            std::uint32_t entry = order_[at];
            if ((entry & scheduled_bit) == 0) {
                return whole_[entry].commitments;
            }
            one_id[0] = scheduled_[entry & ~scheduled_bit].flag.id;
            return one_id;
        });
    // The flags are stored in their new order too: a table reads them front to back, and read
    // in sorted order from where they were added, each row cost a cache miss.
    std::vector<std::uint32_t> whole_from;
    std::vector<std::uint32_t> held_from;
    std::vector<std::uint32_t> sorted(order_.size());
    for (std::size_t i = 0; i < by_rank.size(); ++i) {
        std::uint32_t entry = order_[by_rank[i]];
        if ((entry & scheduled_bit) == 0) {
            sorted[i] = static_cast<std::uint32_t>(whole_from.size());
            whole_from.push_back(entry);
        } else {
            sorted[i] = static_cast<std::uint32_t>(held_from.size()) | scheduled_bit;
            held_from.push_back(entry & ~scheduled_bit);
        }
    }
    // Flags keep_kinds left out go last, unread.
    auto complete = [](std::vector<std::uint32_t>& from, std::size_t size) {
        std::vector<char> used(size);
        for (std::uint32_t i : from) {
            used[i] = 1;
        }
        for (std::size_t i = 0; i < size; ++i) {
            if (!used[i]) {
                from.push_back(static_cast<std::uint32_t>(i));
            }
        }
    };
    complete(whole_from, whole_.size());
    complete(held_from, scheduled_.size());
    permute(whole_, whole_from);
    permute(scheduled_, held_from);
    order_ = std::move(sorted);
}

void FlagList::keep_kinds(std::span<const FlagKind> kinds) {
    std::erase_if(order_, [&](std::uint32_t entry) {
        return std::find(kinds.begin(), kinds.end(), kind_of(entry)) == kinds.end();
    });
}

std::vector<Flag> FlagList::to_vector() const {
    std::vector<Flag> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
        out.push_back((*this)[i]);
    }
    return out;
}

} // namespace kept
