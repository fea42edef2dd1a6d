// Fuzzes the effort parsers: parse_effort (90m, 6h, 1.5d, 1w, bare hours) and parse_effort_change
// (E, +E, -E) applied to an effort. The first byte picks hours per day, the second the working
// days per week; the rest is the text.

#include "fuzz.hpp"
#include "kept/effort.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kept;
    if (size < 2) {
        return 0;
    }
    EffortUnits units{1.0 + (data[0] % 96) / 4.0, 1 + data[1] % 7};
    std::string_view input = fuzz::text(data + 2, size - 2);

    fuzz::refusing_allowed([&] {
        Minutes minutes = parse_effort(input, units, "--effort");
        fuzz::expect(minutes >= 1);
        fuzz::expect(!format_hours(minutes).empty());
    });
    fuzz::refusing_allowed([&] {
        EffortChange change = parse_effort_change(input, units, "--effort");
        Minutes after = change.apply(480, "--effort");
        fuzz::expect(after >= 1);
    });
    return 0;
}
