// The text layer of import: CSV records, NDJSON lines and JSON values, each with its line number.

#include "kept/error.hpp"
#include "kept/import.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept {

namespace {

// Deeper nesting is never written by kept; refusing it keeps every later walk over the value
// (hashing, dumping) far from the stack limit.
constexpr int max_json_depth = 32;

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool is_line_end(std::string_view text, std::size_t i) {
    return text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
}

// Moves past the line end at `i` (LF or CRLF).
std::size_t skip_line_end(std::string_view text, std::size_t i) {
    return text[i] == '\r' ? i + 2 : i + 1;
}

// A key that `keys` holds twice.
std::string repeated(std::vector<std::string> keys) {
    std::sort(keys.begin(), keys.end());
    auto twice = std::adjacent_find(keys.begin(), keys.end());
    return twice == keys.end() ? std::string() : *twice;
}

class CsvReader {
  public:
    CsvReader(std::string_view text, std::size_t first_line) : text_(text), line_(first_line) {}

    std::vector<CsvRecord> read() {
        std::vector<CsvRecord> records;
        while (i_ < text_.size()) {
            if (is_line_end(text_, i_)) {
                i_ = skip_line_end(text_, i_);
                ++line_;
                continue;
            }
            CsvRecord record;
            record.line = line_;
            read_record(record.fields);
            records.push_back(std::move(record));
        }
        return records;
    }

  private:
    void read_record(std::vector<std::string>& fields) {
        for (;;) {
            fields.push_back(i_ < text_.size() && text_[i_] == '"' ? quoted() : unquoted());
            if (i_ >= text_.size()) {
                return;
            }
            if (text_[i_] == ',') {
                ++i_;
                continue;
            }
            i_ = skip_line_end(text_, i_);
            ++line_;
            return;
        }
    }

    std::string quoted() {
        std::size_t opened_on = line_;
        std::string field;
        ++i_;
        for (;;) {
            if (i_ >= text_.size()) {
                throw BadValue(fmt::format(
                    "line {}: a quoted field is never closed (a \" is missing)", opened_on));
            }
            char c = text_[i_];
            if (c == '"') {
                if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
                    field.push_back('"');
                    i_ += 2;
                    continue;
                }
                ++i_;
                break;
            }
            if (c == '\n') {
                ++line_;
            }
            field.push_back(c);
            ++i_;
        }
        if (i_ < text_.size() && text_[i_] != ',' && !is_line_end(text_, i_)) {
            throw BadValue(fmt::format("line {}: text after the closing quote of a field (a "
                                       "quote inside a field is written \"\")",
                                       line_));
        }
        return field;
    }

    std::string unquoted() {
        std::size_t start = i_;
        while (i_ < text_.size() && text_[i_] != ',' && !is_line_end(text_, i_)) {
            if (text_[i_] == '"') {
                throw BadValue(fmt::format("line {}: a quote inside an unquoted field (quote the "
                                           "whole field and double the quote)",
                                           line_));
            }
            ++i_;
        }
        return std::string(text_.substr(start, i_ - start));
    }

    std::string_view text_;
    std::size_t i_ = 0;
    std::size_t line_;
};

} // namespace

std::vector<CsvRecord> read_csv(std::string_view text, std::size_t first_line) {
    if (text.substr(0, byte_order_mark.size()) == byte_order_mark) {
        text.remove_prefix(byte_order_mark.size());
    }
    return CsvReader(text, first_line).read();
}

bool csv_record_open(std::string_view text) {
    return std::count(text.begin(), text.end(), '"') % 2 != 0;
}

std::vector<TextLine> non_blank_lines(std::string_view text) {
    std::vector<TextLine> lines;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (number == 1 && line.substr(0, byte_order_mark.size()) == byte_order_mark) {
            line.remove_prefix(byte_order_mark.size());
        }
        if (line.find_first_not_of(" \t") != std::string_view::npos) {
            lines.push_back({number, line});
        }
    }
    return lines;
}

namespace {

/// A key given twice, found by the counting parse: the naming one runs to say which.
struct RepeatedKey {};

// Parses `line`, refusing a key given twice in one object (the parser would keep the last value
// silently). Counting the keys of each object costs nothing per key; naming the repeated one
// needs them all, so only the second parse of a line refused keeps them.
nlohmann::json parse_refusing_repeats(std::string_view line, bool name_the_key) {
    using Event = nlohmann::json::parse_event_t;
    std::vector<std::size_t> counts;            // of the objects being read, innermost last
    std::vector<std::vector<std::string>> keys; // the same, when naming
    auto check = [&](int depth, Event event, nlohmann::json& parsed) {
        if (depth > max_json_depth) {
            throw BadValue(fmt::format("JSON nested deeper than {} levels", max_json_depth));
        }
        if (event == Event::object_start) {
            counts.push_back(0);
            if (name_the_key) {
                keys.emplace_back();
            }
        } else if (event == Event::key) {
            ++counts.back();
            if (name_the_key) {
                keys.back().push_back(parsed.get<std::string>());
            }
        } else if (event == Event::object_end) {
            if (counts.back() != parsed.size()) {
                if (!name_the_key) {
                    throw RepeatedKey{};
                }
                throw BadValue(fmt::format("the key {:?} is given twice in one JSON object",
                                           repeated(keys.back())));
            }
            counts.pop_back();
            if (name_the_key) {
                keys.pop_back();
            }
        }
        return true;
    };
    try {
        return nlohmann::json::parse(line.begin(), line.end(), check);
    } catch (const nlohmann::json::parse_error& error) {
        throw BadValue(fmt::format("not valid JSON (at byte {})", error.byte));
    } catch (const nlohmann::json::exception&) {
        throw BadValue("not valid JSON (a number out of range)");
    }
}

} // namespace

nlohmann::json parse_json_line(std::string_view line) {
    try {
        return parse_refusing_repeats(line, false);
    } catch (const RepeatedKey&) {
        return parse_refusing_repeats(line, true);
    }
}

Event event_from_line(std::string_view line) {
    nlohmann::json object = parse_json_line(line);
    if (!object.is_object()) {
        throw BadValue("an event must be a JSON object");
    }
    return event_from_json(object);
}

} // namespace kept
