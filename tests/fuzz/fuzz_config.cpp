// Fuzzes the team config loader: parse_config on arbitrary text (TOML syntax, then every key's
// type and range). A refusal must be a ConfigError naming line and column.

#include "fuzz.hpp"
#include "kept/config.hpp"

#include <cctype>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kept;
    std::string_view input = fuzz::text(data, size);
    try {
        Config config = parse_config(input);
        fuzz::expect(config.hours_per_day > 0 && config.hours_per_day <= 24);
        fuzz::expect(config.workweek.days_per_week() >= 1);
        fuzz::expect(!config.ledger || config.ledger->find('\0') == std::string::npos);
        (void)config.effort_units();
    } catch (const ConfigError& error) {
        // "LINE:COL: message"
        std::string_view message = error.what();
        fuzz::expect(!message.empty() && std::isdigit(static_cast<unsigned char>(message[0])));
        fuzz::expect(message.find(':') != std::string_view::npos);
    }
    return 0;
}
