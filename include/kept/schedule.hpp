#pragma once

// The schedule: each owner works their open commitments earliest due date first (ties: the older
// promise, the lower id, first), each for its remaining effort, day by day at their daily
// capacity from today on (today counts as a whole day). On one person's queue this order meets
// every due date that any order can (Jackson's rule), so a set of promises is doable exactly
// when every commitment's projected finish is on or before its due date. Everything kept says
// about doability (when, add's warning, report, check, forecast) is read from here.

#include "kept/capacity.hpp"
#include "kept/effort.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace kept {

/// One open commitment as the schedule sees it.
struct QueuedWork {
    std::int64_t id = 0; ///< orders equal due dates: lower first
    Date due{};
    Minutes effort = 0; ///< remaining effort
};

/// The id the schedule gives work not yet in the ledger: newer than every commitment.
constexpr std::int64_t new_work_id = std::numeric_limits<std::int64_t>::max();

/// The id of one item that stands for several commitments' work, all due before one day (the
/// queue a promise check reads from the per-due-date sums): older than every commitment, so
/// it is worked first among equal due dates, as its commitments would be.
constexpr std::int64_t summed_work_id = 0;

/// Whether `a` is worked before `b`: an earlier due date, then a lower id.
bool queued_before(const QueuedWork& a, const QueuedWork& b);

/// Minutes of work and capacity closer than this count as equal.
constexpr double schedule_epsilon = 1e-6;

/// A member's capacity from `today` on, summed: how much fits by a day, and the day a given
/// amount of work is done.
class CapacityLine {
  public:
    CapacityLine(const MemberCalendar& calendar, Date today)
        : calendar_(&calendar), today_(today) {}

    const MemberCalendar& calendar() const { return *calendar_; }
    Date today() const { return today_; }
    /// Minutes of capacity in [today, day]; 0 when day < today.
    double through(Date day) const;
    /// The first day t >= today with through(t) >= work: today when work <= 0; nullopt when the
    /// member has no capacity or the day would come after last_calendar_day().
    std::optional<Date> day_done(double work) const;
    /// The day new work of `work` minutes is done when it is queued behind `ahead` minutes of
    /// other work and cannot start before `start`: the capacity before `start` goes to other
    /// work, so it is done when max(capacity before start, ahead) + work fits.
    std::optional<Date> done_after(Date start, double ahead, double work) const;

  private:
    const MemberCalendar* calendar_;
    Date today_;
};

/// Where the schedule puts one commitment.
struct Projection {
    QueuedWork work;
    double ahead = 0.0;         ///< minutes of work queued before it
    std::optional<Date> finish; ///< the day its last minute is done; nullopt: never

    /// Minutes of work up to and including this one.
    double through() const { return ahead + static_cast<double>(work.effort); }
    /// Finishes after its due date, or never.
    bool late() const { return !finish || *finish > work.due; }
};

/// The schedule of one member's open work, in the order it is worked.
std::vector<Projection> project(const CapacityLine& line, std::vector<QueuedWork> queue);

/// Slack in the owner's working days: those in (finish, due] when on time; minus those in
/// (due, finish] when late, and at least 1 then. nullopt when it never finishes.
std::optional<int> slack_days(const Projection& projection, const MemberCalendar& calendar);

/// A later finish counts as worse; never is the worst.
bool finishes_later(const std::optional<Date>& a, const std::optional<Date>& b);

/// One ISO week of a member's schedule. Only the days from today on count.
struct WeekLoad {
    IsoWeek week;
    Date first{};              ///< max(Monday, today)
    Date last{};               ///< Sunday
    double load_minutes = 0.0; ///< work the schedule places in the week
    double late_minutes = 0.0; ///< of that, work done after its commitment's due date
    double capacity_minutes = 0.0;
    double due_minutes = 0.0;      ///< work due by the end of the week, overdue work included
    double capacity_through = 0.0; ///< capacity from today through the end of the week

    /// Load as a percent of capacity; nullopt when there is no capacity.
    std::optional<double> utilization() const;
    /// Work due by the end of the week as a percent of the capacity until then.
    std::optional<double> due_utilization() const;
    /// overload: the work due by the end of the week exceeds `ratio` times the capacity from
    /// today through then. With ratio 1 a doable queue is never overloaded.
    bool overloaded(double ratio) const;
};

/// `weeks` consecutive weeks from the one holding today, read from `schedule` (in work order).
std::vector<WeekLoad> week_loads(const CapacityLine& line, std::span<const Projection> schedule,
                                 int weeks);

/// A commitment that a change makes late, or later than it already was.
struct Harm {
    Projection after;
    std::optional<Date> finish_before; ///< nullopt when it was not in the queue before
    bool subject = false;              ///< the commitment being added or changed
};

/// What replacing the queue `before` by `after` does: the changed commitment (`subject_id`)
/// when it is late after the change and was not, or is later by more working days; and every
/// other commitment that finishes after its due date and later than it did. Work is matched by
/// id and, for summed work (id 0), by due date.
std::vector<Harm> harms_of_change(const CapacityLine& line, std::vector<QueuedWork> before,
                                  std::vector<QueuedWork> after, std::int64_t subject_id);
/// The same, on the two schedules already made.
std::vector<Harm> harms_of_change(const CapacityLine& line, const std::vector<Projection>& before,
                                  const std::vector<Projection>& after, std::int64_t subject_id);

/// The earliest day D >= max(release, today), a day the member works, such that `effort`
/// minutes of new work queued with due date D (after the older work due that day), and not
/// started before `release`, finishes by D while no commitment of `schedule` finishes later
/// than its due date, or, already late, later than it already would. nullopt when the member
/// has no capacity or no such day comes by last_calendar_day().
std::optional<Date> earliest_doable(const CapacityLine& line, std::span<const Projection> schedule,
                                    Minutes effort, Date release);

/// earliest_doable's answer on `schedule` when its first entry may be summed work
/// (summed_work_id, due when the last work it sums is due): `decided` when the sum cannot
/// change it, that is when the new work, queued ahead, would push the last of the sum or any
/// work after it past its due date or further past (no day before the sum's due date can then
/// be the answer, and from it on the sum is worked ahead of the new work whole), or when the
/// new work cannot start before that day. Otherwise the summed work's own rows decide.
struct EarliestOnSum {
    bool decided = false;
    std::optional<Date> day; // earliest_doable's answer, when decided
};
EarliestOnSum earliest_doable_on_sum(const CapacityLine& line, std::span<const Projection> schedule,
                                     Minutes effort, Date release);

} // namespace kept
