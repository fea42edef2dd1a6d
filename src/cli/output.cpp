#include "cli/output.hpp"

#include <ostream>

namespace kept::cli {

void print_records(Context& context, Format format,
                   const std::vector<nlohmann::ordered_json>& records,
                   const std::vector<std::string>& fields, const TextTable& table) {
    auto& out = context.out();
    switch (format) {
    case Format::table:
        out << render_table(table, context.color());
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

} // namespace kept::cli
