// Fuzzes the date parsers: parse_date (every user form: ISO, today, +3d, fri, eow, eom...),
// parse_iso_date, parse_timestamp and parse_weekday. The first two bytes pick "today", the third
// the working week; the rest is the text.

#include "fuzz.hpp"
#include "kept/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kept;
    if (size < 3) {
        return 0;
    }
    auto offset = static_cast<int>((data[0] << 8) | data[1]) - 32768;
    Date today = parse_iso_date("2026-11-23").value() + std::chrono::days(offset);
    WorkWeek week;
    if ((data[2] & 0x7F) != 0) {
        week.mask = static_cast<std::uint8_t>(data[2] & 0x7F);
    }
    std::string_view input = fuzz::text(data + 3, size - 3);

    fuzz::refusing_allowed([&] {
        Date day = parse_date(input, today, week, "--due");
        // Every accepted form names a real day that prints and parses back to itself.
        fuzz::expect(parse_iso_date(format_date(day)) == day);
    });
    if (auto day = parse_iso_date(input)) {
        fuzz::expect(format_date(*day) == input);
    }
    if (auto instant = parse_timestamp(input)) {
        fuzz::expect(format_timestamp(*instant) == input);
    }
    (void)parse_weekday(input);
    return 0;
}
