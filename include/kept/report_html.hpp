#pragma once

// `kept report --format html`: the report as one self-contained page, with the load as a heat
// map, the forecast as a timeline per owner and the on-time rate per month as a line, beside
// the flags and the reliability figures (docs/report.md, "The HTML report").

#include "kept/on_time_months.hpp"
#include "kept/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kept {

/// One open commitment as the timeline and its table show it.
struct ForecastRow {
    std::int64_t id = 0;
    std::string title, client, owner;
    Date start{};               ///< the first day the schedule works on it
    std::optional<Date> finish; ///< nullopt: never
    Date due{};
    std::optional<int> slack; ///< working days
    double on_time_percent = 0.0;
    std::string status; ///< "on track", "at risk", "will miss"
    std::optional<Date> talk_by;
};

/// What the page shows.
struct ReportPage {
    std::string team;
    Report report;
    /// By owner, then in the order each owner's schedule works them; nullopt when the page
    /// leaves the forecast out (a report --as-of a past day: the forecast is of today).
    std::optional<std::vector<ForecastRow>> forecast;
    std::vector<MonthOnTime> months; ///< oldest first
};

/// Flags beyond this many are counted, not listed (kept report --section flags lists them).
constexpr std::size_t html_flags_shown = 200;
/// Per owner, commitments beyond this many are counted, not drawn.
constexpr std::size_t html_timeline_items = 40;

/// The page, as one HTML document.
std::string report_html(const ReportPage& page);

} // namespace kept
