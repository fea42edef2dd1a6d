#include "kept/render.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>
#include <sstream>

namespace kept {

namespace {

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

std::string csv_quote(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') {
            out += "\"\"";
        } else {
            out.push_back(c);
        }
    }
    out += '"';
    return out;
}

std::string tsv_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

template <typename Encode>
std::string render_delimited(const std::vector<nlohmann::ordered_json>& records,
                             const std::vector<std::string>& fields, char separator,
                             std::string_view line_end, Encode encode) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out += (i ? std::string(1, separator) : "") + encode(fields[i]);
    }
    out += line_end;
    for (const auto& record : records) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto it = record.find(fields[i]);
            std::string value = it == record.end() ? "" : plain_text(*it);
            out += (i ? std::string(1, separator) : "") + encode(value);
        }
        out += line_end;
    }
    return out;
}

} // namespace

std::string plural(long long count, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) {
            continue;
        }
        // U+0300..U+036F (combining diacritics) start with 0xCC or 0xCD.
        if ((c == 0xCC || (c == 0xCD && i + 1 < text.size() &&
                           static_cast<unsigned char>(text[i + 1]) < 0xB0))) {
            continue;
        }
        ++width;
    }
    return width;
}

void write_table(std::ostream& out, const TableRows& table, bool color) {
    std::size_t columns = table.headers.size();
    std::vector<std::size_t> widths(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = display_width(table.headers[c]);
    }
    // Cells are shown through one_line; most hold nothing it would change, and are used as they
    // are.
    auto needs_escapes = [](std::string_view text) {
        return std::any_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
    };
    bool last_padded =
        columns > 0 && columns - 1 < table.right_aligned.size() && table.right_aligned[columns - 1];
    std::size_t sized = columns == 0 || last_padded ? columns : columns - 1;
    for (std::size_t r = 0; r < table.count; ++r) {
        for (std::size_t c = 0; c < sized; ++c) {
            std::string text = table.cell(r, c).text;
            std::size_t width =
                needs_escapes(text) ? display_width(one_line(text)) : display_width(text);
            widths[c] = std::max(widths[c], width);
        }
    }
    // One line at a time: a report of tens of thousands of flags is never held whole.
    std::string line;
    auto emit = [&](std::size_t c, std::string_view text, Style style) {
        bool right = c < table.right_aligned.size() && table.right_aligned[c];
        bool padded = right || c + 1 != columns; // the last is not sized
        std::size_t width = padded ? display_width(text) : 0;
        std::size_t pad = padded && widths[c] > width ? widths[c] - width : 0;
        if (c) {
            line += "  ";
        }
        if (right) {
            line.append(pad, ' ');
        }
        if (color && style != Style::plain) {
            line += fmt::format("{}{}\x1b[0m", ansi(style), text);
        } else {
            line += text;
        }
        if (!right && c + 1 != columns) {
            line.append(pad, ' ');
        }
    };
    auto end_line = [&] {
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        line += '\n';
        out << line;
        line.clear();
    };
    for (std::size_t c = 0; c < columns; ++c) {
        emit(c, table.headers[c], Style::bold);
    }
    end_line();
    for (std::size_t r = 0; r < table.count; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            Cell cell = table.cell(r, c);
            if (needs_escapes(cell.text)) {
                cell.text = one_line(cell.text);
            }
            emit(c, cell.text, cell.style);
        }
        end_line();
    }
}

void write_table(std::ostream& out, const TextTable& table, bool color) {
    write_table(out,
                TableRows{table.headers, table.right_aligned, table.rows.size(),
                          [&](std::size_t r, std::size_t c) {
                              const auto& row = table.rows[r];
                              return c < row.size() ? row[c] : Cell{};
                          }},
                color);
}

std::string render_table(const TextTable& table, bool color) {
    std::ostringstream out;
    write_table(out, table, color);
    return std::move(out).str();
}

std::string plain_text(const nlohmann::ordered_json& value) {
    if (value.is_null()) {
        return "";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void write_json(std::ostream& out, std::size_t count,
                const std::function<nlohmann::ordered_json(std::size_t)>& record) {
    // nlohmann's own layout of an array, an element at a time: each indented by two spaces.
    if (count == 0) {
        out << "[]\n";
        return;
    }
    out << "[\n";
    for (std::size_t i = 0; i < count; ++i) {
        std::string text =
            record(i).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        std::string indented = "  ";
        indented.reserve(text.size() + text.size() / 8);
        for (char c : text) {
            indented += c;
            if (c == '\n') {
                indented += "  ";
            }
        }
        indented += i + 1 < count ? ",\n" : "\n";
        out << indented;
    }
    out << "]\n";
}

std::string render_json(const std::vector<nlohmann::ordered_json>& records) {
    std::ostringstream out;
    write_json(out, records.size(), [&](std::size_t i) { return records[i]; });
    return out.str();
}

std::string render_ndjson(const std::vector<nlohmann::ordered_json>& records) {
    std::string out;
    for (const auto& record : records) {
        out += record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

std::string render_csv(const std::vector<nlohmann::ordered_json>& records,
                       const std::vector<std::string>& fields) {
    return render_delimited(records, fields, ',', "\r\n", csv_quote);
}

std::string render_tsv(const std::vector<nlohmann::ordered_json>& records,
                       const std::vector<std::string>& fields) {
    return render_delimited(records, fields, '\t', "\n", tsv_escape);
}

} // namespace kept
