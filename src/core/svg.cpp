#include "kept/svg.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kept {

std::string svg_number(double value) {
    double rounded = std::round(value * 100.0) / 100.0;
    if (rounded == 0.0) {
        return "0"; // never "-0"
    }
    std::string text = fmt::format("{:.2f}", rounded);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

} // namespace kept
