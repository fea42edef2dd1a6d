#include "kept/ledger_copy.hpp"

#include "kept/error.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace kept {

namespace fs = std::filesystem;

namespace {

// Readers never block the copy; the timeout covers a WAL recovery by another process.
constexpr int copy_timeout_ms = 5000;

void copy_pages(const fs::path& source, const fs::path& target) {
    SQLite::Database from(source.string(), SQLite::OPEN_READONLY, copy_timeout_ms);
    SQLite::Database to(target.string(), SQLite::OPEN_READWRITE, copy_timeout_ms);
    SQLite::Backup backup(to, from);
    // All pages in one step: one read transaction, so one snapshot even while others commit.
    // Taking the read lock can meet a writer restarting the WAL; that passes in moments.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(copy_timeout_ms);
    int result = backup.executeStep(-1);
    while ((result == SQLITE_BUSY || result == SQLITE_LOCKED) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        result = backup.executeStep(-1);
    }
    if (result == SQLITE_BUSY || result == SQLITE_LOCKED) {
        throw BusyError(fmt::format("ledger is busy: cannot copy {}; try again", source.string()));
    }
    if (result != SQLITE_DONE) {
        throw StorageError(
            fmt::format("cannot write the copy {}: {}", target.string(), sqlite3_errstr(result)));
    }
}

} // namespace

void copy_ledger(const fs::path& source, const fs::path& target, const std::string& what) {
    int fd = ::open(target.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        int error = errno;
        std::error_code ignored;
        if (error == EEXIST && fs::is_directory(target, ignored)) {
            error = EISDIR;
        }
        throw Error(ExitCode::cannot_create,
                    fmt::format("cannot create {}: {}", what.empty() ? target.string() : what,
                                std::generic_category().message(error)));
    }
    ::close(fd);
    try {
        copy_pages(source, target);
    } catch (...) {
        std::error_code ignored;
        fs::remove(target, ignored);
        throw;
    }
}

} // namespace kept
