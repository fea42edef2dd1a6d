#pragma once

// Capacity: how many minutes of work a member can give on each day, from the team config.

#include "kept/config.hpp"
#include "kept/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kept {

/// The last day any calculation reaches: work that cannot be done by then is never done.
Date last_calendar_day();

/// One member's working calendar: the days they work (the team's working weekdays outside the
/// team's holidays and the member's time off) and the minutes each such day holds
/// (hours_per_week spread evenly over the team's working weekdays).
class MemberCalendar {
  public:
    /// `hours_per_week` of 0, or a workweek without days, gives a member without capacity.
    MemberCalendar(double hours_per_week, WorkWeek workweek, std::vector<AwayPeriod> away,
                   std::vector<Date> holidays = {});

    /// A working weekday, not a holiday, outside every away period.
    bool available(Date day) const;
    /// Whether `day` is a team holiday.
    bool holiday(Date day) const;
    /// Whether `day` falls in one of the member's away periods.
    bool away(Date day) const;
    /// Whether the member can ever work: some capacity on some weekday.
    bool has_capacity() const { return per_day_minutes_ > 0.0; }
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
    /// The last available day on or before `day` and on or after `floor`; nullopt when none.
    std::optional<Date> previous_available(Date day, Date floor) const;
    /// The n-th available day counting from `from` (n >= 1; `from` counts when available);
    /// nullopt when it would come after last_calendar_day().
    std::optional<Date> nth_available(Date from, long long n) const;

  private:
    friend class AvailableDays;
    /// The away period holding `day`; nullptr when there is none.
    const AwayPeriod* away_period(Date day) const;

    double per_day_minutes_ = 0.0;
    WorkWeek workweek_;
    std::vector<AwayPeriod> away_; // sorted, merged, no overlaps
    std::vector<Date> days_off_;   // holidays on working weekdays outside away_, sorted
};

/// A calendar's available days in order from a first day on, for callers that step on a few
/// days at a time: a step costs a few comparisons, where nth_available counts from scratch (the
/// schedule places every commitment of a queue this way).
class AvailableDays {
  public:
    AvailableDays(const MemberCalendar& calendar, Date from);
    /// The n-th available day after the one last given (from `from` on, the first time;
    /// `from` counts when available); nullopt when n < 1, and from then on once it would come
    /// after last_calendar_day().
    std::optional<Date> next(long long n);

  private:
    void seek(Date day);

    const MemberCalendar& calendar_;
    Date day_;                ///< the first day not looked at yet
    unsigned weekday_ = 0;    ///< day_'s, 0 for Sunday
    std::size_t away_at_ = 0; ///< the first away period that ends on or after day_
    std::size_t off_at_ = 0;  ///< the first day off on or after day_
    bool ended_ = false;
};

/// The calendar of `owner`: their [members.NAME] hours and time off, the team's holidays, or
/// the team default.
MemberCalendar member_calendar(const Config& config, const std::string& owner);

/// The Monday that starts the ISO week `day` belongs to.
Date monday_on_or_before(Date day);

} // namespace kept
