#include "util/uuid.hpp"

#include "util/random.hpp"
#include "util/text.hpp"

#include <array>
#include <chrono>
#include <cstdint>

namespace kept::util {

namespace {

/// Random bytes drawn 64 UUIDs' worth at a time: an import makes two UUIDs a row, and a system
/// call for each cost more than the rest of the UUID.
bool take_random(unsigned char* out, std::size_t size) {
    static std::array<unsigned char, 16 * 64> pool{};
    static std::size_t used = pool.size();
    for (std::size_t i = 0; i < size; ++i) {
        if (used == pool.size()) {
            if (!fill_random(pool.data(), pool.size())) {
                return false;
            }
            used = 0;
        }
        out[i] = pool[used++];
    }
    return true;
}

} // namespace

std::optional<std::string> time_ordered_uuid() {
    static TimeOrderedUuids process;
    return process.next(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

std::optional<std::string> TimeOrderedUuids::next(long long unix_ms) {
    // RFC 9562, 6.2, method 1: a 12-bit counter after the milliseconds, started at a random
    // value below half its range in each new millisecond and stepped within one; when it runs
    // out (or the clock went back), the milliseconds step on instead.
    std::array<unsigned char, 16> bytes{};
    if (!take_random(bytes.data(), bytes.size())) {
        return std::nullopt;
    }
    auto ms = static_cast<std::uint64_t>(unix_ms < 0 ? 0 : unix_ms) & 0xFFFF'FFFF'FFFFULL;
    unsigned fresh = ((bytes[6] << 8U) | bytes[7]) & 0x7FFU;
    if (ms > last_ms_) {
        last_ms_ = ms;
        counter_ = fresh;
    } else if (++counter_ > 0xFFFU) {
        ++last_ms_;
        counter_ = fresh;
    }
    for (int i = 0; i < 6; ++i) {
        bytes[static_cast<std::size_t>(i)] =
            static_cast<unsigned char>(last_ms_ >> (8U * static_cast<unsigned>(5 - i)));
    }
    bytes[6] = static_cast<unsigned char>(0x70U | (counter_ >> 8U));
    bytes[7] = static_cast<unsigned char>(counter_ & 0xFFU);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3FU) | 0x80U);
    std::string h = to_hex(bytes.data(), bytes.size());
    std::string out;
    out.reserve(36);
    out.append(h, 0, 8).append(1, '-').append(h, 8, 4).append(1, '-').append(h, 12, 4);
    out.append(1, '-').append(h, 16, 4).append(1, '-').append(h, 20, 12);
    return out;
}

} // namespace kept::util
