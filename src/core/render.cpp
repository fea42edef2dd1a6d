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

} // namespace kept
