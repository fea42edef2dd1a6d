#include "connection.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>

namespace kept {

namespace fs = std::filesystem;

namespace {

/// Creates missing parent directories 0700 and the ledger file 0600, so that neither the team's
/// promises nor their history are readable by other accounts.
void create_ledger_file(const fs::path& path) {
    fs::path parent = path.parent_path();
    if (!parent.empty()) {
        std::vector<fs::path> missing;
        for (fs::path p = parent; !p.empty() && !fs::exists(p); p = p.parent_path()) {
            missing.push_back(p);
            if (p == p.parent_path()) {
                break;
            }
        }
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            std::error_code ec;
            if (fs::create_directory(*it, ec)) {
                fs::permissions(*it, fs::perms::owner_all, ec);
            } else if (ec) {
                throw Error(
                    ec == std::errc::permission_denied ? ExitCode::permission
                                                       : ExitCode::cannot_create,
                    fmt::format("cannot create directory {}: {}", it->string(), ec.message()));
            }
        }
    }
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        int err = errno;
        throw Error(err == EACCES || err == EPERM || err == EROFS ? ExitCode::permission
                                                                  : ExitCode::cannot_create,
                    fmt::format("cannot create ledger {}: {}", path.string(),
                                std::generic_category().message(err)));
    }
}

int open_flags(const fs::path& path, OpenMode mode) {
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (!exists) {
        if (mode == OpenMode::read) {
            throw NotFound(
                fmt::format("no ledger at {} (kept init or kept add creates one)", path.string()));
        }
        create_ledger_file(path);
    }
    if (fs::is_directory(path, ec)) {
        throw StorageError(fmt::format("{} is a directory, not a ledger", path.string()));
    }
    if (::access(path.c_str(), R_OK) != 0) {
        throw Error(ExitCode::permission,
                    fmt::format("cannot read ledger {}: permission denied", path.string()));
    }
    if (::access(path.c_str(), W_OK) != 0) {
        if (mode == OpenMode::write) {
            throw Error(
                ExitCode::permission,
                fmt::format("cannot write ledger {}: {}", path.string(),
                            errno == EROFS ? "the file system is read-only" : "permission denied"));
        }
        return SQLite::OPEN_READONLY;
    }
    return SQLite::OPEN_READWRITE;
}

/// A URI that opens `path` as immutable: read without locks, -wal or -shm.
std::string immutable_uri(const fs::path& path) {
    std::string uri = "file:";
    for (char c : path.string()) {
        if (c == '%' || c == '?' || c == '#') {
            uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

/// Whether no WAL beside the ledger holds content the file lacks: then the file alone is the
/// ledger, and nobody is writing it (a writer would need to create that WAL).
bool file_is_whole(const fs::path& path) {
    std::error_code ec;
    auto wal_size = fs::file_size(path.string() + "-wal", ec);
    return ec || wal_size == 0;
}

/// Whether a reader that SQLite cannot give a -shm file (read-only directory or file system) may
/// read the ledger as immutable instead.
bool may_read_immutable(const SQLite::Exception& error, const fs::path& path, OpenMode mode) {
    int code = error.getErrorCode() & 0xFF;
    return mode == OpenMode::read && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
           file_is_whole(path);
}

/// Puts the ledger in WAL mode. Switching a new file needs a moment alone with it, and SQLite
/// answers "database is locked" at once, without waiting for the busy timeout, while other kept
/// processes are creating the same ledger; so this waits out the busy timeout itself.
void enable_wal(SQLite::Database& db, int busy_timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const SQLite::Exception& error) {
            if ((error.getErrorCode() & 0xFF) != SQLITE_BUSY ||
                std::chrono::steady_clock::now() >= deadline) {
                throw;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace

[[noreturn]] void rethrow_storage_error(const SQLite::Exception& error, const fs::path& path) {
    int code = error.getErrorCode() & 0xFF;
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw BusyError(fmt::format("ledger is busy: another kept is writing to {}; try again, or "
                                    "wait longer with KEPT_BUSY_TIMEOUT_MS",
                                    path.string()));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        throw StorageError(fmt::format("{}: not a kept ledger, or damaged ({})", path.string(),
                                       error.getErrorStr()));
    case SQLITE_FULL:
        throw StorageError(fmt::format(
            "cannot write ledger {}: the disk is full; nothing was written", path.string()));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        throw Error(ExitCode::permission,
                    fmt::format("cannot write ledger {}: {}", path.string(), error.getErrorStr()));
    case SQLITE_CANTOPEN:
        throw Error(ExitCode::cannot_create,
                    fmt::format("cannot open ledger {}: {}", path.string(), error.getErrorStr()));
    default:
        throw StorageError(fmt::format("ledger {}: {}", path.string(), error.what()));
    }
}

Connection::Connection(const fs::path& p, const std::string& filename, int flags, int timeout_ms)
    : path(p), db(filename, flags, timeout_ms), busy_timeout_ms(timeout_ms) {}

bool Connection::has_index(const char* name) {
    SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
    q.bind(1, name);
    return q.executeStep();
}

int Connection::schema() {
    return db.execAndGet("PRAGMA user_version").getInt();
}

SQLite::Statement& Connection::statement(std::optional<SQLite::Statement>& slot, const char* sql) {
    if (!slot) {
        slot.emplace(db, sql);
    }
    return *slot;
}

namespace {

/// Opens `filename` and makes it a ledger: WAL for a writer, the schema created, checked or
/// upgraded.
std::unique_ptr<Connection> connect(const fs::path& path, const std::string& filename, int flags,
                                    OpenMode mode, int busy_timeout_ms) {
    // One connection per process, used by one thread: SQLite's own mutexes are pure cost.
    auto c =
        std::make_unique<Connection>(path, filename, flags | SQLite::OPEN_NOMUTEX, busy_timeout_ms);
    // The last connection to close checkpoints the WAL into the file and deletes it (SQLite's
    // default, kept on purpose): at rest the .db alone is the ledger. Without it, every process
    // opening the ledger alone rebuilds the WAL index, which marks the whole WAL unwritten to the
    // file, so SQLite never restarts it and it grows for ever.
    bool writable = (flags & SQLite::OPEN_READWRITE) != 0;
    if (writable && mode == OpenMode::write && filename != ":memory:") {
        enable_wal(c->db, busy_timeout_ms);
        // While other processes keep the ledger open, a restarted WAL is cut back to this size.
        c->db.exec("PRAGMA journal_size_limit = 4194304");
    }
    c->uuid = prepare_schema(c->db, path, mode == OpenMode::write);
    return c;
}

} // namespace

std::unique_ptr<Connection> Connection::open(const fs::path& path, OpenMode mode,
                                             int busy_timeout_ms) {
    if (path == ":memory:") {
        try {
            return connect(path, ":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, mode,
                           busy_timeout_ms);
        } catch (const SQLite::Exception& error) {
            rethrow_storage_error(error, path);
        }
    }
    int flags = open_flags(path, mode);
    try {
        // A ledger this user may only read is read as immutable when the file alone holds it:
        // a read-only connection would leave a -wal and -shm of the file's mode behind, which
        // no one could write through once the file is made writable again.
        if (flags == SQLite::OPEN_READONLY && file_is_whole(path)) {
            return connect(path, immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                           mode, busy_timeout_ms);
        }
        try {
            return connect(path, path.string(), flags, mode, busy_timeout_ms);
        } catch (const SQLite::Exception& error) {
            if (!may_read_immutable(error, path, mode)) {
                throw;
            }
            return connect(path, immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                           mode, busy_timeout_ms);
        }
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, path);
    }
}

} // namespace kept
