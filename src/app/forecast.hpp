#pragma once

// kept forecast's gathering: every open commitment's projected finish, slack and chance of
// being on time, from each owner's whole queue and the team's accuracy history.

#include "kept/config.hpp"
#include "kept/forecast.hpp"
#include "kept/ledger.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kept::app {

/// Which commitments the forecast shows; each owner's whole queue decides their finishes.
struct ForecastQuery {
    std::optional<std::string> owner;
    std::optional<std::string> client;
    std::optional<Date> due_by; ///< only commitments due on or before this day
    int confidence = 80;        ///< below this percent chance of being on time: at risk
};

/// One line of the forecast, with the commitment it is about (in Forecast::open).
struct ForecastLine {
    const OpenCommitment* commitment;
    ForecastEntry entry;
};

/// The forecast: the open commitments read and the lines shown, worst first.
struct Forecast {
    std::vector<OpenCommitment> open;
    std::vector<ForecastLine> lines;
};

/// The forecast of `ledger` with the schedule starting `today`, in one read transaction.
Forecast gather_forecast(Ledger& ledger, const Config& config, Date today,
                         const ForecastQuery& query);

} // namespace kept::app
