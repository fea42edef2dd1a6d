#pragma once

// `kept report --format html`'s gathering: the report, the forecast of each owner's open work
// and the on-time record per month, in one read transaction.

#include "app/report.hpp"
#include "kept/report_html.hpp"

namespace kept::app {

/// Months the on-time line covers, up to the report's day.
constexpr int html_months = 12;

/// The page of `ledger` over `window`. Throws the ledger's kept::Errors.
ReportPage gather_report_page(Ledger& ledger, const Config& config, const ReportWindow& window);

} // namespace kept::app
