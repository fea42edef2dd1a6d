#include "kept/when.hpp"

#include <algorithm>

namespace kept {

namespace {

void add_all(LoadGrid& grid, std::span<const CommitmentFacts> open, const MemberCalendar& calendar,
             Date today) {
    for (const auto& c : open) {
        grid.add(spread_of(c, calendar, today));
    }
}

} // namespace

std::optional<OverloadHit> overload_caused(const MemberCalendar& calendar,
                                           std::span<const CommitmentFacts> others,
                                           const CommitmentFacts* before,
                                           const CommitmentFacts* after, Date today, double ratio) {
    if (after == nullptr) {
        return std::nullopt;
    }
    Spread added = spread_of(*after, calendar, today);
    std::optional<Spread> removed;
    Date last = std::max(today, added.to);
    if (before != nullptr) {
        removed = spread_of(*before, calendar, today);
        last = std::max(last, removed->to);
    }
    LoadGrid grid(calendar, today, last);
    add_all(grid, others, calendar, today);
    if (removed) {
        grid.add(*removed);
    }
    int weeks = weeks_spanned(today, last);
    auto before_weeks = week_loads(grid, calendar, today, weeks);
    if (removed) {
        grid.add(*removed, -1.0);
    }
    grid.add(added);
    auto after_weeks = week_loads(grid, calendar, today, weeks);
    for (std::size_t i = 0; i < after_weeks.size(); ++i) {
        const WeekLoad& w = after_weeks[i];
        if (w.load_minutes > w.capacity_minutes * ratio + load_epsilon &&
            w.load_minutes > before_weeks[i].load_minutes + load_epsilon) {
            return OverloadHit{w};
        }
    }
    return std::nullopt;
}

WhenAnswer earliest_due(const MemberCalendar& calendar, std::span<const CommitmentFacts> open,
                        Minutes effort, Date from, Date today, double ratio, int search_days) {
    WhenAnswer answer;
    if (calendar.per_day_minutes() <= 0.0) {
        answer.no_capacity = true;
        return answer;
    }
    Date start = std::max(from, today);
    Date end = start + std::chrono::days{search_days};
    LoadGrid grid(calendar, today, end);
    add_all(grid, open, calendar, today);
    auto weeks = week_loads(grid, calendar, today, weeks_spanned(today, end));
    std::vector<int> days_in(weeks.size(), 0); // available days of [start, D] in each week
    Date first_monday = monday_on_or_before(today);
    auto week_of = [&](Date day) {
        return static_cast<std::size_t>((monday_on_or_before(day) - first_monday).count() / 7);
    };
    std::size_t first_week = week_of(start);
    int total = 0;
    std::optional<std::size_t> last_failed;
    double last_rate = 0.0;
    for (Date d = start; d <= end; d += std::chrono::days{1}) {
        if (!calendar.available(d)) {
            continue;
        }
        ++days_in[week_of(d)];
        ++total;
        double rate = static_cast<double>(effort) / total;
        std::optional<std::size_t> failed;
        std::optional<std::size_t> peak;
        double peak_share = -1.0;
        for (std::size_t w = first_week; w <= week_of(d); ++w) {
            if (days_in[w] == 0) {
                continue;
            }
            double load = weeks[w].load_minutes + rate * days_in[w];
            double limit = weeks[w].capacity_minutes * ratio;
            if (load > limit + load_epsilon) {
                failed = w;
                break;
            }
            double share = limit > 0.0 ? load / limit : 0.0;
            if (share > peak_share) {
                peak_share = share;
                peak = w;
            }
        }
        if (!failed) {
            answer.due = d;
            WeekLoad p = weeks[*peak];
            p.load_minutes += rate * days_in[*peak];
            answer.peak = p;
            return answer;
        }
        // A week already full stays in every later span: no later due date can help.
        if (weeks[*failed].load_minutes + load_epsilon >= weeks[*failed].capacity_minutes * ratio) {
            answer.blocked_by = weeks[*failed];
            answer.retry_from = weeks[*failed].last + std::chrono::days{1};
            return answer;
        }
        last_failed = failed;
        last_rate = rate;
    }
    // A nearly full week can hold off every date as surely as a full one: the even spread never
    // thins its share enough within the search. When the work's share alone would fit that week,
    // it is the week's own load in the way, and starting after it is the answer to suggest.
    if (last_failed) {
        const WeekLoad& w = weeks[*last_failed];
        double share = last_rate * days_in[*last_failed];
        if (w.load_minutes > load_epsilon && share <= w.capacity_minutes * ratio + load_epsilon) {
            answer.blocked_by = w;
            answer.retry_from = w.last + std::chrono::days{1};
        }
    }
    return answer;
}

} // namespace kept
