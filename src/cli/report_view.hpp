#pragma once

// How the report looks in each output format (docs/report.md lists every field).

#include "cli/context.hpp"
#include "kept/render.hpp"
#include "kept/report.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kept::cli {

/// Which part of the report to print.
enum class Section { all, flags, load, reliability, calibration };

/// Parses --section: flags, load, reliability, calibration or all. Throws BadValue.
Section parse_section(std::string_view text);

/// The fields of a flag record, in order: every figure any kind can set.
const std::vector<std::string>& flag_fields();
/// A flag as a record; figures that do not apply to its kind are left out.
nlohmann::ordered_json flag_record(const Flag& flag);

/// The whole report as the JSON object of `kept report --format json`.
nlohmann::ordered_json report_json(const Report& report, const std::string& team);

/// Prints the report: table and json show every section unless one is chosen; ndjson, csv and
/// tsv print one section's records (flags unless another is chosen).
void print_report(Context& context, Format format, const Report& report, Section section);

/// Prints `table` within the terminal's width and says what it left out: later weeks when
/// `weeks` (the columns after the first are weeks), else the names of the columns.
void print_fitted(Context& context, const TextTable& table, bool weeks);

/// A blank line and a section's title, bold on a color terminal.
void print_section_title(Context& context, const std::string& title);

/// Prints flags alone (kept check): a table or flag records.
void print_flags(Context& context, Format format, const FlagList& flags);

} // namespace kept::cli
