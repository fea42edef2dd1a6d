#include "app/sync_copy.hpp"

#include "kept/error.hpp"
#include "kept/replica.hpp"

#include <fmt/format.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

/// What others could have done to the copy: nothing, read it, or written to it.
enum class Exposure { none, readable, writable };

/// Looks at the modes and owners of the copy and everything in it (symbolic links are not
/// followed): another owner, or a group or other write bit, makes it writable by others.
Exposure exposure_of(const fs::path& dir) {
    Exposure worst = Exposure::none;
    auto look = [&](const fs::path& path) {
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0) {
            return;
        }
        if (info.st_uid != ::geteuid() || (!S_ISLNK(info.st_mode) && (info.st_mode & 022) != 0)) {
            worst = Exposure::writable;
        } else if (!S_ISLNK(info.st_mode) && (info.st_mode & 077) != 0) {
            worst = std::max(worst, Exposure::readable);
        }
    };
    look(dir);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        look(it->path());
        if (worst == Exposure::writable) {
            break;
        }
    }
    return worst;
}

/// Takes every group and other permission bit off the copy's directories and files.
void make_private(const fs::path& dir) {
    auto strip = [](const fs::path& path) {
        struct stat info {};
        if (::lstat(path.c_str(), &info) == 0 && !S_ISLNK(info.st_mode)) {
            ::chmod(path.c_str(), info.st_mode & 0700);
        }
    };
    strip(dir);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        strip(it->path());
    }
}

/// The origin URL a copy's git config names, read as text (the copy may be broken).
std::string configured_remote(const fs::path& dir, int timeout_ms) {
    ProcessLimits limits;
    limits.set = {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null"};
    limits.timeout_ms = timeout_ms;
    auto result = run_program({"git", "config", "--file", (dir / ".git" / "config").string(),
                               "--get", "remote.origin.url"},
                              limits);
    std::string url = result.exit_code == 0 ? result.output : "";
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) {
        url.pop_back();
    }
    return url;
}

// Git maps pack files whole by default (1 GiB windows): a checkout of a million events held the
// 215 MiB pack in memory. In windows of 16 MiB, at most 64 MiB mapped: 71 MiB at the peak.
constexpr const char* mapped_pack_window = "core.packedGitWindowSize=16m";
constexpr const char* mapped_pack_limit = "core.packedGitLimit=64m";

} // namespace

WorkingCopy::WorkingCopy(fs::path dir, std::string actor, int timeout_ms)
    : dir_(std::move(dir)), actor_(std::move(actor)), timeout_ms_(timeout_ms) {}

ProcessResult WorkingCopy::run(std::vector<std::string> args, Reach reach) const {
    // An explicit --git-dir: git never climbs to a repository around the copy, even one whose
    // .git is missing or broken. Hooks, the fsmonitor and signing are off, whatever the copy's
    // config says, and only the transports a team uses are allowed.
    std::vector<std::string> argv = {"git",
                                     "-C",
                                     dir_.string(),
                                     "--git-dir=.git",
                                     "--work-tree=.",
                                     "-c",
                                     "core.hooksPath=/dev/null",
                                     "-c",
                                     "core.fsmonitor=false",
                                     "-c",
                                     "commit.gpgsign=false",
                                     "-c",
                                     "gc.autoDetach=false",
                                     "-c",
                                     "protocol.allow=never",
                                     "-c",
                                     mapped_pack_window,
                                     "-c",
                                     mapped_pack_limit};
    for (const char* transport : {"file", "ssh", "https", "git"}) {
        argv.insert(argv.end(), {"-c", fmt::format("protocol.{}.allow=always", transport)});
    }
    argv.insert(argv.end(),
                {"-c", "user.name=" + actor_, "-c", "user.email=" + actor_ + "@kept.invalid"});
    argv.insert(argv.end(), args.begin(), args.end());

    ProcessLimits limits;
    // Messages in English, to be recognised; no prompt for a password nobody can type.
    limits.set = {"LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1"};
    if (reach == Reach::local || local_remote_) {
        // The user's ~/.gitconfig holds what fetch and push over the network need (credentials,
        // ssh); nothing else needs it, and what it can hold (hooks, fsmonitor, filters) runs
        // code, also in the git that serves a remote on this machine.
        limits.set.emplace_back("GIT_CONFIG_GLOBAL=/dev/null");
    }
    limits.unset = {"GIT_DIR",
                    "GIT_WORK_TREE",
                    "GIT_INDEX_FILE",
                    "GIT_OBJECT_DIRECTORY",
                    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                    "GIT_COMMON_DIR",
                    "GIT_NAMESPACE",
                    "GIT_CONFIG",
                    "GIT_CONFIG_PARAMETERS",
                    "GIT_CONFIG_COUNT",
                    "GIT_CONFIG_KEY_*",
                    "GIT_CONFIG_VALUE_*",
                    "GIT_ALLOW_PROTOCOL",
                    "GIT_PROTOCOL_FROM_USER",
                    "GIT_EXEC_PATH"};
    limits.timeout_ms = timeout_ms_;
    return run_program(argv, limits);
}

std::string WorkingCopy::must(std::vector<std::string> args, std::string_view what,
                              Reach reach) const {
    auto result = run(std::move(args), reach);
    if (result.timed_out) {
        throw StorageError(fmt::format("sync: {} timed out after {} s (KEPT_SYNC_TIMEOUT)", what,
                                       timeout_ms_ / 1000));
    }
    if (result.exit_code != 0) {
        throw StorageError(fmt::format("sync: {} failed: {}", what, first_line(result.output)));
    }
    return result.output;
}

