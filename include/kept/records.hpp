#pragma once

// The parts of machine records that several commands write alike (docs/formats.md lists every
// command's fields): a commitment's identity, a load table cell.

#include "kept/config.hpp"
#include "kept/fee.hpp"
#include "kept/report.hpp"

#include <nlohmann/json.hpp>
#include <optional>

namespace kept {

/// Sets the fields every record about one commitment starts with, in this order: id, uuid,
/// title, client, client_kind, owner. `C` is any type with those members (Commitment,
/// OpenCommitment).
template <typename C> void put_identity(nlohmann::ordered_json& record, const C& c) {
    record["id"] = c.id;
    record["uuid"] = c.uuid;
    record["title"] = c.title;
    record["client"] = c.client;
    record["client_kind"] = to_string(c.client_kind);
    record["owner"] = c.owner;
}

/// What a change did to one field: {"before": value(*before), "after": value(*after)} when
/// both are set, else null.
template <typename T, typename F>
nlohmann::ordered_json change_or_null(const std::optional<T>& before, const std::optional<T>& after,
                                      F value) {
    if (!before || !after) {
        return nullptr;
    }
    return {{"before", value(*before)}, {"after", value(*after)}};
}

/// A fee as its decimal text ("1200.50"), or null when there is none.
nlohmann::ordered_json fee_or_null(const std::optional<Cents>& fee);

/// One load table cell: owner, week, load_hours, late_hours and capacity_hours (two decimals),
/// utilization (percent, one decimal; null without capacity).
nlohmann::ordered_json load_record(const LoadCell& cell);

} // namespace kept
