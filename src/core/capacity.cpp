#include "kept/capacity.hpp"

#include <algorithm>

namespace kept {

namespace {

std::vector<AwayPeriod> merged(std::vector<AwayPeriod> periods) {
    std::erase_if(periods, [](const AwayPeriod& p) { return p.to < p.from; });
    std::sort(periods.begin(), periods.end(),
              [](const AwayPeriod& a, const AwayPeriod& b) { return a.from < b.from; });
    std::vector<AwayPeriod> out;
    for (const auto& p : periods) {
        if (!out.empty() && p.from <= out.back().to + std::chrono::days{1}) {
            out.back().to = std::max(out.back().to, p.to);
        } else {
            out.push_back(p);
        }
    }
    return out;
}

} // namespace

Date last_calendar_day() {
    return Date{std::chrono::year{9999} / 12 / 31};
}

MemberCalendar::MemberCalendar(double hours_per_week, WorkWeek workweek,
                               std::vector<AwayPeriod> away, std::vector<Date> holidays)
    : workweek_(workweek), away_(merged(std::move(away))) {
    int days = workweek.days_per_week();
    per_day_minutes_ = days == 0 ? 0.0 : hours_per_week * 60.0 / days;
    std::sort(holidays.begin(), holidays.end());
    holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
    for (Date day : holidays) {
        if (workweek_.contains(day) && !this->away(day)) {
            days_off_.push_back(day);
        }
    }
}

bool MemberCalendar::away(Date day) const {
    // The first period that ends on or after `day` is the only one that can contain it.
    auto it = std::lower_bound(away_.begin(), away_.end(), day,
                               [](const AwayPeriod& p, Date d) { return p.to < d; });
    return it != away_.end() && it->from <= day;
}

bool MemberCalendar::holiday(Date day) const {
    return std::binary_search(days_off_.begin(), days_off_.end(), day);
}

bool MemberCalendar::available(Date day) const {
    return workweek_.contains(day) && !away(day) && !holiday(day);
}

int MemberCalendar::available_days(Date from, Date to) const {
    if (to < from) {
        return 0;
    }
    int count = working_days_between(from, to, workweek_);
    for (const auto& p : away_) {
        if (p.from > to) {
            break;
        }
        if (p.to >= from) {
            count -= working_days_between(std::max(from, p.from), std::min(to, p.to), workweek_);
        }
    }
    auto first = std::lower_bound(days_off_.begin(), days_off_.end(), from);
    auto last = std::upper_bound(first, days_off_.end(), to);
    return count - static_cast<int>(last - first);
}

std::optional<Date> MemberCalendar::next_available(Date day, int limit_days) const {
    for (int i = 0; i < limit_days && day <= last_calendar_day(); ++i) {
        if (available(day)) {
            return day;
        }
        day += std::chrono::days{1};
    }
    return std::nullopt;
}

std::optional<Date> MemberCalendar::previous_available(Date day, Date floor) const {
    for (; day >= floor; day -= std::chrono::days{1}) {
        if (available(day)) {
            return day;
        }
    }
    return std::nullopt;
}

std::optional<Date> MemberCalendar::nth_available(Date from, long long n) const {
    if (n < 1 || workweek_.days_per_week() == 0 || from > last_calendar_day()) {
        return std::nullopt;
    }
    // The smallest `to` with n available days in [from, to] (the count only grows with `to`):
    // a span that doubles until it holds them, then halving. Most calls step a day or two.
    const long long limit = (last_calendar_day() - from).count();
    auto holds = [&](long long span) {
        return available_days(from, from + std::chrono::days{span}) >= n;
    };
    long long low = 0;
    long long high = std::min(limit, n - 1);
    while (!holds(high)) {
        if (high == limit) {
            return std::nullopt;
        }
        low = high + 1;
        high = std::min(limit, 2 * high + 7);
    }
    while (low < high) {
        long long mid = low + (high - low) / 2;
        if (holds(mid)) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    return from + std::chrono::days{low};
}

MemberCalendar member_calendar(const Config& config, const std::string& owner) {
    std::vector<AwayPeriod> away;
    if (auto member = config.members.find(owner); member != config.members.end()) {
        away = member->second.away;
    }
    return {config.hours_per_week(owner), config.workweek, std::move(away), config.holidays};
}

Date monday_on_or_before(Date day) {
    return day - (std::chrono::weekday{day} - std::chrono::Monday);
}

} // namespace kept
