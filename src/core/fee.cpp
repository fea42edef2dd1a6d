#include "kept/fee.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept {

std::optional<Cents> fee_from_decimal(std::string_view text) {
    auto point = text.find('.');
    std::string_view whole = text.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    auto digits = [](std::string_view s) {
        return s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (whole.empty() || !digits(whole) || !digits(fraction) || fraction.size() > 2 ||
        (point != std::string_view::npos && fraction.empty())) {
        return std::nullopt;
    }
    whole.remove_prefix(std::min(whole.find_first_not_of('0'), whole.size() - 1));
    if (whole.size() > 13) {
        return max_fee + 1; // too large, whatever follows
    }
    Cents cents = 0;
    for (char c : whole) {
        cents = cents * 10 + (c - '0');
    }
    cents *= 100;
    if (!fraction.empty()) {
        cents += (fraction[0] - '0') * 10 + (fraction.size() == 2 ? fraction[1] - '0' : 0);
    }
    return cents;
}

Cents parse_fee(std::string_view text, std::string_view field) {
    auto cents = fee_from_decimal(text);
    if (!cents) {
        throw BadValue(
            fmt::format("{}: \"{}\" is not an amount (use 1200 or 1200.50)", field, text));
    }
    if (*cents > max_fee) {
        throw BadValue(fmt::format("{}: \"{}\" is too large (at most {})", field, text,
                                   max_fee / 100));
    }
    return *cents;
}

std::string format_fee(Cents fee) {
    std::string whole = std::to_string(fee / 100);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[i];
    }
    return fee % 100 == 0 ? grouped : fmt::format("{}.{:02}", grouped, fee % 100);
}

std::string fee_decimal(Cents fee) {
    return fmt::format("{}.{:02}", fee / 100, fee % 100);
}

} // namespace kept
