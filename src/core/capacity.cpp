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

const AwayPeriod* MemberCalendar::away_period(Date day) const {
    // The first period that ends on or after `day` is the only one that can contain it.
    auto it = std::lower_bound(away_.begin(), away_.end(), day,
                               [](const AwayPeriod& p, Date d) { return p.to < d; });
    return it != away_.end() && it->from <= day ? &*it : nullptr;
}

bool MemberCalendar::away(Date day) const {
    return away_period(day) != nullptr;
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
    const long long per_week = workweek_.days_per_week();
    if (n < 1 || per_week == 0) {
        return std::nullopt;
    }
    // Whole weeks hold at most per_week available days each: jump over as many as cannot
    // overshoot, then walk the last days one at a time.
    Date day = from;
    long long left = n;
    while (day <= last_calendar_day()) {
        if (left > 2 * per_week) {
            long long weeks = (left - 1) / per_week;
            Date to = std::min(day + std::chrono::days{7 * weeks - 1}, last_calendar_day());
            left -= available_days(day, to);
            day = to + std::chrono::days{1};
            continue;
        }
        // A long time off is stepped over at once, not a day at a time.
        if (const AwayPeriod* period = away_period(day)) {
            day = period->to + std::chrono::days{1};
            continue;
        }
        if (available(day) && --left == 0) {
            return day;
        }
        day += std::chrono::days{1};
    }
    return std::nullopt;
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
