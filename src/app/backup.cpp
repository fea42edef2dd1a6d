#include "app/backup.hpp"

#include "app/verify.hpp"
#include "kept/error.hpp"
#include "kept/ledger_copy.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <system_error>
#include <unistd.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

/// Flushes `path` (a file, or a directory after a rename in it) to the disk.
void flush(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        int error = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw Error(ExitCode::io, fmt::format("cannot write {}: {}", path.string(),
                                              std::generic_category().message(error)));
    }
    ::close(fd);
}

/// Refuses a target that is the ledger or one of its SQLite files, or that exists without
/// --force.
void check_target(const fs::path& ledger, const fs::path& target, bool force) {
    std::error_code ec;
    fs::path absolute_ledger = fs::weakly_canonical(ledger, ec);
    fs::path absolute_target = fs::weakly_canonical(target, ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (absolute_target == fs::path(absolute_ledger.string() + suffix)) {
            throw BadValue(
                fmt::format("FILE: {} is the ledger itself; name another file", target.string()));
        }
    }
    auto status = fs::symlink_status(target, ec);
    if (fs::is_directory(status)) {
        throw Error(
            ExitCode::cannot_create,
            fmt::format("cannot write {}: it is a directory; name a file", target.string()));
    }
    if (fs::exists(status) && !force) {
        throw Error(ExitCode::cannot_create,
                    fmt::format("{} exists; --force replaces it", target.string()));
    }
}

} // namespace

std::int64_t backup_ledger(Ledger& ledger, const fs::path& target, bool force,
                           int busy_timeout_ms) {
    check_target(ledger.path(), target, force);
    fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    fs::path partial = directory / fmt::format(".{}.kept-backup-{}", target.filename().string(),
                                               static_cast<long>(::getpid()));
    copy_ledger(ledger.path(), partial, target.string());
    std::int64_t events = 0;
    try {
        {
            Ledger copy(partial, OpenMode::read, busy_timeout_ms);
            events = verify_ledger(copy, false);
        }
        flush(partial, O_RDONLY);
        // In place only once whole and verified: an existing FILE is replaced at once, or kept.
        fs::rename(partial, target);
        flush(directory, O_RDONLY | O_DIRECTORY);
    } catch (const fs::filesystem_error& error) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw Error(ExitCode::cannot_create,
                    fmt::format("cannot write {}: {}", target.string(), error.code().message()));
    } catch (...) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw;
    }
    return events;
}

} // namespace kept::app
