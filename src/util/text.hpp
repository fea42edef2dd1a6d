#pragma once

// Text helpers that know nothing of kept: case, whole-number parsing, comma lists, hex.

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace kept::util {

/// `c` lowered when it is ASCII A-Z; every other byte (UTF-8 included) as it was.
constexpr char lowercase(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
/// `text` with ASCII A-Z lowered; every other byte (UTF-8 included) as it was.
std::string lowercase(std::string_view text);

/// The whole number `text` spells in base 10 (an optional leading '-' for signed types, no
/// '+', no spaces), or nullopt when it is empty, has anything else, or does not fit in T.
template <typename T> std::optional<T> parse_integer(std::string_view text) {
    T value{};
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || stop != end) {
        return std::nullopt;
    }
    return value;
}

/// Whether `item` is one of the entries of the comma list `list` ("table,json").
bool in_comma_list(std::string_view list, std::string_view item);

/// `size` bytes as lowercase hex, two digits a byte.
std::string to_hex(const unsigned char* bytes, std::size_t size);
/// The bytes of lowercase hex `hex`, two digits a byte, written to `out` (hex.size() / 2 of
/// them); false, with `out` partly written, when `hex` has an odd length or another character.
bool from_hex(std::string_view hex, unsigned char* out);

} // namespace kept::util
