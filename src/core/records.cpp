#include "kept/records.hpp"

#include "kept/render.hpp"

namespace kept {

nlohmann::ordered_json fee_or_null(const std::optional<Cents>& fee) {
    return fee ? nlohmann::ordered_json(fee_decimal(*fee)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json load_record(const LoadCell& cell) {
    const WeekLoad& w = cell.load;
    return {{"owner", cell.owner},
            {"week", format_iso_week(w.week)},
            {"load_hours", rounded_to(w.load_minutes / 60.0, 2)},
            {"late_hours", rounded_to(w.late_minutes / 60.0, 2)},
            {"capacity_hours", rounded_to(w.capacity_minutes / 60.0, 2)},
            {"utilization", rounded_or_null(w.utilization(), 1)}};
}

} // namespace kept
