#include "kept/render.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <ostream>
#include <sstream>

namespace kept {

namespace {

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

nlohmann::ordered_json date_or_null(const std::optional<Date>& day) {
    return day ? nlohmann::ordered_json(format_date(*day)) : nlohmann::ordered_json(nullptr);
}

double hours_value(Minutes minutes) {
    return std::round(static_cast<double>(minutes) / 60.0 * 100.0) / 100.0;
}

double rounded_to(double value, int decimals) {
    double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

nlohmann::ordered_json rounded_or_null(const std::optional<double>& value, int decimals) {
    return value ? nlohmann::ordered_json(rounded_to(*value, decimals))
                 : nlohmann::ordered_json(nullptr);
}

std::string plural(long long count, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
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

namespace {

/// `value` as nlohmann's layout at two spaces an indent, every line after the first shifted
/// right by `indent` spaces: how it reads as a member of something indented that far.
std::string dump_at(const nlohmann::ordered_json& value, std::size_t indent) {
    std::string text = value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        out += c;
        if (c == '\n') {
            out.append(indent, ' ');
        }
    }
    return out;
}

/// nlohmann's own layout of an array indented by `indent`, an element at a time; no newline
/// after its closing bracket.
void write_json_array(std::ostream& out, std::size_t count,
                      const std::function<nlohmann::ordered_json(std::size_t)>& record,
                      std::size_t indent) {
    if (count == 0) {
        out << "[]";
        return;
    }
    out << "[\n";
    std::string margin(indent + 2, ' ');
    for (std::size_t i = 0; i < count; ++i) {
        out << margin << dump_at(record(i), indent + 2) << (i + 1 < count ? ",\n" : "\n");
    }
    out << std::string(indent, ' ') << ']';
}

} // namespace

void write_json(std::ostream& out, std::size_t count,
                const std::function<nlohmann::ordered_json(std::size_t)>& record) {
    write_json_array(out, count, record, 0);
    out << '\n';
}

void write_json_streaming(std::ostream& out, const nlohmann::ordered_json& object,
                          std::string_view streamed, std::size_t count,
                          const std::function<nlohmann::ordered_json(std::size_t)>& record) {
    out << "{";
    bool first = true;
    for (const auto& [key, value] : object.items()) {
        out << (first ? "\n  " : ",\n  ")
            << nlohmann::ordered_json(key).dump(-1, ' ', false,
                                                nlohmann::ordered_json::error_handler_t::replace)
            << ": ";
        first = false;
        if (key == streamed) {
            write_json_array(out, count, record, 2);
        } else {
            out << dump_at(value, 2);
        }
    }
    out << (first ? "}\n" : "\n}\n");
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

std::string markdown_cell(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') {
            out += "\\|";
        } else if (ch == '\n' || ch == '\r' || ch == '\t') {
            out += ' ';
        } else {
            out += ch;
        }
    }
    return out;
}

std::string markdown_table_head(std::initializer_list<std::string_view> headers) {
    std::string head = "|";
    std::string rule = "|";
    for (std::string_view header : headers) {
        head += fmt::format(" {} |", header);
        rule += "---|";
    }
    return head + '\n' + rule + '\n';
}

bool markdown_section(std::string& out, std::string_view title, bool empty,
                      std::string_view when_empty) {
    out += fmt::format("## {}\n\n", title);
    if (empty) {
        out += fmt::format("{}\n\n", when_empty);
    }
    return !empty;
}

} // namespace kept
