#pragma once

// An optional figure that marks "not set" with one value its type never takes as a figure (NaN
// for a double, the least int; dates are kept as 32-bit day numbers) instead of a separate flag,
// so it takes half the room of std::optional or less. A report can hold a hundred thousand flags,
// each with some twenty figures of which its kind sets a few.

#include "kept/date.hpp"

#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace kept {

template <class T> struct FigureTraits;

template <> struct FigureTraits<double> {
    using Stored = double;
    static constexpr Stored unset = std::numeric_limits<double>::quiet_NaN();
    static bool is_unset(Stored x) { return std::isnan(x); }
    static Stored store(double x) { return x; }
    static double load(Stored x) { return x; }
};

template <> struct FigureTraits<int> {
    using Stored = int;
    static constexpr Stored unset = std::numeric_limits<int>::min();
    static bool is_unset(Stored x) { return x == unset; }
    static Stored store(int x) { return x; }
    static int load(Stored x) { return x; }
};

template <> struct FigureTraits<std::int64_t> {
    using Stored = std::int64_t;
    static constexpr Stored unset = std::numeric_limits<std::int64_t>::min();
    static bool is_unset(Stored x) { return x == unset; }
    static Stored store(std::int64_t x) { return x; }
    static std::int64_t load(Stored x) { return x; }
};

// A date as its day number in 32 bits: years -5.8 million to 5.8 million.
template <> struct FigureTraits<Date> {
    using Stored = std::int32_t;
    static constexpr Stored unset = std::numeric_limits<std::int32_t>::min();
    static bool is_unset(Stored x) { return x == unset; }
    static Stored store(Date x) { return static_cast<Stored>(x.time_since_epoch().count()); }
    static Date load(Stored x) { return Date(std::chrono::days(x)); }
};

template <class T> class Figure {
    using Traits = FigureTraits<T>;

  public:
    Figure() = default;
    Figure(std::nullopt_t) {} // NOLINT(google-explicit-constructor): reads like std::optional
    Figure(T value) : stored_(Traits::store(value)) { // NOLINT
        assert(!Traits::is_unset(stored_) && Traits::load(stored_) == value);
    }
    Figure(const std::optional<T>& value) // NOLINT
        : Figure(value ? Figure(*value) : Figure()) {}

    bool has_value() const { return !Traits::is_unset(stored_); }
    explicit operator bool() const { return has_value(); }
    T operator*() const {
        assert(has_value());
        return Traits::load(stored_);
    }
    T value_or(T fallback) const { return has_value() ? Traits::load(stored_) : fallback; }
    operator std::optional<T>() const { // NOLINT: hands over to code written for std::optional
        return has_value() ? std::optional<T>(Traits::load(stored_)) : std::nullopt;
    }

    friend bool operator==(const Figure& a, const Figure& b) {
        return a.has_value() == b.has_value() && (!a.has_value() || a.stored_ == b.stored_);
    }

  private:
    typename Traits::Stored stored_ = Traits::unset;
};

} // namespace kept
