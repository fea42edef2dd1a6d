#pragma once

// Capacity: how many minutes of work a member can give on each day, from the team config.

#include "kept/config.hpp"
#include "kept/date.hpp"

#include <string>
#include <vector>

namespace kept {

/// One member's working calendar: the days they work (working weekdays outside their time off)
/// and the minutes each such day holds (hours_per_week spread evenly over the working weekdays).
class MemberCalendar {
  public:
    /// `hours_per_week` of 0, or a workweek without days, gives a member without capacity.
    MemberCalendar(double hours_per_week, WorkWeek workweek, std::vector<AwayPeriod> away);

    /// A working weekday outside every away period.
    bool available(Date day) const;
    /// Minutes of capacity on `day`: the per-day share on available days, 0 otherwise.
    double capacity_minutes(Date day) const { return available(day) ? per_day_minutes_ : 0.0; }
    /// Minutes of capacity on each available day.
    double per_day_minutes() const { return per_day_minutes_; }
    /// Available days in [from, to], both inclusive; 0 when to < from.
    int available_days(Date from, Date to) const;
    /// Minutes of capacity in [from, to], both inclusive.
    double capacity_minutes(Date from, Date to) const {
        return per_day_minutes_ * available_days(from, to);
    }
    /// The first available day on or after `day` within `limit_days`; nullopt when none.
    std::optional<Date> next_available(Date day, int limit_days = 366) const;

  private:
    double per_day_minutes_ = 0.0;
    WorkWeek workweek_;
    std::vector<AwayPeriod> away_; // sorted, merged, no overlaps
};

/// The calendar of `owner`: their [members.NAME] hours and time off, or the team default.
MemberCalendar member_calendar(const Config& config, const std::string& owner);

/// The Monday that starts the ISO week `day` belongs to.
Date monday_on_or_before(Date day);

} // namespace kept
