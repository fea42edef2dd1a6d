#pragma once

// Reading what `kept import` is given: NDJSON lines of events or commitments, and RFC 4180 CSV
// rows of commitments. Pure functions: they take text, never crash on any bytes, and throw only
// kept::Error (BadValue naming the field); the caller adds the line number.

#include "kept/changes.hpp"
#include "kept/config.hpp"
#include "kept/event.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// The longest line `kept import` reads: 1 MiB (a CSV record over several lines counts as one).
/// A longer one is refused as soon as it passes the limit, and nothing after it is read.
constexpr std::size_t max_import_line_bytes = 1024 * 1024;

/// One CSV record and the line (1-based) its first byte is on.
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and doubled quotes (""). Empty lines are skipped; a UTF-8
/// byte order mark at the start is ignored. Throws BadValue "line N: ..." for a quote inside an
/// unquoted field, text after a closing quote, or a quoted field left open at the end.
/// `first_line` is the number of the text's first line.
std::vector<CsvRecord> read_csv(std::string_view text, std::size_t first_line = 1);

/// Whether CSV text holds an odd number of quotes: text that starts outside a quoted field ends
/// inside one (a record that goes on on the next line), and the other way round.
bool csv_record_open(std::string_view text);

/// One line of a file split into lines: its number (1-based) and its text without the line end.
struct TextLine {
    std::size_t line = 0;
    std::string_view text;
};

/// Splits text into lines on LF (a CR before it is dropped) and leaves out blank lines.
std::vector<TextLine> non_blank_lines(std::string_view text);

/// Parses one line of JSON text. Nesting deeper than 32 levels is refused. Throws BadValue
/// "not valid JSON (byte N)" or "JSON nested too deeply".
nlohmann::json parse_json_line(std::string_view line);

/// Reads one line of `kept export --events` output. Throws BadValue naming the missing or wrong
/// field.
Event event_from_line(std::string_view line);

/// What the fields of an imported commitment row are resolved against: relative dates against
/// `today` and the config's work week, efforts with its hours per day, client kinds from its
/// [clients] table, and an owner left out becomes `default_owner`.
struct RowContext {
    Date today{};
    Config config;
    std::string default_owner;
};

/// The fields an imported commitment row may carry: the `kept add` fields, and `state`.
const std::vector<std::string>& commitment_row_fields();
/// Fields of the commitment export that are accepted and ignored, so `kept export` output
/// imports as is.
const std::vector<std::string>& ignored_row_fields();

/// A commitment row given as a JSON object: title, client, owner, due (any date form), effort
/// (any effort form, or a number of hours) or effort_hours (number), internal (bool) or
/// client_kind, scope and tags (arrays of text, or text: a JSON array or items separated by
/// ";"). Values may also be given as text, as in CSV; null means "not given". A `state` other
/// than open is refused. Validates every field as `kept add` does. Throws BadValue naming the
/// field: `due: "2026-02-30" is not a valid date`.
NewCommitment commitment_from_json(const nlohmann::json& row, const RowContext& context);

/// A commitment row of CSV: `header` names the columns (the same field names as in JSON), empty
/// cells mean "not given". Throws BadValue naming the field, or a header column that is unknown or
/// repeated.
NewCommitment commitment_from_csv(const std::vector<std::string>& header,
                                  const std::vector<std::string>& fields,
                                  const RowContext& context);

/// Checks a CSV header row: every column known (commitment_row_fields or ignored_row_fields), none
/// twice, title present. Throws BadValue naming the column.
void check_commitment_header(const std::vector<std::string>& header);

} // namespace kept
