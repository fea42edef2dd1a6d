#pragma once

// Shared by the libFuzzer targets (tests/fuzz/run.sh). A parser may refuse its input only with a
// kept::Error (the one-line message a user sees); any other exception escapes to libFuzzer, which
// reports it as a crash, and so does a failed expect().

#include "kept/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace kept::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Runs `body`, treating a kept::Error as a normal refusal of the input.
template <typename Body> void refusing_allowed(Body body) {
    try {
        body();
    } catch (const Error&) {
    }
}

/// A property every accepted input must have; aborts (a crash libFuzzer records) when it fails.
inline void expect(bool holds) {
    if (!holds) {
        std::abort();
    }
}

} // namespace kept::fuzz
