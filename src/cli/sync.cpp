#include "cli/sync.hpp"

#include "cli/command.hpp"
#include "cli/sync_copy.hpp"
#include "kept/error.hpp"
#include "kept/event_lines.hpp"
#include "kept/replica.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kept::cli {

namespace fs = std::filesystem;

fs::path sync_directory(const fs::path& ledger) {
    return fs::path(ledger.string() + ".sync");
}

std::string read_replica_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

constexpr int push_attempts = 10;
constexpr int default_git_timeout_s = 120;

/// Holds an exclusive lock on LEDGER.sync.lock, so two syncs of one replica take turns: waits
/// for the other up to the busy timeout, then BusyError.
class SyncLock {
  public:
    SyncLock(const fs::path& path, int timeout_ms) {
        fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd_ < 0) {
            throw StorageError(fmt::format("sync: cannot open {}", path.string()));
        }
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR) {
                ::close(fd_);
                throw StorageError(fmt::format("sync: cannot lock {}", path.string()));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                ::close(fd_);
                throw BusyError(fmt::format("sync: another sync of this ledger is running (it "
                                            "holds {}); try again",
                                            path.string()));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~SyncLock() { ::close(fd_); }
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

  private:
    int fd_ = -1;
};

/// What one pass over the replica files found.
struct ReplicaScan {
    ImportCounts counts;
    std::optional<std::string> our_last_uuid; ///< the last good event of our own file, when any
    std::optional<ReplicaProblem> our_damage; ///< where our own file stops being our chain
    std::vector<std::string> problems;        ///< "FILE line N: reason", one per stopped file
};

/// Imports what every replica file holds that the ledger lacks. A file is read up to its first
/// bad line, and an event the ledger refuses stops its origin's later events: the rest syncs.
ReplicaScan import_replicas(Ledger& ledger, const fs::path& events_dir) {
    ReplicaScan scan;
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(events_dir, ec)) {
        if (entry.path().extension() == ".ndjson") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Event> incoming;
    std::map<std::string, std::pair<fs::path, std::int64_t>> where; // uuid -> file, line
    for (const auto& file : files) {
        std::string origin = file.stem().string();
        ReplicaChain chain = read_replica_chain(read_replica_text(file), origin);
        if (origin == ledger.uuid()) {
            if (!chain.events.empty()) {
                scan.our_last_uuid = chain.events.back().uuid;
            }
            scan.our_damage = chain.problem;
            continue;
        }
        if (chain.problem) {
            scan.problems.push_back(fmt::format("{} line {}: {}", file.string(),
                                                chain.problem->line, chain.problem->reason));
        }
        for (std::size_t i = 0; i < chain.events.size(); ++i) {
            where[chain.events[i].uuid] = {file, chain.lines[i]};
        }
        std::move(chain.events.begin(), chain.events.end(), std::back_inserter(incoming));
    }
    scan.counts = ledger.import_events(std::move(incoming), OnBadEvent::skip_origin);
    for (const auto& refused : scan.counts.refused) {
        auto [file, line] = where[refused.uuid];
        scan.problems.push_back(fmt::format("{} line {}: {}", file.string(), line, refused.reason));
    }
    return scan;
}

