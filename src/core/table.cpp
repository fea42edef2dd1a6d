// Tables for people: aligned columns, styles or text markers, and the fit to a terminal's width.

#include "kept/render.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <future>
#include <numeric>
#include <ostream>
#include <sstream>

namespace kept {

namespace {

struct CodePoint {
    char32_t value;
    std::size_t length; ///< bytes
};

/// The code point at `i`; a byte that starts no valid sequence is one code point of its own.
CodePoint decode(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    if (length == 0 || i + length > text.size()) {
        return {0xFFFD, 1};
    }
    if (length == 1) {
        return {c, 1};
    }
    char32_t value = c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return {0xFFFD, 1};
        }
        value = (value << 6) | (byte(i + k) & 0x3F);
    }
    return {value, length};
}

bool in(char32_t c, char32_t first, char32_t last) {
    return c >= first && c <= last;
}

std::size_t code_point_width(char32_t c) {
    if (in(c, 0x0300, 0x036F) || in(c, 0x1AB0, 0x1AFF) || in(c, 0x1DC0, 0x1DFF) ||
        in(c, 0x20D0, 0x20FF) || in(c, 0xFE20, 0xFE2F) || in(c, 0x200B, 0x200F) ||
        in(c, 0xFE00, 0xFE0F) || c == 0x2060) {
        return 0;
    }
    if (in(c, 0x1100, 0x115F) || in(c, 0x2E80, 0x303E) || in(c, 0x3041, 0x33FF) ||
        in(c, 0x3400, 0x4DBF) || in(c, 0x4E00, 0x9FFF) || in(c, 0xA000, 0xA4CF) ||
        in(c, 0xAC00, 0xD7A3) || in(c, 0xF900, 0xFAFF) || in(c, 0xFE30, 0xFE4F) ||
        in(c, 0xFF00, 0xFF60) || in(c, 0xFFE0, 0xFFE6) || in(c, 0x1F300, 0x1F64F) ||
        in(c, 0x1F900, 0x1F9FF) || in(c, 0x20000, 0x3FFFD)) {
        return 2;
    }
    return 1;
}

std::string_view ansi(Style style) {
    switch (style) {
    case Style::plain:
        return "";
    case Style::dim:
        return "\x1b[2m";
    case Style::bold:
        return "\x1b[1m";
    case Style::red:
        return "\x1b[31m";
    case Style::yellow:
        return "\x1b[33m";
    case Style::green:
        return "\x1b[32m";
    }
    return "";
}

/// Whether every byte of `text` is printable ASCII (0x20 to 0x7e), tested eight bytes at a
/// time: a report's table has a million cells, nearly all of them plain.
bool printable_ascii(std::string_view text) {
    constexpr std::uint64_t ones = 0x0101'0101'0101'0101ULL;
    constexpr std::uint64_t highs = 0x8080'8080'8080'8080ULL;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t x = 0;
        std::memcpy(&x, text.data() + i, 8);
        // Exact once no byte has its high bit set: a byte below 0x20, a byte equal to 0x7f.
        std::uint64_t below_space = (x - ones * 0x20) & ~x & highs;
        std::uint64_t del = x ^ (ones * 0x7f);
        del = (del - ones) & ~del & highs;
        if (((x & highs) | below_space | del) != 0) {
            return false;
        }
    }
    for (; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c >= 0x7f) {
            return false;
        }
    }
    return true;
}

bool needs_escapes(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            out.push_back(c);
        }
    }
    return out;
}

/// What a cell shows: its text on one line, and its marker when there is no color to say it;
/// and the columns that takes.
struct Shown {
    std::string text;
    std::size_t width = 0;
};

Shown shown(Cell cell, bool color) {
    Shown out;
    if (printable_ascii(cell.text)) { // nearly every cell: its width is its length
        out.width = cell.text.size();
        out.text = std::move(cell.text);
    } else {
        out.text = needs_escapes(cell.text) ? one_line(cell.text) : std::move(cell.text);
        out.width = display_width(out.text);
    }
    if (!color && !cell.marker.empty()) {
        out.text += ' ';
        out.text += cell.marker;
        out.width += 1 + display_width(cell.marker);
    }
    return out;
}

