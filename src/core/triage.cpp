#include "kept/triage.hpp"

#include "kept/forecast.hpp"

#include <algorithm>
#include <queue>
#include <tuple>

namespace kept {

namespace {

/// Which of two commitments is set aside first: more effort, then a later due date, then the
/// newer promise.
struct SetAsideFirst {
    bool operator()(const QueuedWork& a, const QueuedWork& b) const {
        return std::tie(a.effort, a.due, a.id) < std::tie(b.effort, b.due, b.id);
    }
};

/// Moore–Hodgson: the work set aside, in no particular order. Each kept prefix fits by the
/// due date of its last element, so the whole kept set is on time under earliest due first.
std::vector<QueuedWork> set_aside(const CapacityLine& line, std::vector<QueuedWork> queue) {
    std::sort(queue.begin(), queue.end(), queued_before);
    std::priority_queue<QueuedWork, std::vector<QueuedWork>, SetAsideFirst> taken;
    std::vector<QueuedWork> aside;
    double total = 0.0;
    for (const QueuedWork& work : queue) {
        taken.push(work);
        total += static_cast<double>(work.effort);
        if (total > line.through(work.due) + schedule_epsilon) {
            total -= static_cast<double>(taken.top().effort);
            aside.push_back(taken.top());
            taken.pop();
        }
    }
    return aside;
}

bool any_late(const std::vector<Projection>& schedule) {
    return std::any_of(schedule.begin(), schedule.end(),
                       [](const Projection& p) { return p.late(); });
}

/// The earliest due date from `from` on, a day the member works, with which `work` and every
/// commitment of `holding` finish on time; nullopt when none comes by the calendar's end.
std::optional<Date> keepable_date(const CapacityLine& line, const std::vector<QueuedWork>& holding,
                                  QueuedWork work) {
    std::vector<Projection> schedule = project(line, holding);
    std::optional<Date> day = earliest_doable(line, schedule, work.effort, line.today());
    std::vector<QueuedWork> with = holding;
    with.push_back(work);
    // earliest_doable queues new work behind the older work due the same day; this one keeps
    // its id, which may put it ahead of newer promises due that day, so check it as it will be.
    while (day) {
        with.back().due = *day;
        if (!any_late(project(line, with))) {
            return day;
        }
        day = line.calendar().next_available(*day + std::chrono::days{1});
    }
    return std::nullopt;
}

} // namespace

std::vector<Renegotiation> triage(const CapacityLine& line, std::vector<QueuedWork> queue) {
    std::vector<QueuedWork> aside = set_aside(line, queue);
    if (aside.empty()) {
        return {};
    }
    std::sort(aside.begin(), aside.end(), queued_before);
    std::vector<QueuedWork> holding;
    holding.reserve(queue.size());
    for (const QueuedWork& work : queue) {
        auto moved = std::find_if(aside.begin(), aside.end(),
                                  [&](const QueuedWork& a) { return a.id == work.id; });
        if (moved == aside.end()) {
            holding.push_back(work);
        }
    }
    std::vector<Renegotiation> out;
    out.reserve(aside.size());
    for (const QueuedWork& work : aside) {
        Renegotiation& r = out.emplace_back();
        r.work = work;
        r.talk_by = last_day_to_talk(line.calendar(), line.today(), work.due);
        r.proposed =
            line.calendar().has_capacity() ? keepable_date(line, holding, work) : std::nullopt;
        if (r.proposed) {
            holding.push_back(work);
            holding.back().due = *r.proposed;
        }
    }
    return out;
}

} // namespace kept
