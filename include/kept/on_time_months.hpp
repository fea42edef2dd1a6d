#pragma once

// The on-time record month by month: of the commitments delivered in each calendar month, how
// many by the last agreed date and how many by the date first promised. The HTML report draws
// it as a line.

#include "kept/facts.hpp"

#include <map>
#include <vector>

namespace kept {

/// One month's deliveries.
struct MonthOnTime {
    int year = 0;
    unsigned month = 0; ///< 1-12
    int delivered = 0;
    int on_time_last = 0;  ///< on or before the last agreed date
    int on_time_first = 0; ///< on or before the date first promised

    /// "2026-11".
    std::string label() const;
};

/// Tallies delivered commitments fed one at a time by the month they were closed in.
class OnTimeByMonth {
  public:
    /// Counts `commitment` when it is delivered with a close date; ignores the rest.
    void add(const CommitmentFacts& commitment);
    /// Of the `months` calendar months up to and including the one holding `last_day`, those
    /// from the first with a delivery on, oldest first, later months without deliveries
    /// included (delivered 0); empty when none of them has one.
    std::vector<MonthOnTime> months(Date last_day, int months) const;

  private:
    std::map<int, MonthOnTime> by_month_; // year * 12 + month - 1
};

} // namespace kept
