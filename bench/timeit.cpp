// kept_timeit: runs commands in turn, interleaved, and prints their wall times and peak RSS as
// JSON. Interleaving (A B, B A, A B, ...) matters on a shared machine: a slow minute then costs
// every command alike, so the ratio between them stays honest where absolute times drift.
//
//   kept_timeit [--runs N] [--warmup W] [--prepare SHELL] -- CMD ARGS... [::: CMD ARGS...]...
//
// Each command runs without a shell, stdout and stderr to /dev/null, in the current directory
// and environment. --prepare runs (untimed, through /bin/sh) before every run of every command.
// Peak RSS is ru_maxrss from wait4, the figure `/usr/bin/time -v` reports. Exits 1 when any run
// of a command exits non-zero (its code is in the JSON).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

struct Measured {
    std::vector<char*> argv;
    std::vector<double> seconds;
    std::vector<double> cpu_seconds; ///< user + system
    long max_rss_kib = 0;
    int failed_code = 0;
};

double now() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double seconds_of(const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
}

/// Runs argv to completion; returns its exit status and stores its peak RSS (KiB) and CPU time.
int run(char* const* argv, long& max_rss_kib, double& cpu_seconds) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    int rc = posix_spawnp(&child, argv[0], &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        std::fprintf(stderr, "kept_timeit: cannot run %s: %s\n", argv[0], std::strerror(rc));
        std::exit(70);
    }
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    max_rss_kib = std::max(max_rss_kib, usage.ru_maxrss);
    cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void prepare(const char* shell) {
    if (shell != nullptr && std::system(shell) != 0) {
        std::fprintf(stderr, "kept_timeit: --prepare failed: %s\n", shell);
        std::exit(70);
    }
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void print_json(const std::vector<Measured>& commands) {
    std::printf("[");
    for (std::size_t c = 0; c < commands.size(); ++c) {
        const Measured& m = commands[c];
        double mean = 0;
        for (double s : m.seconds) {
            mean += s / static_cast<double>(m.seconds.size());
        }
        std::printf("%s\n {\"median\": %.6f, \"mean\": %.6f, \"min\": %.6f, \"max\": %.6f, "
                    "\"cpu_median\": %.6f, \"runs\": %zu, \"max_rss_kib\": %ld, \"exit_code\": %d, "
                    "\"times\": [",
                    c == 0 ? "" : ",", median(m.seconds), mean,
                    *std::min_element(m.seconds.begin(), m.seconds.end()),
                    *std::max_element(m.seconds.begin(), m.seconds.end()), median(m.cpu_seconds),
                    m.seconds.size(), m.max_rss_kib, m.failed_code);
        for (std::size_t i = 0; i < m.seconds.size(); ++i) {
            std::printf("%s%.6f", i == 0 ? "" : ", ", m.seconds[i]);
        }
        std::printf("]}");
    }
    std::printf("\n]\n");
}

[[noreturn]] void usage() {
    std::fprintf(stderr, "usage: kept_timeit [--runs N] [--warmup W] [--prepare SHELL] -- CMD "
                         "ARGS... [::: CMD ARGS...]...\n");
    std::exit(64);
}

} // namespace

int main(int argc, char** argv) {
    int runs = 10;
    int warmup = 0;
    const char* prepare_shell = nullptr;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc) {
            usage();
        }
        if (std::strcmp(argv[i], "--runs") == 0) {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--warmup") == 0) {
            warmup = std::max(0, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--prepare") == 0) {
            prepare_shell = argv[i + 1];
        } else {
            usage();
        }
    }
    std::vector<Measured> commands(1);
    for (++i; i < argc; ++i) {
        if (std::strcmp(argv[i], ":::") == 0) {
            commands.emplace_back();
        } else {
            commands.back().argv.push_back(argv[i]);
        }
    }
    for (auto& c : commands) {
        if (c.argv.empty()) {
            usage();
        }
        c.argv.push_back(nullptr);
    }
    for (int round = 0; round < warmup + runs; ++round) {
        for (std::size_t k = 0; k < commands.size(); ++k) {
            // Alternate the order each round so neither command always follows the other.
            Measured& m = commands[round % 2 == 0 ? k : commands.size() - 1 - k];
            prepare(prepare_shell);
            long rss = 0;
            double cpu = 0;
            double started = now();
            int code = run(m.argv.data(), rss, cpu);
            double elapsed = now() - started;
            if (code != 0 && m.failed_code == 0) {
                m.failed_code = code;
            }
            if (round >= warmup) {
                m.seconds.push_back(elapsed);
                m.cpu_seconds.push_back(cpu);
                m.max_rss_kib = std::max(m.max_rss_kib, rss);
            }
        }
    }
    print_json(commands);
    bool failed = std::any_of(commands.begin(), commands.end(),
                              [](const Measured& m) { return m.failed_code != 0; });
    return failed ? 1 : 0;
}
