#pragma once

// Turning rows of data into text: one renderer per output format, so a command builds its rows
// once and any format can print them (docs/formats.md lists every command's fields).

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// How a table cell is emphasised on a color terminal.
enum class Style { plain, dim, bold, red, yellow, green };

struct Cell {
    std::string text;
    Style style = Style::plain;
};

/// A table for people: headers, rows of cells, some columns right-aligned (numbers).
struct TextTable {
    std::vector<std::string> headers;
    std::vector<bool> right_aligned; ///< per column; missing entries mean left
    std::vector<std::vector<Cell>> rows;
};

/// Aligned columns separated by two spaces; headers in bold and styles as ANSI colors only when
/// `color`. Newlines and tabs inside cells are shown as "\n" and "\t" so rows stay one line.
std::string render_table(const TextTable& table, bool color);
/// render_table, written to `out` a line at a time (for tables too big to hold twice).
void write_table(std::ostream& out, const TextTable& table, bool color);

/// A table whose cells are made when they are needed, for tables too big to hold at all:
/// `cell(row, column)` is called to size the columns (but the last, when it is left-aligned:
/// nothing pads it) and again to write it.
struct TableRows {
    std::vector<std::string> headers;
    std::vector<bool> right_aligned; ///< per column; missing entries mean left
    std::size_t count = 0;
    std::function<Cell(std::size_t row, std::size_t column)> cell;
};

/// write_table for rows made on demand.
void write_table(std::ostream& out, const TableRows& table, bool color);

/// Records (JSON objects with the same keys) as one JSON array, pretty-printed.
std::string render_json(const std::vector<nlohmann::ordered_json>& records);
/// render_json's text for `count` records made one at a time by `record(i)`, written to `out`
/// as they come (for outputs too big to hold).
void write_json(std::ostream& out, std::size_t count,
                const std::function<nlohmann::ordered_json(std::size_t)>& record);
/// Records as NDJSON: one compact object per line.
std::string render_ndjson(const std::vector<nlohmann::ordered_json>& records);
/// Records as RFC 4180 CSV (CRLF line ends, header row of `fields`). Arrays and objects are
/// written as compact JSON text; null as an empty field.
std::string render_csv(const std::vector<nlohmann::ordered_json>& records,
                       const std::vector<std::string>& fields);
/// Records as TSV (header row of `fields`); tab, newline, carriage return and backslash inside a
/// value are escaped as \t, \n, \r and \\.
std::string render_tsv(const std::vector<nlohmann::ordered_json>& records,
                       const std::vector<std::string>& fields);

/// One value as it appears in a CSV/TSV cell before quoting or escaping.
std::string plain_text(const nlohmann::ordered_json& value);

/// "1 day", "3 days": a count with its noun in the right number.
std::string plural(long long count, std::string_view one, std::string_view many);

/// Display width of UTF-8 text in terminal columns (one per code point; combining marks count 0).
std::size_t display_width(std::string_view text);

} // namespace kept
