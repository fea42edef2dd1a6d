#include "cli/calibration_view.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kept::cli {

namespace {

double round2(double value) {
    return std::round(value * 100.0) / 100.0;
}

} // namespace

const std::vector<std::string>& calibration_fields() {
    static const std::vector<std::string> fields = {"owner",
                                                    "samples",
                                                    "usable",
                                                    "median_ratio",
                                                    "p80_ratio",
                                                    "p90_ratio",
                                                    "median_effort_growth"};
    return fields;
}

nlohmann::ordered_json calibration_record(const OwnerCalibration& owner) {
    return {
        {"owner", owner.owner},
        {"samples", owner.samples},
        {"usable", owner.usable()},
        {"median_ratio", round2(owner.median)},
        {"p80_ratio", round2(owner.p80)},
        {"p90_ratio", round2(owner.p90)},
        {"median_effort_growth", round2(owner.median_effort_growth)},
    };
}

std::vector<nlohmann::ordered_json>
calibration_records(const std::vector<OwnerCalibration>& owners) {
    std::vector<nlohmann::ordered_json> out;
    out.reserve(owners.size());
    for (const auto& owner : owners) {
        out.push_back(calibration_record(owner));
    }
    return out;
}

TextTable calibration_table(const std::vector<OwnerCalibration>& owners) {
    TextTable table;
    table.headers = {"OWNER", "DELIVERED", "MEDIAN", "P80", "P90", "EFFORT GROWTH", "USED BY WHEN"};
    table.right_aligned = {false, true, true, true, true, true, false};
    table.cuttable = {false, false, false, false, false, false, true};
    for (const auto& o : owners) {
        table.rows.push_back({
            {o.owner},
            {fmt::format("{}", o.samples)},
            {fmt::format("{:.2f}x", o.median)},
            {fmt::format("{:.2f}x", o.p80)},
            {fmt::format("{:.2f}x", o.p90)},
            {fmt::format("{:.2f}x", o.median_effort_growth)},
            o.usable() ? Cell{"yes"}
                       : Cell{fmt::format("no: too little history ({} of {})", o.samples,
                                          calibration_min_samples),
                              Style::yellow},
        });
    }
    return table;
}

} // namespace kept::cli
