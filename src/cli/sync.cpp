#include "cli/sync.hpp"

#include "cli/command.hpp"
#include "cli/replica_layout.hpp"
#include "cli/sync_copy.hpp"
#include "cli/sync_fork.hpp"
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
#include <queue>
#include <random>
#include <set>
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
constexpr int default_git_timeout_s = 600;

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
    fs::path our_fork_path;
    std::string our_fork_prev_hash;       ///< the predecessor both histories continue
    std::int64_t our_last_part = 0;       ///< our last chunk (0: none, or only the old file)
    std::int64_t our_last_part_lines = 0; ///< how many lines it holds
    std::vector<std::string> problems;    ///< "FILE line N: reason", one per stopped replica
};

/// How many events a sync imports in one transaction: a first sync of a long history is
/// streamed, holding a batch and one chunk per replica in memory, never the history.
constexpr std::size_t import_batch = 5000;

/// Imports what every replica's files hold that the ledger lacks, reading each from where the
/// last sync stopped, one chunk at a time, merged in replay order (clock, then origin) and
/// imported in batches, each one transaction with what it advanced of each replica's record.
/// A history is read up to its first bad line, and an event the ledger refuses stops its
/// origin's later events: the rest syncs.
ReplicaScan import_replicas(Ledger& ledger, const fs::path& events_dir) {
    ReplicaScan scan;
    std::map<std::string, ReplicaFileState> known;
    for (auto& state : ledger.replica_files().all()) {
        known[state.origin] = std::move(state);
    }
    struct Replica {
        ReplicaStream stream;
        ReplicaFileState state;     ///< what was taken so far (reset when not resumed)
        bool refused = false;       ///< the ledger refused one of its events
        std::string fork_prev_hash; ///< the predecessor of the refused event
        fs::path problem_path;
    };
    std::vector<Replica> replicas;
    for (auto& [origin, parts] : replica_parts(events_dir)) {
        ReplicaFileState before = known.count(origin) ? known[origin] : ReplicaFileState{};
        ReplicaStream stream(origin, std::move(parts), before);
        if (!stream.resumed()) {
            before = ReplicaFileState{};
        }
        before.origin = origin;
        before.problem.reset();
        replicas.push_back({std::move(stream), std::move(before), false, {}, {}});
    }
    bool ours_read = false;
    auto is_ours = [&](const Replica& r) { return r.state.origin == ledger.uuid(); };

    // The replica whose next event comes first in replay order.
    auto later = [&](std::size_t a, std::size_t b) {
        const Event* x = replicas[a].stream.peek();
        const Event* y = replicas[b].stream.peek();
        return replays_before(*y, *x);
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> next(later);
    for (std::size_t i = 0; i < replicas.size(); ++i) {
        if (replicas[i].stream.peek()) {
            next.push(i);
        }
    }
    /// Where each event of the batch came from, and what the record keeps of it.
    struct Source {
        std::size_t replica = 0;
        ReplicaPosition at;
        std::string uuid;
        std::string hash;
        std::string prev_hash;
        std::int64_t clock = 0;
    };
    std::vector<Event> batch;
    std::vector<Source> from;
    auto import_batch_now = [&] {
        ledger.write([&] {
            ImportCounts counts =
                ledger.events().import_events(std::move(batch), OnBadEvent::skip_origin);
            scan.counts.added += counts.added;
            scan.counts.present += counts.present;
            std::map<std::string, const RefusedEvent*> refused;
            for (const auto& r : counts.refused) {
                refused[r.uuid] = &r;
            }
            std::set<std::size_t> touched;
            for (const Source& source : from) {
                std::size_t i = source.replica;
                const ReplicaPosition& at = source.at;
                Replica& r = replicas[i];
                if (r.refused) {
                    continue;
                }
                touched.insert(i);
                if (auto it = refused.find(source.uuid); it != refused.end()) {
                    r.refused = true;
                    r.fork_prev_hash = source.prev_hash;
                    r.state.problem = ReplicaProblem{at.line, it->second->reason};
                    r.state.problem_part = at.part;
                    r.problem_path = at.part == 0 ? events_dir / (r.state.origin + ".ndjson")
                                                  : chunk_path(events_dir, r.state.origin, at.part);
                    continue;
                }
                r.state.resume_part = at.part;
                r.state.resume_offset = at.offset;
                r.state.resume_line = at.line;
                r.state.last_uuid = source.uuid;
                r.state.last_hash = source.hash;
                r.state.last_clock = source.clock;
            }
            for (std::size_t i : touched) {
                ledger.replica_files().save(replicas[i].state);
            }
        });
        batch.clear();
        from.clear();
    };
    while (!next.empty()) {
        std::size_t i = next.top();
        next.pop();
        Replica& r = replicas[i];
        if (r.refused) {
            continue; // its later events wait until the refused one is fixed
        }
        ReplicaPosition at = r.stream.position();
        Event e = r.stream.take();
        if (is_ours(r)) {
            scan.our_last_uuid = e.uuid;
            ours_read = true;
        }
        from.push_back({i, at, e.uuid, e.hash, e.prev_hash, e.clock});
        batch.push_back(std::move(e));
        if (r.stream.peek()) {
            next.push(i);
        }
        if (batch.size() >= import_batch) {
            import_batch_now();
        }
    }
    import_batch_now();

    ledger.write([&] {
        for (auto& r : replicas) {
            if (!r.refused && r.stream.problem()) {
                r.state.problem = r.stream.problem();
                r.state.problem_part = r.stream.problem_part();
                r.problem_path = r.stream.problem_path();
            }
            if (is_ours(r)) {
                if (!ours_read && !r.state.last_uuid.empty()) {
                    scan.our_last_uuid = r.state.last_uuid;
                }
                scan.our_damage = r.refused ? std::nullopt : r.stream.problem();
                scan.our_last_part = r.stream.last_part();
                scan.our_last_part_lines = r.stream.last_part_lines();
                if (r.refused) {
                    scan.our_fork = r.state.problem;
                    scan.our_fork_path = r.problem_path;
                    scan.our_fork_prev_hash = r.fork_prev_hash;
                }
                r.state.problem.reset(); // this sync writes our files anew from the ledger
            } else if (r.state.problem) {
                scan.problems.push_back(fmt::format("{} line {}: {}", r.problem_path.string(),
                                                    r.state.problem->line,
                                                    r.state.problem->reason));
            }
            ledger.replica_files().save(r.state);
        }
    });
    return scan;
}

/// What append_ours wrote.
struct Appended {
    std::int64_t count = 0;
    ReplicaFileState state; ///< where our last event now is (origin empty when none written)
};

/// Appends to our replica's chunks the events of ours they do not hold yet, filling the last
/// chunk up to replica_chunk_lines and starting new ones. A history `damaged` after its intact
/// events (a bad line someone pushed) is written anew from the ledger, the source of truth for
/// this replica's events.
Appended append_ours(Ledger& ledger, const fs::path& events_dir, const ReplicaScan& scan) {
    const auto& last_uuid = scan.our_last_uuid;
    bool damaged = scan.our_damage.has_value();
    EventQuery query;
    query.origin = ledger.uuid();
    if (last_uuid) {
        auto seq = ledger.events().seq_of(*last_uuid);
        if (!seq) {
            throw BadValue(fmt::format("sync: the replica files of this ledger in {} hold events "
                                       "it lacks (was it restored from a backup, or copied?)",
                                       events_dir.string()));
        }
        if (!damaged) {
            query.after_seq = *seq;
        }
    }
    std::int64_t part = damaged ? 1 : std::max<std::int64_t>(scan.our_last_part, 1);
    std::int64_t lines_in_part = damaged || scan.our_last_part == 0 ? 0 : scan.our_last_part_lines;
    if (damaged) {
        std::error_code ignored;
        fs::remove(events_dir / (ledger.uuid() + ".ndjson"), ignored);
        fs::remove_all(events_dir / ledger.uuid(), ignored);
    }
    // One chunk's new lines at a time in memory, written out when the next chunk begins.
    std::string pending;
    std::int64_t base = -1; // the size of chunk `part` before this sync appended to it
    auto write_pending = [&] {
        if (pending.empty()) {
            return;
        }
        fs::path file = chunk_path(events_dir, ledger.uuid(), part);
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out << pending;
        out.flush();
        if (!out) {
            throw StorageError(fmt::format("sync: cannot write {}", file.string()));
        }
        pending.clear();
    };
    Appended appended;
    ReplicaFileState& at = appended.state;
    ledger.events().for_each_event(query, [&](const Event& e) {
        if (lines_in_part >= replica_chunk_lines) {
            write_pending();
            ++part;
            lines_in_part = 0;
            base = -1;
        }
        if (base < 0) {
            std::error_code missing;
            auto size = fs::file_size(chunk_path(events_dir, ledger.uuid(), part), missing);
            base = missing ? 0 : static_cast<std::int64_t>(size);
        }
        at.resume_offset = base + static_cast<std::int64_t>(pending.size());
        pending += event_line(e) + '\n';
        ++lines_in_part;
        ++appended.count;
        at.resume_part = part;
        at.resume_line = lines_in_part;
        at.last_uuid = e.uuid;
        at.last_hash = e.hash;
        at.last_clock = e.clock;
    });
    write_pending();
    if (appended.count > 0) {
        at.origin = ledger.uuid();
    }
    return appended;
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

    fs::path events_dir = dir / "events";
    std::int64_t imported = 0;
    std::int64_t appended = 0;
    std::vector<std::string> problems;
    std::string repaired;
    std::string forked;
    std::mt19937 random(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        copy.fetch();
        copy.reset_to_remote();
        ReplicaScan scan = import_replicas(ledger, events_dir);
        imported += scan.counts.added;
        problems = std::move(scan.problems);
        if (scan.our_fork) {
            if (!forked.empty()) {
                throw StorageError("sync: the new replica's history left its files too");
            }
            // Its events from there on cannot continue those files: a new replica keeps them.
            NewIdentity fork = give_new_identity(std::move(ledger), scan.our_fork_prev_hash,
                                                 context.busy_timeout_ms());
            ledger = context.open_ledger(OpenMode::write);
            forked = fmt::format(
                "; this ledger's history had left its replica file {} at line {} (restored from "
                "a backup older than its last sync and written to since, or a copy of another "
                "replica's ledger): it is now replica {}, its {} event(s) since then recorded "
                "again under it, and the ledger as it was is kept as {}",
                scan.our_fork_path.string(), scan.our_fork->line, fork.new_origin, fork.reissued,
                fork.kept_as.string());
            imported = 0;
            continue;
        }

        if (scan.our_damage) {
            repaired = fmt::format(" (this replica's file rewritten from the ledger: line {}: {})",
                                   scan.our_damage->line, scan.our_damage->reason);
        }
        Appended ours = append_ours(ledger, events_dir, scan);
        std::int64_t fresh = ours.count;
        if (!ours.state.origin.empty()) {
            // The next sync need not read what it wrote (if the push fails, the copy is reset
            // and the next sync finds the line gone, and reads the files whole once).
            ledger.write([&] { ledger.replica_files().save(ours.state); });
        }
        if (fresh > 0 || scan.our_damage) {
            copy.commit(events_dir, fmt::format("kept: {} event(s) from {} ({})", fresh, actor,
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
        "synced: {} new event(s) imported, {} pushed{}{}{}\n", imported, appended,
        remembered ? fmt::format(" (remote saved in {})", context.config_path().string()) : "",
        repaired, forked);
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
            "Restored and written to, or copied and both written to: the ledger becomes a new\n"
            "replica, its events since kept (the old file stays as LEDGER.fork-*.db).\n"
            "Exit 1: a replica file has a bad line (named); the rest synced. 75: another sync\n"
            "of this ledger is running. See docs/sync.md.\n");
    });
    sub.add_option("--remote", o->remote,
                   "The git remote: ssh, https, git, file URL or a path (default: [sync] remote "
                   "in kept.toml)")
        ->type_name("URL");
    return [o](Context& context) { return run_sync(context, *o); };
}

} // namespace kept::cli