bool flag(const std::vector<bool>& flags, std::size_t column) {
    return column < flags.size() && flags[column];
}

/// How many columns are shown, and `widths` cut so that they fit `limit` where they can.
std::size_t fit(std::vector<std::size_t>& widths, const std::vector<std::size_t>& floors,
                const std::vector<bool>& cuttable, std::size_t droppable_from, std::size_t limit) {
    std::size_t shown = widths.size();
    auto total = [&] {
        return std::accumulate(widths.begin(), widths.begin() + static_cast<long>(shown),
                               std::size_t{0}) +
               2 * (shown - 1);
    };
    if (limit == 0 || shown == 0) {
        return shown;
    }
    while (shown > std::max<std::size_t>(droppable_from, 1) && total() > limit) {
        --shown;
    }
    while (total() > limit) {
        std::size_t widest = shown;
        for (std::size_t c = 0; c < shown; ++c) {
            if (flag(cuttable, c) && widths[c] > floors[c] &&
                (widest == shown || widths[c] > widths[widest])) {
                widest = c;
            }
        }
        if (widest == shown) {
            break; // everything cuttable is cut to its header: the rest runs past the width
        }
        std::size_t next = floors[widest];
        for (std::size_t c = 0; c < shown; ++c) {
            if (c != widest && flag(cuttable, c)) {
                next = std::max(next, std::min(widths[c], widths[widest]));
            }
        }
        std::size_t step = std::min(total() - limit, widths[widest] - next);
        widths[widest] -= std::max<std::size_t>(step, 1);
    }
    return shown;
}

} // namespace

std::size_t display_width(std::string_view text) {
    if (printable_ascii(text)) {
        return text.size();
    }
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) { // most text is ASCII: one column each
            ++width;
            ++i;
            continue;
        }
        CodePoint c = decode(text, i);
        width += code_point_width(c.value);
        i += c.length;
    }
    return width;
}

std::string cut_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) {
        return std::string(text);
    }
    if (width == 0) {
        return "";
    }
    std::size_t used = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        CodePoint c = decode(text, end);
        std::size_t w = code_point_width(c.value);
        if (used + w > width - 1) {
            break;
        }
        used += w;
        end += c.length;
    }
    std::string out(text.substr(0, end));
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out + "…";
}

namespace {

// A big table's rows are sized and written in blocks, two at a time on two threads: a report of
// a hundred thousand flags spent half its time making their lines.
constexpr std::size_t block_rows = 4096;

/// How a table's columns are laid out once sized.
struct Layout {
    std::vector<std::size_t> widths;
    std::vector<char> right;  // right-aligned
    std::vector<char> padded; // padded to its width: all but the last, unsized
    std::vector<char> cut;    // narrower than its widest cell
    bool color = false;
};

/// The widest shown cell of each of the first `sized` columns over rows [first, last).
std::vector<std::size_t> widest(const TableRows& table, std::size_t sized, bool color,
                                std::size_t first, std::size_t last) {
    std::vector<std::size_t> out(sized, 0);
    for (std::size_t r = first; r < last; ++r) {
        std::vector<Cell> cells = table.row(r, sized);
        for (std::size_t c = 0; c < sized && c < cells.size(); ++c) {
            out[c] = std::max(out[c], shown(std::move(cells[c]), color).width);
        }
    }
    return out;
}

void append_cell(std::string& text, const Layout& layout, std::size_t c, Shown cell, Style style) {
    std::size_t width = layout.widths[c];
    if (layout.cut[c] && cell.width > width) {
        cell.text = cut_to_width(cell.text, width);
        cell.width = display_width(cell.text);
    }
    std::size_t pad = layout.padded[c] && width > cell.width ? width - cell.width : 0;
    if (c) {
        text += "  ";
    }
    if (layout.right[c]) {
        text.append(pad, ' ');
    }
    if (layout.color && style != Style::plain) {
        text += ansi(style);
        text += cell.text;
        text += "\x1b[0m";
    } else {
        text += cell.text;
    }
    if (!layout.right[c]) {
        text.append(pad, ' ');
    }
}

void end_line(std::string& text, std::size_t line_start) {
    while (text.size() > line_start && text.back() == ' ') {
        text.pop_back();
    }
    text += '\n';
}

/// The lines of rows [first, last).
std::string lines(const TableRows& table, const Layout& layout, std::size_t first,
                  std::size_t last) {
    std::string text;
    std::size_t columns = layout.widths.size();
    for (std::size_t r = first; r < last; ++r) {
        std::size_t line_start = text.size();
        std::vector<Cell> cells = table.row(r, columns);
        cells.resize(columns);
        for (std::size_t c = 0; c < columns; ++c) {
            Style style = cells[c].style;
            append_cell(text, layout, c, shown(std::move(cells[c]), layout.color), style);
        }
        end_line(text, line_start);
    }
    return text;
}

/// Calls `make(first, last)` for each block of `count` rows in order, the next block on a
/// second thread while this one makes its own, and hands each result to `take` in order.
template <class Make, class Take>
void by_blocks(std::size_t count, const Make& make, const Take& take) {
    for (std::size_t first = 0; first < count; first += 2 * block_rows) {
        std::size_t middle = std::min(count, first + block_rows);
        std::size_t last = std::min(count, middle + block_rows);
        auto second = middle < last ? std::async(std::launch::async, make, middle, last)
                                    : std::future<decltype(make(first, middle))>();
        take(make(first, middle));
        if (second.valid()) {
            take(second.get());
        }
    }
}

} // namespace

