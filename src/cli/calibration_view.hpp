#pragma once

// The calibration section of the report: per owner, how much history their dates learn from.

#include "kept/calibration.hpp"
#include "kept/render.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kept::cli {

/// The fields of a calibration record, in order.
const std::vector<std::string>& calibration_fields();

/// One owner's calibration as a record: samples, usable, median/p80/p90 ratios, median effort
/// growth.
nlohmann::ordered_json calibration_record(const OwnerCalibration& owner);

/// Every owner's calibration record, in owner order.
std::vector<nlohmann::ordered_json>
calibration_records(const std::vector<OwnerCalibration>& owners);

/// The calibration table of `kept report`.
TextTable calibration_table(const std::vector<OwnerCalibration>& owners);

} // namespace kept::cli
