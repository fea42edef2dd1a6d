#pragma once

// The forecast: every open commitment of one member with its projected finish, slack, chance of
// being on time, and, for those that will miss, the last day on which talking to the client is
// still before the due date.

#include "kept/evidence.hpp"
#include "kept/schedule.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kept {

enum class ForecastStatus { will_miss, at_risk, on_track };
/// "will miss", "at risk", "on track".
std::string_view to_string(ForecastStatus status);

/// One open commitment in the forecast.
struct ForecastEntry {
    Projection projection;
    std::optional<int> slack; ///< working days; negative: misses by that many; unset: never
    double on_time_percent = 0.0;
    ForecastStatus status = ForecastStatus::on_track;
    std::optional<Date> talk_by; ///< will miss: the last day to renegotiate before the due date
};

/// The last day in [today, due] the member works, else `due` itself when it has not passed;
/// nullopt for overdue work. Renegotiating on it is still proactive (docs/report.md, "kept
/// forecast").
std::optional<Date> last_day_to_talk(const MemberCalendar& calendar, Date today, Date due);

/// The member's forecast, in schedule order: will miss when the schedule finishes it late; at
/// risk when on time in the schedule but in fewer than `confidence` percent of the trials; on
/// track otherwise.
std::vector<ForecastEntry> forecast(const CapacityLine& line, std::span<const Projection> schedule,
                                    const AccuracyRatios& ratios, std::string_view owner,
                                    int confidence);

/// Worst first: by status, then slack (least first), then due date and id.
bool worse_than(const ForecastEntry& a, const ForecastEntry& b);

} // namespace kept
