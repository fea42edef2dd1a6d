#include "cli/pager.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace kept::cli {

namespace {

// The pager a signal handler waits for (git's wait_for_pager_signal): killed by ^C while less
// still holds the terminal, kept would leave the two fighting over it with the shell.
volatile pid_t running_pager = -1;

void wait_then_die(int signal) {
    ::close(STDOUT_FILENO);
    if (running_pager > 0) {
        ::waitpid(running_pager, nullptr, 0);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

std::string trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t\n");
    if (first == std::string_view::npos) {
        return "";
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\n") - first + 1));
}

/// The argument vector of `command`: its words, split at blanks. No shell (tests/e2e/
/// test_security.sh): "less -R" works, a pipeline does not.
std::vector<std::string> arguments(const std::string& command) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while ((at = command.find_first_not_of(" \t", at)) != std::string::npos) {
        std::size_t end = command.find_first_of(" \t", at);
        words.push_back(command.substr(at, end - at));
        at = end;
    }
    return words;
}

} // namespace

std::string pager_command() {
    for (const char* name : {"KEPT_PAGER", "PAGER"}) {
        // Set but empty is a choice (no pager), unlike unset: getenv, not util::env.
        if (const char* value = std::getenv(name)) {
            std::string command = trimmed(value);
            return command == "cat" ? "" : command;
        }
    }
    return "less -FRX";
}

Pager::Pager(const std::string& command) {
    std::vector<std::string> words = arguments(command);
    if (words.empty()) {
        return;
    }
    std::vector<char*> argv;
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    ::setenv("LESS", "FRX", 0);
    int data[2];
    int status[2];
    if (::pipe2(data, O_CLOEXEC) != 0) {
        return;
    }
    if (::pipe2(status, O_CLOEXEC) != 0) {
        ::close(data[0]);
        ::close(data[1]);
        return;
    }
    std::cout.flush();
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(data[0], STDIN_FILENO);
        ::execvp(argv[0], argv.data());
        int error = errno;
        (void)!::write(status[1], &error, sizeof error);
        ::_exit(127);
    }
    ::close(data[0]);
    ::close(status[1]);
    // The status pipe closes unread when exec succeeds; an errno on it means it failed.
    ssize_t got = 0;
    if (pid > 0) {
        int error = 0;
        do {
            got = ::read(status[0], &error, sizeof error);
        } while (got < 0 && errno == EINTR);
    }
    ::close(status[0]);
    if (pid < 0 || got > 0) {
        ::close(data[1]);
        if (pid > 0) {
            ::waitpid(pid, nullptr, 0);
        }
        return;
    }
    saved_stdout_ = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
    ::dup2(data[1], STDOUT_FILENO);
    ::close(data[1]);
    pid_ = pid;
    running_pager = pid;
    std::signal(SIGPIPE, SIG_IGN);
    for (int signal : {SIGINT, SIGQUIT, SIGTERM, SIGHUP}) {
        std::signal(signal, wait_then_die);
    }
}

Pager::~Pager() {
    finish();
}

void Pager::finish() {
    if (pid_ <= 0) {
        return;
    }
    std::cout.flush();
    std::fflush(stdout);
    // The pipe's one writer closes: the pager sees the end of its input.
    if (saved_stdout_ >= 0) {
        ::dup2(saved_stdout_, STDOUT_FILENO);
        ::close(saved_stdout_);
    } else {
        ::close(STDOUT_FILENO);
    }
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    for (int signal : {SIGINT, SIGQUIT, SIGTERM, SIGHUP}) {
        std::signal(signal, SIG_DFL);
    }
    running_pager = -1;
    pid_ = -1;
}

} // namespace kept::cli
