#pragma once

// Printing records in the format the user chose.

#include "cli/context.hpp"
#include "kept/render.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kept::cli {

/// Prints `records` as json, ndjson, csv or tsv with the columns `fields`; for the table format
/// prints `table` instead.
void print_records(Context& context, Format format,
                   const std::vector<nlohmann::ordered_json>& records,
                   const std::vector<std::string>& fields, const TextTable& table);

} // namespace kept::cli
