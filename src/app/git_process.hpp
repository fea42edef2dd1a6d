#pragma once

// Running another program (only git, for sync) with an argument vector: never through a shell.

#include <string>
#include <vector>

namespace kept::app {

struct ProcessResult {
    int exit_code = 0;      ///< the program's exit status; 128+N when killed by signal N
    std::string output;     ///< its stdout and stderr, interleaved
    bool timed_out = false; ///< it ran past the time limit and was killed
};

/// How a program is run: what its environment changes, and how long it may take.
struct ProcessLimits {
    /// Variables set ("NAME=value") in the program's environment, replacing inherited ones.
    std::vector<std::string> set;
    /// Names of inherited variables it does not see; a name ending in '*' is a prefix.
    std::vector<std::string> unset;
    int timeout_ms = 0; ///< killed (SIGKILL) after this long; 0: no limit
};

/// Runs argv[0] (looked up in PATH) with `argv` and waits for it, at most `limits.timeout_ms`.
/// Throws NotFound when the program is not installed.
ProcessResult run_program(const std::vector<std::string>& argv, const ProcessLimits& limits = {});

} // namespace kept::app
