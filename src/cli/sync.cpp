#include "cli/sync.hpp"

#include "cli/command.hpp"
#include "cli/git_process.hpp"
#include "kept/error.hpp"
#include "kept/event_lines.hpp"

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace kept::cli {

namespace fs = std::filesystem;

fs::path sync_directory(const fs::path& ledger) {
    return fs::path(ledger.string() + ".sync");
}

namespace {

constexpr int push_attempts = 5;

class Git {
  public:
    Git(fs::path dir, const std::string& actor) : dir_(std::move(dir)), actor_(actor) {}

    ProcessResult run(std::vector<std::string> args) const {
        // Commits and rebases need an identity; the replica's actor is the honest one.
        std::vector<std::string> argv = {"git",
                                         "-C",
                                         dir_.string(),
                                         "-c",
                                         "commit.gpgsign=false",
                                         "-c",
                                         "user.name=" + actor_,
                                         "-c",
                                         "user.email=" + actor_ + "@kept.invalid"};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_program(argv);
    }

    /// Runs git and throws StorageError (exit 74) with git's first line when it fails.
    std::string must(std::vector<std::string> args, std::string_view what) const {
        auto result = run(std::move(args));
        if (result.exit_code != 0) {
            throw StorageError(fmt::format("sync: {} failed: {}", what, first_line(result.output)));
        }
        return result.output;
    }

    bool has(const std::string& ref) const {
        return run({"rev-parse", "-q", "--verify", ref}).exit_code == 0;
    }

    static std::string first_line(const std::string& text) {
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.find_first_not_of(" \t") != std::string::npos) {
                return line;
            }
        }
        return "no message";
    }

  private:
    fs::path dir_;
    std::string actor_;
};

/// Holds an exclusive lock on LEDGER.sync.lock, so two syncs of one replica take turns.
class SyncLock {
  public:
    explicit SyncLock(const fs::path& path) {
        fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
        if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) {
            throw StorageError(fmt::format("sync: cannot lock {}", path.string()));
        }
    }
    ~SyncLock() { ::close(fd_); }
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

  private:
    int fd_ = -1;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<Event> replica_events(const fs::path& file) {
    try {
        return parse_event_lines(read_text(file));
    } catch (const BadValue& error) {
        throw BadValue(fmt::format("{}: {}", file.string(), error.what()));
    }
}

/// Brings the working copy up to the remote's branch, keeping our unpushed commits on top (they
/// touch only our own file, so they never conflict).
void integrate(const Git& git) {
    if (!git.has("refs/remotes/origin/main")) {
        return;
    }
    if (!git.has("HEAD")) {
        git.must({"reset", "-q", "--hard", "origin/main"}, "git reset");
        return;
    }
    auto rebased = git.run({"rebase", "-q", "origin/main"});
    if (rebased.exit_code != 0) {
        git.run({"rebase", "--abort"});
        throw StorageError(
            fmt::format("sync: git rebase failed: {}", Git::first_line(rebased.output)));
    }
}

/// Appends to our replica file the events of ours it does not hold yet; returns how many.
std::int64_t append_ours(Ledger& ledger, const fs::path& file) {
    EventQuery query;
    query.origin = ledger.uuid();
    if (fs::exists(file)) {
        auto held = replica_events(file);
        if (!held.empty()) {
            auto seq = ledger.seq_of(held.back().uuid);
            if (!seq) {
                throw StorageError(
                    fmt::format("sync: {} holds events this ledger lacks", file.string()));
            }
            query.after_seq = *seq;
        }
    }
    std::string lines;
    std::int64_t count = 0;
    ledger.for_each_event(query, [&](const Event& e) {
        lines += event_line(e) + '\n';
        ++count;
    });
    if (count > 0) {
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out << lines;
        out.flush();
        if (!out) {
            throw StorageError(fmt::format("sync: cannot write {}", file.string()));
        }
    }
    return count;
}

