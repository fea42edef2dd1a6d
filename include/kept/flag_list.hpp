#pragma once

// The report's flags, in the order they were added or, once sorted, worst first.

#include "kept/flags.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kept {

/// What a flag is about, read from a FlagList without making the flag: a table of a hundred
/// thousand flags sizes its columns from these.
struct FlagHead {
    FlagKind kind = FlagKind::overdue;
    Severity severity = Severity::high;
    std::string_view owner;                    ///< empty for a team-wide flag
    std::optional<IsoWeek> week;               ///< overload only
    std::span<const std::int64_t> commitments; ///< ascending ids
};

/// A list of flags read like a vector of them. A report of a big ledger holds a hundred thousand
/// risk and heads-up flags: those are kept as the figures they are made of (ScheduledFlag, a
/// sixth of a Flag) and become a Flag when read; every other flag is kept whole.
class FlagList {
  public:
    /// Reads the list front to back; each flag is made as it is read.
    class Iterator {
      public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Flag;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Flag;

        Iterator() = default;
        Iterator(const FlagList* list, std::size_t at) : list_(list), at_(at) {}
        Flag operator*() const { return (*list_)[at_]; }
        Flag operator[](difference_type n) const { return (*list_)[at_ + n]; }
        Iterator& operator++() { return ++at_, *this; }
        Iterator operator++(int) { return Iterator(list_, at_++); }
        Iterator& operator--() { return --at_, *this; }
        Iterator operator--(int) { return Iterator(list_, at_--); }
        Iterator& operator+=(difference_type n) { return at_ += n, *this; }
        Iterator& operator-=(difference_type n) { return at_ -= n, *this; }
        friend Iterator operator+(Iterator i, difference_type n) { return i += n; }
        friend Iterator operator+(difference_type n, Iterator i) { return i += n; }
        friend Iterator operator-(Iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.at_) - static_cast<difference_type>(b.at_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.at_ == b.at_; }
        friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.at_ <=> b.at_; }

      private:
        const FlagList* list_ = nullptr;
        std::size_t at_ = 0;
    };
    using value_type = Flag;
    using const_iterator = Iterator;

    FlagList() = default;
    explicit FlagList(std::vector<Flag> flags);

    std::size_t size() const { return order_.size(); }
    bool empty() const { return order_.empty(); }
    /// The flag at `i`, made whole.
    Flag operator[](std::size_t i) const;
    /// The kind of the flag at `i`, without making it.
    FlagKind kind_at(std::size_t i) const;
    /// What the flag at `i` is about, without making it; valid while the list is unchanged.
    FlagHead head_at(std::size_t i) const;
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

    void push_back(Flag flag);
    /// `flag`, of `owner`'s commitment (and for a heads-up, of `client`'s).
    void push_back(const ScheduledFlag& flag, std::string_view owner, std::string_view client);
    /// Room for `whole` more whole flags and `scheduled` more scheduled ones.
    void reserve(std::size_t whole, std::size_t scheduled);

    /// Worst first, as sort_flags orders flags.
    void sort();
    /// Leaves out every flag not of one of `kinds`, keeping the order.
    void keep_kinds(std::span<const FlagKind> kinds);
    /// Every flag, made whole, in order.
    std::vector<Flag> to_vector() const;

  private:
    struct Held {
        ScheduledFlag flag;
        std::uint32_t owner = 0;  // an index into names_
        std::uint32_t client = 0; // the same
    };
    // An entry of order_: an index into whole_, or with this bit set, into scheduled_.
    static constexpr std::uint32_t scheduled_bit = 0x8000'0000U;

    std::uint32_t name_index(std::string_view name);
    FlagKind kind_of(std::uint32_t entry) const;

    std::vector<Flag> whole_;
    std::vector<Held> scheduled_;
    std::vector<std::string> names_; // owners and clients: a team has a few dozen
    std::unordered_map<std::string, std::uint32_t> name_indexes_;
    std::vector<std::uint32_t> order_;
};

} // namespace kept
