#include "app/sync.hpp"

#include "app/replica_key.hpp"
#include "app/sync_copy.hpp"
#include "app/sync_fork.hpp"
#include "app/sync_replicas.hpp"
#include "kept/error.hpp"
#include "kept/replica.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

constexpr int push_attempts = 10;
// A concurrent push holds the remote's ref lock for milliseconds: the same lock through this
// many attempts (about 0.7 s of pauses at most) was left by a git that was killed.
constexpr int stale_lock_attempts = 4;

/// The sync lock's path, once the ledger's directory exists and the umask keeps private what
/// sync creates.
fs::path lock_path_of(const fs::path& ledger_path) {
    // The working copy holds every title: private whatever the umask.
    ::umask(077);
    if (!ledger_path.parent_path().empty()) {
        fs::create_directories(ledger_path.parent_path());
    }
    return fs::path(ledger_path.string() + ".sync.lock");
}

} // namespace

fs::path sync_directory(const fs::path& ledger) {
    return fs::path(ledger.string() + ".sync");
}

std::string read_replica_text(const fs::path& file) {
    return util::read_file(file).value_or("");
}

void check_sync_remote(const fs::path& ledger, const std::string& remote) {
    if (!remote.empty()) {
        check_remote_url(remote);
    } else if (!fs::exists(sync_directory(ledger) / ".git")) {
        throw UsageError("sync: no remote: give --remote URL or set [sync] remote in kept.toml");
    }
}

/// Holds an exclusive lock on LEDGER.sync.lock, so two syncs of one replica take turns: waits
/// for the other up to the busy timeout, then BusyError.
class SyncSession::Lock {
  public:
    Lock(const fs::path& path, int timeout_ms) {
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
    ~Lock() { ::close(fd_); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

  private:
    int fd_ = -1;
};

SyncSession::SyncSession(const fs::path& ledger_path, int busy_timeout_ms)
    : ledger_path_(ledger_path), busy_timeout_ms_(busy_timeout_ms),
      lock_(std::make_unique<Lock>(lock_path_of(ledger_path), busy_timeout_ms)),
      ledger_(ledger_path, OpenMode::write, busy_timeout_ms) {}

SyncSession::~SyncSession() = default;

SyncResult SyncSession::run(const std::string& remote, const std::string& actor, int git_timeout_ms,
                            const Trust& trust) {
    KeyPair key = load_or_create_key(ledger_path_);
    ledger_.signatures().set_trust(trust);
    fs::path dir = sync_directory(ledger_path_);
    WorkingCopy copy(dir, actor, git_timeout_ms);
    copy.prepare(remote);

    fs::path events_dir = dir / "events";
    SyncResult result;
    std::int64_t& imported = result.imported;
    std::int64_t& appended = result.appended;
    std::vector<std::string>& problems = result.problems;
    std::string& repaired = result.repaired;
    std::string& forked = result.forked;
    std::mt19937 random(std::random_device{}());
    std::string last_lock;
    int same_lock_seen = 0;
    for (int attempt = 1;; ++attempt) {
        copy.fetch();
        copy.reset_to_remote();
        ReplicaScan scan = import_replicas(ledger_, events_dir);
        imported += scan.counts.added;
        problems = std::move(scan.problems);
        if (scan.our_fork) {
            if (!forked.empty()) {
                throw StorageError("sync: the new replica's history left its files too");
            }
            // Its events from there on cannot continue those files: a new replica keeps them.
            NewIdentity fork = give_new_identity(std::move(ledger_), scan.our_fork_prev_hash,
                                                 busy_timeout_ms_, trust);
            ledger_ = Ledger(ledger_path_, OpenMode::write, busy_timeout_ms_);
            ledger_.signatures().set_trust(trust);
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
        // Signed before they are written out: what the files carry, the ledger holds.
        ledger_.write([&] {
            std::int64_t shared = 0;
            if (scan.our_last_uuid) {
                shared = ledger_.events().seq_of(*scan.our_last_uuid).value_or(0);
            }
            SignedOwn signed_now = ledger_.signatures().sign_own_events(key, shared);
            if (signed_now.replaced) {
                result.key_note = fmt::format(
                    "; this replica's key file {} does not hold the key it announced ({}): it "
                    "announced the new key {}, and the other replicas refuse its events until "
                    "the team pins it: [sync] trusted = [\"{}={}\"]",
                    key_path(ledger_path_).string(), *signed_now.replaced, key.public_key,
                    ledger_.uuid(), key.public_key);
            } else if (signed_now.announced) {
                result.key_note =
                    fmt::format("; this replica signs its events with key {}", key.public_key);
            }
        });
        Appended ours = append_ours(ledger_, events_dir, scan);
        std::int64_t fresh = ours.count;
        if (!ours.state.origin.empty()) {
            // The next sync need not read what it wrote (if the push fails, the copy is reset
            // and the next sync finds the line gone, and reads the files whole once).
            ledger_.write([&] { ledger_.replica_files().save(ours.state); });
        }
        if (fresh > 0 || scan.our_damage) {
            copy.commit(events_dir, fmt::format("kept: {} event(s) from {} ({})", fresh, actor,
                                                ledger_.uuid().substr(0, 8)));
        }
        if (!copy.ahead()) {
            // Pushed now or before: what a retry appended was counted by the attempt it lost.
            appended = std::max(appended, fresh);
            break;
        }
        // More than a chunk of our events: whole chunk files, which share nothing to delta.
        auto pushed = copy.push(fresh > replica_chunk_lines);
        if (pushed.exit_code == 0) {
            appended = fresh;
            break;
        }
        std::string lock = lock_file_in_the_way(pushed.output);
        same_lock_seen = !lock.empty() && lock == last_lock ? same_lock_seen + 1 : 1;
        last_lock = lock;
        if (!lock.empty() && same_lock_seen == stale_lock_attempts) {
            throw StorageError(fmt::format(
                "sync: git push failed: the remote's lock file {} stayed through {} attempts: a "
                "git stopped while it wrote to the remote left it; remove it once no git is "
                "using the remote (your events are in the ledger; the next sync pushes them)",
                lock, stale_lock_attempts));
        }
        if (!lost_push_race(pushed.output) || attempt == push_attempts) {
            throw StorageError(fmt::format("sync: git push failed: {} (your events are in the "
                                           "ledger; the next sync pushes them)",
                                           WorkingCopy::first_line(pushed.output)));
        }
        std::this_thread::sleep_for(
            retry_delay(attempt, std::uniform_real_distribution<double>(0, 1)(random)));
    }
    return result;
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

} // namespace kept::app
