#include "app/git_process.hpp"

#include "kept/error.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kept::app {

namespace {

bool is_named(std::string_view entry, const std::vector<std::string>& names) {
    std::string_view name = entry.substr(0, entry.find('='));
    for (const auto& pattern : names) {
        bool prefix = !pattern.empty() && pattern.back() == '*';
        std::string_view wanted(pattern.data(), pattern.size() - (prefix ? 1 : 0));
        if (prefix ? name.substr(0, wanted.size()) == wanted : name == wanted) {
            return true;
        }
    }
    return false;
}

/// The inherited environment without the variables `limits` unsets or sets, then those it sets.
std::vector<std::string> child_environment(const ProcessLimits& limits) {
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (!is_named(*entry, limits.unset) && !is_named(*entry, limits.set)) {
            entries.emplace_back(*entry);
        }
    }
    entries.insert(entries.end(), limits.set.begin(), limits.set.end());
    return entries;
}

std::vector<char*> pointers(const std::vector<std::string>& texts) {
    std::vector<char*> out;
    for (const auto& text : texts) {
        out.push_back(const_cast<char*>(text.c_str()));
    }
    out.push_back(nullptr);
    return out;
}

/// Reads the program's output until it closes it or the deadline passes; returns false then.
bool read_until(int fd, std::string& output,
                std::optional<std::chrono::steady_clock::time_point> deadline) {
    char buffer[4096];
    for (;;) {
        int wait_ms = -1;
        if (deadline) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                *deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return false;
            }
            wait_ms = static_cast<int>(left.count());
        }
        pollfd ready{fd, POLLIN, 0};
        int polled = ::poll(&ready, 1, wait_ms);
        if (polled < 0 && errno == EINTR) {
            continue;
        }
        if (polled == 0) {
            return false;
        }
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            return true;
        }
    }
}

} // namespace

ProcessResult run_program(const std::vector<std::string>& argv, const ProcessLimits& limits) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        throw Error(ExitCode::io, "cannot create a pipe to run " + argv.front());
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);

    auto args = pointers(argv);
    auto environment = child_environment(limits);
    auto envp = pointers(environment);

    pid_t pid = 0;
    int spawned = ::posix_spawnp(&pid, args.front(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        if (spawned == ENOENT) {
            throw NotFound(fmt::format("{} is not installed (kept sync needs it: apt-get install "
                                       "{})",
                                       argv.front(), argv.front()));
        }
        throw Error(ExitCode::io, fmt::format("cannot run {}: {}", argv.front(),
                                              std::generic_category().message(spawned)));
    }

    ProcessResult result;
    std::optional<std::chrono::steady_clock::time_point> deadline;
    if (limits.timeout_ms > 0) {
        deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms);
    }
    if (!read_until(pipe_fds[0], result.output, deadline)) {
        // Its children (ssh, a remote helper) lose their parent and their pipe; they end too.
        ::kill(pid, SIGKILL);
        result.timed_out = true;
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

} // namespace kept::app
