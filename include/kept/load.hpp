#pragma once

// Load: where the remaining effort of open commitments falls on a member's calendar. Each open
// commitment's effort is spread evenly over the owner's available days from max(today, created)
// to its due date. Effort that has no such day (overdue work, or a window wholly outside the
// owner's working days) lands in one lump on the first available day on or after
// max(today, due); see docs/report.md.

#include "kept/capacity.hpp"
#include "kept/facts.hpp"

#include <vector>

namespace kept {

/// Loads closer than this (in minutes) count as equal: spreading leaves rounding dust.
constexpr double load_epsilon = 1e-6;

/// Where one commitment's effort falls.
struct Spread {
    Date from{};          ///< first day of the span
    Date to{};            ///< last day of the span (== from for a lump)
    double per_day = 0.0; ///< minutes on each available day of [from, to]; 0 for a lump
    double lump = 0.0;    ///< minutes all on `from`, whatever the calendar says; 0 when spread

    bool is_lump() const { return lump > 0.0; }
};

/// How `commitment`'s remaining effort falls on `calendar` as seen on `today`.
Spread spread_of(const CommitmentFacts& commitment, const MemberCalendar& calendar, Date today);

/// The same, for `effort` minutes of work spread from `start` to `due`.
Spread spread_of(Minutes effort, Date start, Date due, const MemberCalendar& calendar, Date today);

/// Minutes of `spread` that fall in [first, last].
double minutes_in(const Spread& spread, const MemberCalendar& calendar, Date first, Date last);

/// A member's load per day over [first, last]: add spreads, then read days or sums.
class LoadGrid {
  public:
    LoadGrid(const MemberCalendar& calendar, Date first, Date last);

    /// Adds (or, with factor -1, removes) a spread; the parts outside [first, last] are ignored.
    void add(const Spread& spread, double factor = 1.0);

    Date first() const { return first_; }
    Date last() const { return last_; }
    /// Minutes of load on `day` (0 outside the grid).
    double on(Date day) const;
    /// Minutes of load in [from, to], clipped to the grid.
    double sum(Date from, Date to) const;

  private:
    void settle() const;
    std::size_t index(Date day) const { return static_cast<std::size_t>((day - first_).count()); }

    const MemberCalendar* calendar_;
    Date first_;
    Date last_;
    std::vector<double> rate_delta_; // difference array of per-day rates, size days + 1
    std::vector<double> lumps_;
    mutable bool settled_ = false;
    mutable std::vector<double> prefix_; // prefix_[i] = load of days [first, first + i)
};

/// One ISO week of a member's load. Only the days from `today` on count: the current week's
/// capacity is what is left of it.
struct WeekLoad {
    IsoWeek week;
    Date first{}; ///< max(Monday, today)
    Date last{};  ///< Sunday
    double load_minutes = 0.0;
    double capacity_minutes = 0.0;

    /// Load as a percent of capacity; nullopt when there is no capacity.
    std::optional<double> utilization() const;
};

/// `weeks` consecutive weeks from the one holding `today`, read from `grid` (which should start
/// on `today`) and `calendar`.
std::vector<WeekLoad> week_loads(const LoadGrid& grid, const MemberCalendar& calendar, Date today,
                                 int weeks);

/// Number of weeks from the one holding `from` to the one holding `to`, both included.
int weeks_spanned(Date from, Date to);

} // namespace kept
