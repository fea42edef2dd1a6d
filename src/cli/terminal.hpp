#pragma once

// What standard output is: a terminal or not, and how wide a line may be.

#include <cstddef>

namespace kept::cli {

struct Terminal {
    bool tty = false;      ///< stdout is a terminal
    std::size_t width = 0; ///< columns a table line may take; 0 means no limit
};

/// Standard output as it is now (before any pager takes it): the width is COLUMNS when that is
/// a whole number above 0, else the terminal's own width, else (not a terminal) no limit.
/// A COLUMNS that is not such a number is ignored, as shells set it for their own use.
Terminal detect_terminal();

} // namespace kept::cli