/// Remembers the remote in the config file as [sync] remote, when the file has no [sync] table
/// yet (an existing one is the user's to edit). Returns whether it did.
bool remember_remote(const fs::path& config_file, const std::string& remote) {
    if (config_file.empty()) {
        return false;
    }
    std::string text = read_text(config_file);
    if (text.find("\n[sync]") != std::string::npos || text.rfind("[sync]", 0) == 0) {
        return false;
    }
    std::ofstream out(config_file, std::ios::binary | std::ios::app);
    out << (text.empty() || text.back() == '\n' ? "" : "\n")
        << "\n[sync]\nremote = " << nlohmann::json(remote).dump() << "\n";
    return static_cast<bool>(out.flush());
}

struct SyncOptions {
    std::string remote;
};

int run_sync(Context& context, const SyncOptions& o) {
    Ledger ledger = context.open_ledger(OpenMode::write);
    fs::path dir = sync_directory(ledger.path());
    SyncLock lock(fs::path(ledger.path().string() + ".sync.lock"));
    std::string actor = context.actor();
    Git git(dir, actor);

    std::string remote = !o.remote.empty() ? o.remote : context.config().sync_remote.value_or("");
    if (!fs::exists(dir / ".git")) {
        if (remote.empty()) {
            throw UsageError(
                "sync: no remote: give --remote URL or set [sync] remote in kept.toml");
        }
        fs::create_directories(dir);
        git.must({"init", "-q", "-b", "main"}, "git init");
        git.must({"remote", "add", "origin", remote}, "git remote add");
    } else if (!remote.empty()) {
        git.must({"remote", "set-url", "origin", remote}, "git remote set-url");
    }

    fs::path ours = dir / "events" / (ledger.uuid() + ".ndjson");
    ImportCounts imported;
    std::int64_t appended = 0;
    for (int attempt = 1;; ++attempt) {
        git.must({"fetch", "-q", "origin"}, "git fetch");
        integrate(git);

        std::vector<Event> incoming;
        if (fs::exists(dir / "events")) {
            for (const auto& entry : fs::directory_iterator(dir / "events")) {
                if (entry.path().extension() == ".ndjson") {
                    auto events = replica_events(entry.path());
                    incoming.insert(incoming.end(), events.begin(), events.end());
                }
            }
        }
        auto counts = ledger.import_events(std::move(incoming));
        imported.added += counts.added;

        std::int64_t fresh = append_ours(ledger, ours);
        if (fresh > 0) {
            git.must({"add", "--", ours.lexically_relative(dir).string()}, "git add");
            git.must({"commit", "-q", "-m",
                      fmt::format("kept: {} event(s) from {} ({})", fresh, actor,
                                  ledger.uuid().substr(0, 8))},
                     "git commit");
            appended += fresh;
        }
        if (!git.has("HEAD") || (git.has("refs/remotes/origin/main") &&
                                 git.must({"rev-parse", "HEAD"}, "git rev-parse") ==
                                     git.must({"rev-parse", "origin/main"}, "git rev-parse"))) {
            break;
        }
        auto pushed = git.run({"push", "-q", "origin", "HEAD:main"});
        if (pushed.exit_code == 0) {
            break;
        }
        bool behind = pushed.output.find("non-fast-forward") != std::string::npos ||
                      pushed.output.find("fetch first") != std::string::npos;
        if (!behind || attempt == push_attempts) {
            throw StorageError(fmt::format("sync: git push failed: {} (your events are committed "
                                           "in {}; the next sync pushes them)",
                                           Git::first_line(pushed.output), dir.string()));
        }
    }
    bool remembered = !o.remote.empty() && !context.config().sync_remote &&
                      remember_remote(context.config_path(), o.remote);
    context.out() << fmt::format(
        "synced: {} new event(s) imported, {} pushed{}\n", imported.added, appended,
        remembered ? fmt::format(" (remote saved in {})", context.config_path().string()) : "");
    return 0;
}

} // namespace

Run attach_sync(CLI::App& sub) {
    auto o = std::make_shared<SyncOptions>();
    sub.add_option("--remote", o->remote, "The git remote (default: [sync] remote in kept.toml)")
        ->type_name("URL");
    return [o](Context& context) { return run_sync(context, *o); };
}

} // namespace kept::cli
