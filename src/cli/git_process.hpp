#pragma once

// Running another program (only git, for sync) with an argument vector: never through a shell.

#include <string>
#include <vector>

namespace kept::cli {

struct ProcessResult {
    int exit_code = 0;  ///< the program's exit status; 128+N when killed by signal N
    std::string output; ///< its stdout and stderr, interleaved
};

/// Runs argv[0] (looked up in PATH) with `argv` and waits for it. Throws NotFound when the
/// program is not installed.
ProcessResult run_program(const std::vector<std::string>& argv);

} // namespace kept::cli
