#include "cli/sync.hpp"

#include "cli/command.hpp"
#include "cli/sync_copy.hpp"
#include "kept/error.hpp"
#include "kept/event_lines.hpp"
#include "kept/import.hpp"
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
    /// Where our own file's history leaves the ledger's: a restore from an older backup that
    /// was then written to, or a copy of this ledger syncing as a second replica.
    std::optional<ReplicaProblem> our_fork;
    std::vector<std::string> problems; ///< "FILE line N: reason", one per stopped file
};

/// The bytes of `file` from `offset` on ("" when it is shorter).
std::string read_from(const fs::path& file, std::int64_t offset) {
    std::ifstream in(file, std::ios::binary);
    in.seekg(offset);
    std::ostringstream text;
    if (in) {
        text << in.rdbuf();
    }
    return text.str();
}

/// What sync has not read yet of one replica file: the text after the last event it took, when
/// that event is still where it was (the file's prefix unchanged: the event's hash chains it),
/// else the whole file.
struct FileTail {
    std::string text;
    ChainStart start;
    bool resumed = false;
};

FileTail unread_part(const fs::path& file, const ReplicaFileState& before) {
    if (before.resume_line > 0) {
        std::string text = read_from(file, before.resume_offset);
        auto end = text.find('\n');
        try {
            if (end != std::string::npos &&
                event_from_line(std::string_view(text).substr(0, end)).hash == before.last_hash) {
                ChainStart start{before.resume_line + 1,
                                 before.resume_offset + static_cast<std::int64_t>(end) + 1,
                                 before.last_hash, before.last_clock};
                return {text.substr(end + 1), start, true};
            }
        } catch (const BadValue&) {
            // Rewritten where the last event taken was: read it all again.
        }
    }
    return {read_replica_text(file), {}, false};
}

/// Imports what every replica file holds that the ledger lacks, reading each from where the
/// last sync stopped. A file is read up to its first bad line, and an event the ledger refuses
/// stops its origin's later events: the rest syncs. What was taken of each file, and where it
/// stopped, is saved in the same transaction.
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
    std::map<std::string, ReplicaFileState> known;
    for (auto& state : ledger.replica_files()) {
        known[state.origin] = std::move(state);
    }

    struct Read {
        fs::path file;
        ReplicaFileState state; ///< what was taken before this sync (reset when not resumed)
        ReplicaChain chain;
    };
    std::vector<Read> reads;
    std::vector<Event> incoming;
    for (const auto& file : files) {
        std::string origin = file.stem().string();
        ReplicaFileState before = known.count(origin) ? known[origin] : ReplicaFileState{};
        FileTail tail = unread_part(file, before);
        if (!tail.resumed) {
            before = ReplicaFileState{};
        }
        before.origin = origin;
        Read read{file, before, read_replica_chain(tail.text, origin, tail.start)};
        if (origin == ledger.uuid()) {
            scan.our_last_uuid = !read.chain.events.empty() ? read.chain.events.back().uuid
                                 : before.last_uuid.empty() ? std::optional<std::string>()
                                                            : before.last_uuid;
            scan.our_damage = read.chain.problem;
        }
        // Our own file too: events of ours the ledger lacks (it was restored from a backup
        // older than its last sync) come back from it.
        incoming.insert(incoming.end(), read.chain.events.begin(), read.chain.events.end());
        reads.push_back(std::move(read));
    }

    ledger.write([&] {
        scan.counts = ledger.import_events(std::move(incoming), OnBadEvent::skip_origin);
        std::map<std::string, const RefusedEvent*> refused;
        for (const auto& r : scan.counts.refused) {
            refused[r.origin] = &r;
        }
        for (auto& read : reads) {
            ReplicaFileState state = read.state;
            const ReplicaChain& chain = read.chain;
            state.problem = chain.problem;
            const RefusedEvent* stop =
                refused.count(state.origin) ? refused[state.origin] : nullptr;
            for (std::size_t i = 0; i < chain.events.size(); ++i) {
                if (stop && chain.events[i].uuid == stop->uuid) {
                    state.problem = ReplicaProblem{chain.lines[i], stop->reason};
                    if (state.origin == ledger.uuid()) {
                        scan.our_fork = state.problem;
                    }
                    break;
                }
                state.resume_offset = chain.offsets[i];
                state.resume_line = chain.lines[i];
                state.last_uuid = chain.events[i].uuid;
                state.last_hash = chain.events[i].hash;
                state.last_clock = chain.events[i].clock;
            }
            if (state.origin == ledger.uuid()) {
                state.problem.reset(); // this sync writes our file anew from the ledger
            } else if (state.problem) {
                scan.problems.push_back(fmt::format("{} line {}: {}", read.file.string(),
                                                    state.problem->line, state.problem->reason));
            }
            ledger.save_replica_file(state);
        }
    });
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
        if (scan.our_fork) {
            throw BadValue(fmt::format(
                "sync: this ledger's history leaves its replica file {} at line {} (it was "
                "restored from a backup older than its last sync and written to since, or it is "
                "a copy of another replica's ledger): its events from there on cannot be shared; "
                "set this machine up again with kept sync --remote on a new, empty ledger "
                "(docs/sync.md, \"Restore and a second machine\")",
                ours.string(), scan.our_fork->line));
        }

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
    sub.footer([] {
        return std::string(
            "A second machine: run kept sync --remote URL on a new, empty ledger there; never\n"
            "copy a ledger file (both copies would write as one replica).\n"
            "A ledger restored from a backup: sync it before writing to it, and it takes back\n"
            "its events from its replica file.\n"
            "Exit 1: a replica file has a bad line (named); the rest synced. 65: this ledger's\n"
            "history left its replica file (restored and written to, or copied). 75: another\n"
            "sync of this ledger is running. See docs/sync.md.\n");
    });
    sub.add_option("--remote", o->remote,
                   "The git remote: ssh, https, git, file URL or a path (default: [sync] remote "
                   "in kept.toml)")
        ->type_name("URL");
    return [o](Context& context) { return run_sync(context, *o); };
}

} // namespace kept::cli