/// Appends to our replica file the events of ours it does not hold yet; returns how many. A
/// file `damaged` after its intact events (a bad line someone pushed) is written anew from the
/// ledger, the source of truth for this replica's events.
std::int64_t append_ours(Ledger& ledger, const fs::path& file,
                         const std::optional<std::string>& last_uuid, bool damaged) {
    EventQuery query;
    query.origin = ledger.uuid();
    if (last_uuid && !damaged) {
        auto seq = ledger.seq_of(*last_uuid);
        if (!seq) {
            throw BadValue(fmt::format("sync: {} holds events of this ledger that it lacks (was "
                                       "it restored from a backup, or copied?)",
                                       file.string()));
        }
        query.after_seq = *seq;
    }
    std::string lines;
    std::int64_t count = 0;
    ledger.for_each_event(query, [&](const Event& e) {
        lines += event_line(e) + '\n';
        ++count;
    });
    if (last_uuid && damaged && !ledger.seq_of(*last_uuid)) {
        throw BadValue(fmt::format("sync: {} holds events of this ledger that it lacks (was "
                                   "it restored from a backup, or copied?)",
                                   file.string()));
    }
    if (count > 0) {
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | (damaged ? std::ios::trunc : std::ios::app));
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
    std::string text = read_replica_text(config_file);
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
    fs::path ledger_path = context.ledger_path();
    fs::path dir = sync_directory(ledger_path);
    std::string remote = !o.remote.empty() ? o.remote : context.config().sync_remote.value_or("");
    // Refused before anything is created: no ledger, no lock file, no working copy.
    if (!remote.empty()) {
        check_remote_url(remote);
    } else if (!fs::exists(dir / ".git")) {
        throw UsageError("sync: no remote: give --remote URL or set [sync] remote in kept.toml");
    }
    int git_timeout_ms =
        number_from_env("KEPT_SYNC_TIMEOUT", default_git_timeout_s, "seconds") * 1000;
    // The working copy holds every title: private whatever the umask.
    ::umask(077);
    if (!ledger_path.parent_path().empty()) {
        fs::create_directories(ledger_path.parent_path());
    }
    SyncLock lock(fs::path(ledger_path.string() + ".sync.lock"), context.busy_timeout_ms());
    Ledger ledger = context.open_ledger(OpenMode::write);
    std::string actor = context.actor();
    WorkingCopy copy(dir, actor, git_timeout_ms);
    copy.prepare(remote);

    fs::path ours = dir / "events" / (ledger.uuid() + ".ndjson");
    std::int64_t imported = 0;
    std::int64_t appended = 0;
    std::vector<std::string> problems;
    std::string repaired;
    std::mt19937 random(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        copy.fetch();
        copy.reset_to_remote();
        ReplicaScan scan = import_replicas(ledger, dir / "events");
        imported += scan.counts.added;
        problems = std::move(scan.problems);

        if (scan.our_damage) {
            repaired = fmt::format(" (this replica's file rewritten from the ledger: line {}: {})",
                                   scan.our_damage->line, scan.our_damage->reason);
        }
        std::int64_t fresh =
            append_ours(ledger, ours, scan.our_last_uuid, scan.our_damage.has_value());
        if (fresh > 0) {
            copy.commit(ours, fmt::format("kept: {} event(s) from {} ({})", fresh, actor,
                                          ledger.uuid().substr(0, 8)));
        }
        if (!copy.ahead()) {
            // Pushed now or before: what a retry appended was counted by the attempt it lost.
            appended = std::max(appended, fresh);
            break;
        }
        auto pushed = copy.push();
        if (pushed.exit_code == 0) {
            appended = fresh;
            break;
        }
        if (!lost_push_race(pushed.output) || attempt == push_attempts) {
            throw StorageError(fmt::format("sync: git push failed: {} (your events are in the "
                                           "ledger; the next sync pushes them)",
                                           WorkingCopy::first_line(pushed.output)));
        }
        std::this_thread::sleep_for(
            retry_delay(attempt, std::uniform_real_distribution<double>(0, 1)(random)));
    }
    bool remembered = !o.remote.empty() && !context.config().sync_remote &&
                      remember_remote(context.config_path(), o.remote);
    context.out() << fmt::format(
        "synced: {} new event(s) imported, {} pushed{}{}\n", imported, appended,
        remembered ? fmt::format(" (remote saved in {})", context.config_path().string()) : "",
        repaired);
    if (!problems.empty()) {
        throw CheckFailed(fmt::format("sync: {}; the later events of {} not imported until "
                                      "{} fixed",
                                      fmt::join(problems, "; "),
                                      problems.size() == 1 ? "that file are" : "those files are",
                                      problems.size() == 1 ? "it is" : "they are"));
    }
    return 0;
}

} // namespace

Run attach_sync(CLI::App& sub) {
    auto o = std::make_shared<SyncOptions>();
    sub.add_option("--remote", o->remote,
                   "The git remote: ssh, https, git, file URL or a path (default: [sync] remote "
                   "in kept.toml)")
        ->type_name("URL");
    return [o](Context& context) { return run_sync(context, *o); };
}

} // namespace kept::cli
