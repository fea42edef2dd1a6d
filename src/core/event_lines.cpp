#include "kept/event_lines.hpp"

#include "kept/error.hpp"
#include "kept/import.hpp"

#include <fmt/format.h>

namespace kept {

std::string event_line(const Event& event) {
    return to_json(event).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
}

std::vector<Event> parse_event_lines(std::string_view text) {
    std::vector<Event> events;
    for (const auto& line : non_blank_lines(text)) {
        try {
            events.push_back(event_from_line(line.text));
        } catch (const BadValue& error) {
            throw BadValue(fmt::format("line {}: {}", line.line, error.what()));
        }
    }
    return events;
}

} // namespace kept
