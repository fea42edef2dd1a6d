#include "kept/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kept {

namespace {

constexpr std::chrono::days one_day{1};

// Available days from today that hold `work` minutes at `per_day` minutes a day: the smallest
// n with n * per_day >= work, computed so that through() agrees with it at the boundary.
long long days_holding(double work, double per_day) {
    auto n = static_cast<long long>(std::ceil((work - schedule_epsilon) / per_day));
    while (n > 0 && static_cast<double>(n - 1) * per_day >= work - schedule_epsilon) {
        --n;
    }
    while (static_cast<double>(n) * per_day < work - schedule_epsilon) {
        ++n;
    }
    return n;
}

// Finish days for work amounts that only grow: each step searches from where the last ended.
class FinishCursor {
  public:
    explicit FinishCursor(const CapacityLine& line)
        : line_(line), ahead_(line.calendar(), line.today()) {}

    std::optional<Date> finish(double work) {
        const MemberCalendar& calendar = line_.calendar();
        if (work <= schedule_epsilon) {
            return line_.today();
        }
        if (!calendar.has_capacity() || never_) {
            return std::nullopt;
        }
        long long n = days_holding(work, calendar.per_day_minutes());
        if (n > days_) {
            day_ = ahead_.next(n - days_);
            if (!day_) {
                never_ = true; // and so is all the more work after it
                return std::nullopt;
            }
            days_ = n;
        }
        return day_;
    }

  private:
    const CapacityLine& line_;
    AvailableDays ahead_;     // the available days after day_
    std::optional<Date> day_; // the n-th available day from today, n = days_
    long long days_ = 0;
    bool never_ = false;
};

using WorkKey = std::pair<std::int64_t, Date>;

WorkKey key_of(const QueuedWork& w) {
    // Summed work (id 0) is told apart by its due date; a commitment by its id alone.
    return {w.id, w.id == 0 ? w.due : Date{}};
}

} // namespace

bool queued_before(const QueuedWork& a, const QueuedWork& b) {
    return a.due != b.due ? a.due < b.due : a.id < b.id;
}

double CapacityLine::through(Date day) const {
    if (day < today_) {
        return 0.0;
    }
    return calendar_->capacity_minutes(today_, std::min(day, last_calendar_day()));
}

std::optional<Date> CapacityLine::day_done(double work) const {
    return FinishCursor(*this).finish(work);
}

std::optional<Date> CapacityLine::done_after(Date start, double ahead, double work) const {
    return day_done(std::max(through(start - one_day), ahead) + work);
}

std::vector<Projection> project(const CapacityLine& line, std::vector<QueuedWork> queue) {
    if (!std::is_sorted(queue.begin(), queue.end(), queued_before)) {
        std::sort(queue.begin(), queue.end(), queued_before);
    }
    std::vector<Projection> out;
    out.reserve(queue.size());
    FinishCursor cursor(line);
    double ahead = 0.0;
    for (const QueuedWork& work : queue) {
        Projection& p = out.emplace_back();
        p.work = work;
        p.ahead = ahead;
        ahead += static_cast<double>(work.effort);
        p.finish = cursor.finish(ahead);
    }
    return out;
}

std::optional<int> slack_days(const Projection& p, const MemberCalendar& calendar) {
    if (!p.finish) {
        return std::nullopt;
    }
    if (*p.finish <= p.work.due) {
        return calendar.available_days(*p.finish + one_day, p.work.due);
    }
    return -std::max(1, calendar.available_days(p.work.due + one_day, *p.finish));
}

bool finishes_later(const std::optional<Date>& a, const std::optional<Date>& b) {
    if (!a) {
        return b.has_value();
    }
    return b && *a > *b;
}

std::optional<double> WeekLoad::utilization() const {
    if (capacity_minutes <= 0.0) {
        return std::nullopt;
    }
    return 100.0 * load_minutes / capacity_minutes;
}

std::optional<double> WeekLoad::due_utilization() const {
    if (capacity_through <= 0.0) {
        return std::nullopt;
    }
    return 100.0 * due_minutes / capacity_through;
}

bool WeekLoad::overloaded(double ratio) const {
    return due_minutes > capacity_through * ratio + schedule_epsilon;
}

std::vector<WeekLoad> week_loads(const CapacityLine& line, std::span<const Projection> schedule,
                                 int weeks) {
    std::vector<WeekLoad> out;
    out.reserve(static_cast<std::size_t>(std::max(0, weeks)));
    const double total = schedule.empty() ? 0.0 : schedule.back().through();
    // Where each commitment's late part starts on the capacity line: at its due date.
    std::vector<double> late_from;
    late_from.reserve(schedule.size());
    for (const Projection& p : schedule) {
        late_from.push_back(std::max(p.ahead, line.through(p.work.due)));
    }
    std::size_t due_count = 0;
    double due_work = 0.0;
    std::size_t first_open = 0; // the first commitment not wholly done before this week
    Date monday = monday_on_or_before(line.today());
    for (int i = 0; i < weeks; ++i, monday += std::chrono::days{7}) {
        WeekLoad w;
        w.week = iso_week(monday);
        w.first = std::max(monday, line.today());
        w.last = monday + std::chrono::days{6};
        double start = line.through(w.first - one_day);
        double end = line.through(w.last);
        w.capacity_minutes = end - start;
        w.capacity_through = end;
        w.load_minutes = std::clamp(total, start, end) - start;
        while (due_count < schedule.size() && schedule[due_count].work.due <= w.last) {
            due_work += static_cast<double>(schedule[due_count].work.effort);
            ++due_count;
        }
        w.due_minutes = due_work;
        while (first_open < schedule.size() && schedule[first_open].through() <= start) {
            ++first_open;
        }
        for (std::size_t j = first_open; j < schedule.size() && schedule[j].ahead < end; ++j) {
            double from = std::max(late_from[j], start);
            double to = std::min(schedule[j].through(), end);
            if (to > from) {
                w.late_minutes += to - from;
            }
        }
        out.push_back(w);
    }
    return out;
}

