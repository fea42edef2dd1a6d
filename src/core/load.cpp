#include "kept/load.hpp"

#include <algorithm>

namespace kept {

namespace {

Spread lump_at(Date day, Minutes effort, const MemberCalendar& calendar) {
    Date on = calendar.next_available(day).value_or(day);
    return {on, on, 0.0, static_cast<double>(effort)};
}

} // namespace

Spread spread_of(Minutes effort, Date start, Date due, const MemberCalendar& calendar, Date today) {
    if (due < today) {
        return lump_at(today, effort, calendar);
    }
    start = std::max(start, today);
    int days = start <= due ? calendar.available_days(start, due) : 0;
    if (days == 0) {
        return lump_at(due, effort, calendar);
    }
    return {start, due, static_cast<double>(effort) / days, 0.0};
}

Spread spread_of(const CommitmentFacts& c, const MemberCalendar& calendar, Date today) {
    return spread_of(c.effort, c.created, c.due, calendar, today);
}

double minutes_in(const Spread& s, const MemberCalendar& calendar, Date first, Date last) {
    if (s.is_lump()) {
        return s.from >= first && s.from <= last ? s.lump : 0.0;
    }
    Date from = std::max(s.from, first);
    Date to = std::min(s.to, last);
    return from <= to ? s.per_day * calendar.available_days(from, to) : 0.0;
}

LoadGrid::LoadGrid(const MemberCalendar& calendar, Date first, Date last)
    : calendar_(&calendar), first_(first), last_(std::max(first, last)),
      rate_delta_(index(last_) + 2, 0.0), lumps_(index(last_) + 1, 0.0) {}

void LoadGrid::add(const Spread& s, double factor) {
    settled_ = false;
    if (s.is_lump()) {
        if (s.from >= first_ && s.from <= last_) {
            lumps_[index(s.from)] += factor * s.lump;
        }
        return;
    }
    Date from = std::max(s.from, first_);
    Date to = std::min(s.to, last_);
    if (from > to) {
        return;
    }
    rate_delta_[index(from)] += factor * s.per_day;
    rate_delta_[index(to) + 1] -= factor * s.per_day;
}

void LoadGrid::settle() const {
    if (settled_) {
        return;
    }
    prefix_.assign(lumps_.size() + 1, 0.0);
    double rate = 0.0;
    Date day = first_;
    for (std::size_t i = 0; i < lumps_.size(); ++i, day += std::chrono::days{1}) {
        rate += rate_delta_[i];
        double load = lumps_[i] + (calendar_->available(day) ? rate : 0.0);
        prefix_[i + 1] = prefix_[i] + load;
    }
    settled_ = true;
}

double LoadGrid::on(Date day) const {
    return sum(day, day);
}

double LoadGrid::sum(Date from, Date to) const {
    from = std::max(from, first_);
    to = std::min(to, last_);
    if (from > to) {
        return 0.0;
    }
    settle();
    return prefix_[index(to) + 1] - prefix_[index(from)];
}

} // namespace kept

namespace kept {

std::optional<double> WeekLoad::utilization() const {
    if (capacity_minutes <= 0.0) {
        return std::nullopt;
    }
    return 100.0 * load_minutes / capacity_minutes;
}

std::vector<WeekLoad> week_loads(const LoadGrid& grid, const MemberCalendar& calendar, Date today,
                                 int weeks) {
    std::vector<WeekLoad> out;
    out.reserve(static_cast<std::size_t>(std::max(0, weeks)));
    Date monday = monday_on_or_before(today);
    for (int i = 0; i < weeks; ++i, monday += std::chrono::days{7}) {
        WeekLoad w;
        w.week = iso_week(monday);
        w.first = std::max(monday, today);
        w.last = monday + std::chrono::days{6};
        w.load_minutes = grid.sum(w.first, w.last);
        w.capacity_minutes = calendar.capacity_minutes(w.first, w.last);
        out.push_back(w);
    }
    return out;
}

int weeks_spanned(Date from, Date to) {
    if (to < from) {
        return 0;
    }
    return static_cast<int>((monday_on_or_before(to) - monday_on_or_before(from)).count() / 7) + 1;
}

} // namespace kept
