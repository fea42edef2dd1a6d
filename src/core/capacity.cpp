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
    static const Date last{std::chrono::year{9999} / 12 / 31};
    return last;
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
    const Date last = last_calendar_day();
    if (n < 1 || per_week == 0) {
        return std::nullopt;
    }
    // The n-th working weekday is found by arithmetic; the time off and holidays up to it push
    // it on by as many available days as they took, until a step meets none (the schedule asks
    // this once for every commitment it places).
    Date day = from;
    long long left = n;
    while (day <= last) {
        const long long weeks = (left - 1) / per_week;
        if (weeks > (last - day).count() / 7) {
            return std::nullopt;
        }
        Date candidate = day + std::chrono::days{7 * weeks};
        long long rest = left - weeks * per_week;
        for (;; candidate += std::chrono::days{1}) {
            if (workweek_.contains(candidate) && --rest == 0) {
                break;
            }
        }
        if (candidate > last) {
            return std::nullopt;
        }
        const long long taken = left - available_days(day, candidate);
        if (taken == 0) {
            return candidate;
        }
        left = taken;
        day = candidate + std::chrono::days{1};
    }
    return std::nullopt;
}

AvailableDays::AvailableDays(const MemberCalendar& calendar, Date from) : calendar_(calendar) {
    ended_ = calendar.workweek_.days_per_week() == 0;
    seek(from);
}

void AvailableDays::seek(Date day) {
    day_ = day;
    weekday_ = std::chrono::weekday{day}.c_encoding();
    const auto& away = calendar_.away_;
    away_at_ = static_cast<std::size_t>(
        std::lower_bound(away.begin(), away.end(), day,
                         [](const AwayPeriod& p, Date d) { return p.to < d; }) -
        away.begin());
    const auto& off = calendar_.days_off_;
    off_at_ = static_cast<std::size_t>(std::lower_bound(off.begin(), off.end(), day) - off.begin());
}

std::optional<Date> AvailableDays::next(long long n) {
    if (n < 1 || ended_) {
        return std::nullopt;
    }
    // A long step is counted, not walked.
    if (n > 14) {
        std::optional<Date> day = calendar_.nth_available(day_, n);
        if (day) {
            seek(*day + std::chrono::days{1});
        } else {
            ended_ = true;
        }
        return day;
    }
    const auto& away = calendar_.away_;
    const auto& off = calendar_.days_off_;
    const Date last = last_calendar_day();
    while (day_ <= last) {
        while (away_at_ < away.size() && away[away_at_].to < day_) {
            ++away_at_;
        }
        if (away_at_ < away.size() && away[away_at_].from <= day_) {
            seek(away[away_at_].to + std::chrono::days{1});
            continue;
        }
        const Date day = day_;
        const bool working = ((calendar_.workweek_.mask >> weekday_) & 1U) != 0;
        day_ += std::chrono::days{1};
        weekday_ = weekday_ == 6 ? 0 : weekday_ + 1;
        if (!working) {
            continue;
        }
        while (off_at_ < off.size() && off[off_at_] < day) {
            ++off_at_;
        }
        if (off_at_ < off.size() && off[off_at_] == day) {
            continue;
        }
        if (--n == 0) {
            return day;
        }
    }
    ended_ = true;
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