std::vector<Harm> harms_of_change(const CapacityLine& line, std::vector<QueuedWork> before,
                                  std::vector<QueuedWork> after, std::int64_t subject_id) {
    return harms_of_change(line, project(line, std::move(before)), project(line, std::move(after)),
                           subject_id);
}

std::vector<Harm> harms_of_change(const CapacityLine& line, const std::vector<Projection>& was,
                                  const std::vector<Projection>& now, std::int64_t subject_id) {
    const MemberCalendar& calendar = line.calendar();
    auto is_subject = [&](const Projection& p) {
        return subject_id != 0 && p.work.id == subject_id;
    };
    // Less slack is worse; never finishing is the worst.
    auto less_slack = [&](const Projection& a, const Projection& b) {
        auto sa = slack_days(a, calendar);
        auto sb = slack_days(b, calendar);
        return sb ? (!sa || *sa < *sb) : false;
    };
    const Projection* was_subject = nullptr;
    for (const Projection& p : was) {
        if (is_subject(p)) {
            was_subject = &p;
        }
    }
    // Everything but the subject keeps its due date and id, so both queues hold the others in
    // the same order: walk them side by side.
    std::vector<Harm> out;
    auto other = was.begin();
    for (const Projection& p : now) {
        if (is_subject(p)) {
            if (p.late() &&
                (was_subject == nullptr || !was_subject->late() || less_slack(p, *was_subject))) {
                out.push_back({p, was_subject ? was_subject->finish : std::nullopt, true});
            }
            continue;
        }
        while (other != was.end() &&
               (is_subject(*other) || key_of(other->work) != key_of(p.work))) {
            ++other;
        }
        if (other == was.end()) {
            if (p.late()) {
                out.push_back({p, std::nullopt, false});
            }
            other = was.begin();
            continue;
        }
        const std::optional<Date>& finish = other->finish;
        if (p.late() && finishes_later(p.finish, finish ? std::max(*finish, p.work.due) : finish)) {
            out.push_back({p, finish, false});
        }
        ++other;
    }
    return out;
}

namespace {

// Whether new work queued ahead of a projection pushes it past its due date, or further past:
// work after the new work is pushed back by all of it, unless done before the new work may
// start. Asked along a schedule in order (the work after the new work only grows).
class PushedLate {
  public:
    PushedLate(const CapacityLine& line, Minutes effort, Date start)
        : before_start_(line.through(start - one_day)), work_(static_cast<double>(effort)),
          pushed_(line) {}

    bool operator()(const Projection& p) {
        if (p.through() <= before_start_ + schedule_epsilon || !p.finish) {
            return false;
        }
        return finishes_later(pushed_.finish(p.through() + work_), std::max(*p.finish, p.work.due));
    }

  private:
    double before_start_;
    double work_;
    FinishCursor pushed_;
};

// The least due date new work may take that starts on `start`: after that of any work of
// `schedule` it would push late.
Date lowest_due(const CapacityLine& line, std::span<const Projection> schedule, Minutes effort,
                Date start) {
    PushedLate pushed_late(line, effort, start);
    Date lower = start;
    for (const Projection& p : schedule) {
        if (pushed_late(p)) {
            lower = std::max(lower, p.work.due);
        }
    }
    return lower;
}

// The first day from `lower` on, a day the member works, by which the new work started on
// `start` is done with all the work due by that day ahead of it.
std::optional<Date> first_doable_day(const CapacityLine& line, std::span<const Projection> schedule,
                                     Minutes effort, Date start, Date lower) {
    const MemberCalendar& calendar = line.calendar();
    const auto work = static_cast<double>(effort);
    std::size_t ahead_count = 0;
    double ahead = 0.0; // work due on or before the candidate day
    std::optional<Date> day = calendar.nth_available(lower, 1);
    while (day) {
        while (ahead_count < schedule.size() && schedule[ahead_count].work.due <= *day) {
            ahead = schedule[ahead_count].through();
            ++ahead_count;
        }
        std::optional<Date> done = line.done_after(start, ahead, work);
        if (!done) {
            return std::nullopt;
        }
        if (*done <= *day) {
            return day;
        }
        day = calendar.nth_available(*done, 1);
    }
    return std::nullopt;
}

} // namespace

std::optional<Date> earliest_doable(const CapacityLine& line, std::span<const Projection> schedule,
                                    Minutes effort, Date release) {
    if (!line.calendar().has_capacity()) {
        return std::nullopt;
    }
    const Date start = std::max(release, line.today());
    return first_doable_day(line, schedule, effort, start,
                            lowest_due(line, schedule, effort, start));
}

EarliestOnSum earliest_doable_on_sum(const CapacityLine& line, std::span<const Projection> schedule,
                                     Minutes effort, Date release) {
    if (!line.calendar().has_capacity()) {
        return {true, std::nullopt};
    }
    const Date start = std::max(release, line.today());
    const Date lower = lowest_due(line, schedule, effort, start);
    if (!schedule.empty() && schedule.front().work.id == summed_work_id &&
        lower < schedule.front().work.due) {
        return {false, std::nullopt};
    }
    return {true, first_doable_day(line, schedule, effort, start, lower)};
}

} // namespace kept
