#include "kept/forecast.hpp"

#include <limits>
#include <tuple>

namespace kept {

std::string_view to_string(ForecastStatus status) {
    switch (status) {
    case ForecastStatus::will_miss:
        return "will miss";
    case ForecastStatus::at_risk:
        return "at risk";
    case ForecastStatus::on_track:
        return "on track";
    }
    return "";
}

std::optional<Date> last_day_to_talk(const MemberCalendar& calendar, Date today, Date due) {
    if (due < today) {
        return std::nullopt;
    }
    return calendar.previous_available(due, today).value_or(due);
}

std::vector<ForecastEntry> forecast(const CapacityLine& line, std::span<const Projection> schedule,
                                    const AccuracyRatios& ratios, std::string_view owner,
                                    int confidence) {
    std::vector<double> chances = MonteCarlo(line, schedule, ratios, owner).on_time_percent();
    std::vector<ForecastEntry> out;
    out.reserve(schedule.size());
    for (std::size_t i = 0; i < schedule.size(); ++i) {
        ForecastEntry& e = out.emplace_back();
        e.projection = schedule[i];
        e.slack = slack_days(schedule[i], line.calendar());
        e.on_time_percent = chances[i];
        if (schedule[i].late()) {
            e.status = ForecastStatus::will_miss;
            e.talk_by = last_day_to_talk(line.calendar(), line.today(), schedule[i].work.due);
        } else if (chances[i] < confidence) {
            e.status = ForecastStatus::at_risk;
        }
    }
    return out;
}

bool worse_than(const ForecastEntry& a, const ForecastEntry& b) {
    auto key = [](const ForecastEntry& e) {
        return std::make_tuple(static_cast<int>(e.status),
                               e.slack.value_or(std::numeric_limits<int>::min()),
                               e.projection.work.due, e.projection.work.id);
    };
    return key(a) < key(b);
}

} // namespace kept
