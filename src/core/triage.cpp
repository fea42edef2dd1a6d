#include "kept/triage.hpp"

#include "kept/forecast.hpp"

#include <algorithm>
#include <queue>
#include <set>
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

} // namespace

std::vector<ToRenegotiate> triage(const CapacityLine& line, std::vector<QueuedWork> queue) {
    std::vector<QueuedWork> aside = set_aside(line, queue);
    if (aside.empty()) {
        return {};
    }
    std::sort(aside.begin(), aside.end(), queued_before);
    std::set<std::int64_t> moved;
    for (const QueuedWork& work : aside) {
        moved.insert(work.id);
    }
    std::vector<QueuedWork> holding;
    holding.reserve(queue.size());
    for (const QueuedWork& work : queue) {
        if (moved.count(work.id) == 0) {
            holding.push_back(work);
        }
    }
    std::vector<ToRenegotiate> out;
    out.reserve(aside.size());
    for (const QueuedWork& work : aside) {
        ToRenegotiate& r = out.emplace_back();
        r.work = work;
        r.talk_by = last_day_to_talk(line.calendar(), line.today(), work.due);
        // Work due the same day finishes by it in any order, so earliest_doable's date holds
        // though this one keeps its id instead of coming after the newer work due then.
        r.proposed = earliest_doable(line, project(line, holding), work.effort, line.today());
        if (r.proposed) {
            holding.push_back(work);
            holding.back().due = *r.proposed;
        }
    }
    return out;
}

} // namespace kept
