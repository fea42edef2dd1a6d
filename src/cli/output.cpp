#include "cli/output.hpp"

#include <algorithm>
#include <ostream>

namespace kept::cli {

void print_records(Context& context, Format format,
                   const std::vector<nlohmann::ordered_json>& records,
                   const std::vector<std::string>& fields, const TextTable& table) {
    auto& out = context.out();
    switch (format) {
    case Format::table:
        out << render_table(table, context.look());
        break;
    case Format::json:
        out << render_json(records);
        break;
    case Format::ndjson:
        out << render_ndjson(records);
        break;
    case Format::csv:
        out << render_csv(records, fields);
        break;
    case Format::tsv:
        out << render_tsv(records, fields);
        break;
    }
}

void print_record_stream(Context& context, Format format, std::size_t count,
                         const std::function<nlohmann::ordered_json(std::size_t)>& record,
                         const std::vector<std::string>& fields) {
    auto& out = context.out();
    if (format == Format::json) {
        write_json(out, count, record);
        return;
    }
    constexpr std::size_t chunk = 1024;
    for (std::size_t first = 0; first < count || first == 0; first += chunk) {
        std::vector<nlohmann::ordered_json> records;
        for (std::size_t i = first; i < std::min(count, first + chunk); ++i) {
            records.push_back(record(i));
        }
        std::string text = format == Format::ndjson ? render_ndjson(records)
                           : format == Format::csv  ? render_csv(records, fields)
                                                    : render_tsv(records, fields);
        if (first > 0 && format != Format::ndjson) {
            text.erase(0, text.find('\n') + 1); // the header row, written with the first chunk
        }
        out << text;
        if (count == 0) {
            break;
        }
    }
}

} // namespace kept::cli
