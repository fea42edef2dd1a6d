#pragma once

// Printing records in the format the user chose.

#include "cli/context.hpp"
#include "kept/render.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kept::cli {

/// Prints `records` as json, ndjson, csv or tsv with the columns `fields`; for the table format
/// prints `table` instead.
void print_records(Context& context, Format format,
                   const std::vector<nlohmann::ordered_json>& records,
                   const std::vector<std::string>& fields, const TextTable& table);

/// Prints `count` records, made one at a time by `record(i)`, as json, ndjson, csv or tsv (as
/// print_records would) without holding them all: for outputs of many thousand records.
void print_record_stream(Context& context, Format format, std::size_t count,
                         const std::function<nlohmann::ordered_json(std::size_t)>& record,
                         const std::vector<std::string>& fields);

} // namespace kept::cli
