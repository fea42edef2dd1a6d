#include "util/text.hpp"

namespace kept::util {

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = lowercase(c);
    }
    return out;
}

bool in_comma_list(std::string_view list, std::string_view item) {
    while (true) {
        std::size_t comma = list.find(',');
        if (list.substr(0, comma) == item) {
            return true;
        }
        if (comma == std::string_view::npos) {
            return false;
        }
        list.remove_prefix(comma + 1);
    }
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 0xF]);
    }
    return out;
}

} // namespace kept::util
