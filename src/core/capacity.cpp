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

MemberCalendar::MemberCalendar(double hours_per_week, WorkWeek workweek,
                               std::vector<AwayPeriod> away)
    : workweek_(workweek), away_(merged(std::move(away))) {
    int days = workweek.days_per_week();
    per_day_minutes_ = days == 0 ? 0.0 : hours_per_week * 60.0 / days;
}

bool MemberCalendar::available(Date day) const {
    if (!workweek_.contains(day)) {
        return false;
    }
    // The first period that ends on or after `day` is the only one that can contain it.
    auto it = std::lower_bound(away_.begin(), away_.end(), day,
                               [](const AwayPeriod& p, Date d) { return p.to < d; });
    return it == away_.end() || day < it->from;
}

int MemberCalendar::available_days(Date from, Date to) const {
    int count = working_days_between(from, to, workweek_);
    for (const auto& p : away_) {
        if (p.from > to) {
            break;
        }
        if (p.to >= from) {
            count -= working_days_between(std::max(from, p.from), std::min(to, p.to), workweek_);
        }
    }
    return count;
}

std::optional<Date> MemberCalendar::next_available(Date day, int limit_days) const {
    for (int i = 0; i < limit_days; ++i) {
        if (available(day)) {
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
    return {config.hours_per_week(owner), config.workweek, std::move(away)};
}

Date monday_on_or_before(Date day) {
    return day - (std::chrono::weekday{day} - std::chrono::Monday);
}

} // namespace kept
