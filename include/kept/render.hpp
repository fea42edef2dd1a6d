#pragma once

// Turning rows of data into text: one renderer per output format, so a command builds its rows
// once and any format can print them (docs/formats.md lists every command's fields).

#include "kept/date.hpp"
#include "kept/effort.hpp"

#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// How a table cell is emphasised on a color terminal.
enum class Style { plain, dim, bold, red, yellow, green };

struct Cell {
    std::string text;
    Style style = Style::plain;
    /// Shown after the text, one space apart, when color is off: what the style says in color
    /// ("!" overdue, "*" moved; docs/user-guide.md lists them).
    std::string marker = {};
};

/// Every column from this index on may be left out; the default keeps them all.
inline constexpr std::size_t all_columns_kept = static_cast<std::size_t>(-1);

/// A table for people: headers, rows of cells, some columns right-aligned (numbers).
struct TextTable {
    std::vector<std::string> headers;
    std::vector<bool> right_aligned; ///< per column; missing entries mean left
    std::vector<std::vector<Cell>> rows;
    /// Per column, whether its text may be cut with "…" to fit the width (titles, clients,
    /// reasons; never numbers, ids or dates); missing entries mean not.
    std::vector<bool> cuttable = {};
    /// Columns from this index on are left out, rightmost first, while the table is too wide.
    std::size_t droppable_from = all_columns_kept;
};

/// How a table is drawn.
struct TableLook {
    bool color = false;    ///< ANSI styles; without, the cells' markers
    std::size_t width = 0; ///< the terminal columns a line may take; 0 means no limit
};

/// Aligned columns separated by two spaces; headers in bold and styles as ANSI colors only when
/// `color`. Newlines and tabs inside cells are shown as "\n" and "\t" so rows stay one line.
std::string render_table(const TextTable& table, bool color);
/// render_table within `look.width`: the droppable columns go first, then the widest cuttable
/// column is cut, again and again, down to its header's width at the least; what still does not
/// fit runs past the width.
std::string render_table(const TextTable& table, const TableLook& look);
/// render_table, written to `out` a line at a time (for tables too big to hold twice).
void write_table(std::ostream& out, const TextTable& table, bool color);
/// write_table within `look.width`; returns how many columns it left out.
std::size_t write_table(std::ostream& out, const TextTable& table, const TableLook& look);

/// A table whose cells are made when they are needed, for tables too big to hold at all:
/// `row(r, n)` gives the first `n` cells of row `r` (fewer: the rest are empty). It is called to
/// size the columns (all but the last, when it is left-aligned and there is no width limit:
/// nothing pads it) and again to write them, from two threads at once for a big table, each
/// for rows of its own: it must change nothing it shares.
struct TableRows {
    std::vector<std::string> headers;
    std::vector<bool> right_aligned; ///< per column; missing entries mean left
    std::size_t count = 0;
    std::function<std::vector<Cell>(std::size_t row, std::size_t columns)> row;
    std::vector<bool> cuttable = {}; ///< as TextTable::cuttable
    std::size_t droppable_from = all_columns_kept;
};

/// write_table for rows made on demand.
void write_table(std::ostream& out, const TableRows& table, bool color);
/// write_table for rows made on demand, within `look.width`; returns the columns left out.
std::size_t write_table(std::ostream& out, const TableRows& table, const TableLook& look);

/// `text` cut to at most `width` terminal columns, ending in "…" (no blank before it) when
/// anything was cut; never splits a UTF-8 sequence, and keeps combining marks with their letter.
/// Width 0 gives "".
std::string cut_to_width(std::string_view text, std::size_t width);

/// A day as the machine formats write it: "YYYY-MM-DD", or null when there is none.
nlohmann::ordered_json date_or_null(const std::optional<Date>& day);
/// Minutes as the machine formats write an effort: hours, rounded to two decimals (90 -> 1.5).
double hours_value(Minutes minutes);

/// `value` rounded to `decimals` places, as the machine formats write figures.
double rounded_to(double value, int decimals);
/// rounded_to, or null when there is no value.
nlohmann::ordered_json rounded_or_null(const std::optional<double>& value, int decimals);

/// `text` as one Markdown table cell: no line breaks, pipes escaped.
std::string markdown_cell(const std::string& text);
/// A Markdown table's header row and the rule under it: "| A | B |\n|---|---|\n".
std::string markdown_table_head(std::initializer_list<std::string_view> headers);
/// Appends a Markdown section's "## `title`" heading to `out`, and, when the section is
/// `empty`, `when_empty` as its only paragraph. Returns whether the section has more to write.
bool markdown_section(std::string& out, std::string_view title, bool empty,
                      std::string_view when_empty);

/// Records (JSON objects with the same keys) as one JSON array, pretty-printed.
std::string render_json(const std::vector<nlohmann::ordered_json>& records);
/// render_json's text for `count` records made one at a time by `record(i)`, written to `out`
/// as they come (for outputs too big to hold).
void write_json(std::ostream& out, std::size_t count,
                const std::function<nlohmann::ordered_json(std::size_t)>& record);
/// `object` as its pretty-printed dump and a newline, but for its member `streamed` (an array
/// placeholder), which is written as the array of the `count` records `record(i)` makes one at
/// a time: a report's flags can be too many to hold as JSON.
void write_json_streaming(std::ostream& out, const nlohmann::ordered_json& object,
                          std::string_view streamed, std::size_t count,
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

/// Display width of UTF-8 text in terminal columns: two for East Asian wide and fullwidth
/// characters and emoji, none for combining marks and zero-width joiners, one for the rest.
std::size_t display_width(std::string_view text);

} // namespace kept