bool WorkingCopy::has(const std::string& ref) const {
    return run({"rev-parse", "-q", "--verify", ref + "^{commit}"}).exit_code == 0;
}

std::string WorkingCopy::first_line(const std::string& output) {
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t") != std::string::npos) {
            return line;
        }
    }
    return "no message";
}

void WorkingCopy::create(const std::string& remote) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    if (fs::exists(dir_)) {
        throw Error(ExitCode::permission,
                    fmt::format("sync: cannot remove the working copy {} to set it up again",
                                dir_.string()));
    }
    fs::create_directories(dir_);
    must({"init", "-q", "-b", "main"}, "git init");
    must({"remote", "add", "origin", remote}, "git remote add");
}

void WorkingCopy::remove_stale_state() {
    // The sync lock is held: no other kept uses the copy, so any git lock is a killed git's.
    fs::path git_dir = dir_ / ".git";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(git_dir, ec)) {
        if (entry.path().extension() == ".lock") {
            fs::remove(entry.path(), ec);
        }
    }
    for (fs::recursive_directory_iterator it(git_dir / "refs", ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().extension() == ".lock") {
            fs::remove(it->path(), ec);
        }
    }
    // Left by a sync that rebased (before syncs reset to the remote) or by a person.
    for (const char* name : {"rebase-merge", "rebase-apply", "sequencer", "MERGE_HEAD",
                             "CHERRY_PICK_HEAD", "REVERT_HEAD", "AUTO_MERGE"}) {
        fs::remove_all(git_dir / name, ec);
    }
}

void WorkingCopy::prepare(const std::string& remote) {
    std::string url = remote;
    if (fs::exists(dir_ / ".git")) {
        if (url.empty()) {
            url = configured_remote(dir_, timeout_ms_);
        }
        Exposure exposed = exposure_of(dir_);
        if (exposed == Exposure::readable) {
            make_private(dir_);
        }
        bool sound = exposed != Exposure::writable &&
                     run({"rev-parse", "--git-dir"}).exit_code == 0 &&
                     !configured_remote(dir_, timeout_ms_).empty();
        if (!url.empty()) {
            check_remote_url(url);
            local_remote_ = is_local_remote(url);
        }
        if (sound) {
            remove_stale_state();
            if (!remote.empty()) {
                must({"remote", "set-url", "origin", remote}, "git remote set-url");
            }
            return;
        }
    }
    if (url.empty()) {
        throw UsageError("sync: no remote: give --remote URL or set [sync] remote in kept.toml");
    }
    check_remote_url(url);
    local_remote_ = is_local_remote(url);
    // Missing, broken, or open to others' writes (its config or hooks may have been planted):
    // the copy is a cache, set up again from the remote.
    create(url);
}

void WorkingCopy::fetch() {
    std::vector<std::string> args = {"fetch", "-q", "--prune", "--no-tags", "origin"};
    if (local_remote_) {
        // The git serving a remote on this machine reads the remote's config, not ours (git
        // clears it for local transports): without the same bounds it mapped the remote's
        // whole pack, 225 MiB at a million events.
        args.push_back(fmt::format("--upload-pack=git -c {} -c {} upload-pack", mapped_pack_window,
                                   mapped_pack_limit));
    }
    must(std::move(args), "git fetch", Reach::network);
}

void WorkingCopy::reset_to_remote() {
    if (has("refs/remotes/origin/main")) {
        auto checked_out = run({"checkout", "-q", "-f", "-B", "main", "refs/remotes/origin/main"});
        if (checked_out.exit_code != 0) {
            // A damaged index: git writes it again from the commit.
            std::error_code ignored;
            fs::remove(dir_ / ".git" / "index", ignored);
            must({"checkout", "-q", "-f", "-B", "main", "refs/remotes/origin/main"},
                 "git checkout");
        }
    } else {
        must({"symbolic-ref", "HEAD", "refs/heads/main"}, "git symbolic-ref");
        run({"update-ref", "-d", "refs/heads/main"});
        must({"read-tree", "--empty"}, "git read-tree");
    }
    must({"clean", "-q", "-f", "-d", "-x"}, "git clean");
}

void WorkingCopy::commit(const fs::path& path, const std::string& message) {
    must({"add", "-A", "--", path.lexically_relative(dir_).string()}, "git add");
    must({"commit", "-q", "--no-verify", "-m", message}, "git commit");
}

bool WorkingCopy::ahead() {
    if (!has("HEAD")) {
        return false;
    }
    if (!has("refs/remotes/origin/main")) {
        return true;
    }
    return must({"rev-parse", "HEAD"}, "git rev-parse") !=
           must({"rev-parse", "refs/remotes/origin/main"}, "git rev-parse");
}

ProcessResult WorkingCopy::push(bool whole_files) {
    std::vector<std::string> args = {"push", "-q", "--no-verify", "origin", "HEAD:refs/heads/main"};
    if (whole_files) {
        args.insert(args.begin(), {"-c", "pack.window=0"});
    }
    auto result = run(std::move(args), Reach::network);
    if (result.timed_out) {
        throw StorageError(fmt::format("sync: git push timed out after {} s (KEPT_SYNC_TIMEOUT)",
                                       timeout_ms_ / 1000));
    }
    return result;
}

} // namespace kept::app
