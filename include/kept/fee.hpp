#pragma once

// A commitment's fee: what the client pays for it, in the currency of [team] currency. Kept in
// hundredths, exactly: a fee is negotiated, and a float would change it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kept {

/// A fee in hundredths of the currency unit (cents).
using Cents = std::int64_t;

/// The largest fee: a trillion units.
constexpr Cents max_fee = 100'000'000'000'000;

/// Parses a decimal with at most two decimals and no sign or separators: 1200, 1200.5, 0.99.
/// Throws BadValue naming `field`: `--fee: "12,00" is not an amount (use 1200 or 1200.50)`,
/// `--fee: "2e12" ...`, `--fee: "9999999999999" is too large (at most 1000000000000)`.
Cents parse_fee(std::string_view text, std::string_view field);

/// For people: "1,200", "1,200.50" (hundredths only when the fee is not whole).
std::string format_fee(Cents fee);

/// For machines (event payloads, JSON): "1200.00", exact.
std::string fee_decimal(Cents fee);

/// Reads fee_decimal's form (or any form parse_fee takes) back; nullopt for anything else.
std::optional<Cents> fee_from_decimal(std::string_view text);

} // namespace kept