std::size_t write_table(std::ostream& out, const TableRows& table, const TableLook& look) {
    std::size_t columns = table.headers.size();
    std::vector<std::size_t> widths(columns, 0);
    std::vector<std::size_t> floors(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = display_width(table.headers[c]);
        floors[c] = std::max<std::size_t>(widths[c], 1);
    }
    bool last_padded = columns > 0 && flag(table.right_aligned, columns - 1);
    std::size_t sized = columns == 0 || last_padded || look.width > 0 ? columns : columns - 1;
    by_blocks(
        table.count,
        [&](std::size_t first, std::size_t last) {
            return widest(table, sized, look.color, first, last);
        },
        [&](const std::vector<std::size_t>& block) {
            for (std::size_t c = 0; c < sized; ++c) {
                widths[c] = std::max(widths[c], block[c]);
            }
        });
    std::vector<std::size_t> natural = widths;
    std::size_t shown_columns =
        fit(widths, floors, table.cuttable, table.droppable_from, look.width);
    Layout layout;
    layout.color = look.color;
    for (std::size_t c = 0; c < shown_columns; ++c) {
        layout.widths.push_back(widths[c]);
        layout.right.push_back(flag(table.right_aligned, c));
        layout.padded.push_back(layout.right[c] || c + 1 != shown_columns);
        layout.cut.push_back(widths[c] < natural[c]);
    }
    std::string head;
    for (std::size_t c = 0; c < shown_columns; ++c) {
        append_cell(head, layout, c, shown(Cell{table.headers[c]}, look.color), Style::bold);
    }
    end_line(head, 0);
    out << head;
    // Some thousand lines at a time: a report of tens of thousands of flags is never held whole.
    by_blocks(
        table.count,
        [&](std::size_t first, std::size_t last) { return lines(table, layout, first, last); },
        [&](const std::string& text) { out << text; });
    return columns - shown_columns;
}

void write_table(std::ostream& out, const TableRows& table, bool color) {
    write_table(out, table, TableLook{color, 0});
}

std::size_t write_table(std::ostream& out, const TextTable& table, const TableLook& look) {
    return write_table(
        out,
        TableRows{table.headers, table.right_aligned, table.rows.size(),
                  [&](std::size_t r, std::size_t columns) {
                      const auto& row = table.rows[r];
                      return std::vector<Cell>(
                          row.begin(),
                          row.begin() + static_cast<std::ptrdiff_t>(std::min(columns, row.size())));
                  },
                  table.cuttable, table.droppable_from},
        look);
}

void write_table(std::ostream& out, const TextTable& table, bool color) {
    write_table(out, table, TableLook{color, 0});
}

std::string render_table(const TextTable& table, const TableLook& look) {
    std::ostringstream out;
    write_table(out, table, look);
    return std::move(out).str();
}

std::string render_table(const TextTable& table, bool color) {
    return render_table(table, TableLook{color, 0});
}

} // namespace kept
