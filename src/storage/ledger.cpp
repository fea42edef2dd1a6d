#include "ledger_impl.hpp"

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

Ledger::Impl::Impl(const fs::path& p, const std::string& filename, int flags, int timeout_ms)
    : path(p), db(filename, flags, timeout_ms), busy_timeout_ms(timeout_ms) {}

bool Ledger::Impl::has_index(const char* name) {
    SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
    q.bind(1, name);
    return q.executeStep();
}

SQLite::Statement& Ledger::Impl::statement(std::optional<SQLite::Statement>& slot,
                                           const char* sql) {
    if (!slot) {
        slot.emplace(db, sql);
    }
    return *slot;
}

void Ledger::open(const fs::path& path, const std::string& filename, int flags, OpenMode mode,
                  int busy_timeout_ms) {
    // One connection per process, used by one thread: SQLite's own mutexes are pure cost.
    impl_ = std::make_unique<Impl>(path, filename, flags | SQLite::OPEN_NOMUTEX, busy_timeout_ms);
    // The last connection to close checkpoints the WAL into the file and deletes it (SQLite's
    // default, kept on purpose): at rest the .db alone is the ledger. Without it, every process
    // opening the ledger alone rebuilds the WAL index, which marks the whole WAL unwritten to the
    // file, so SQLite never restarts it and it grows for ever.
    bool writable = (flags & SQLite::OPEN_READWRITE) != 0;
    if (writable && mode == OpenMode::write) {
        enable_wal(impl_->db, busy_timeout_ms);
        // While other processes keep the ledger open, a restarted WAL is cut back to this size.
        impl_->db.exec("PRAGMA journal_size_limit = 4194304");
    }
    impl_->uuid = prepare_schema(impl_->db, path, mode == OpenMode::write);
}

Ledger::Ledger(const fs::path& path, OpenMode mode, int busy_timeout_ms) {
    int flags = open_flags(path, mode);
    try {
        // A ledger this user may only read is read as immutable when the file alone holds it:
        // a read-only connection would leave a -wal and -shm of the file's mode behind, which
        // no one could write through once the file is made writable again.
        if (flags == SQLite::OPEN_READONLY && file_is_whole(path)) {
            open(path, immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI, mode,
                 busy_timeout_ms);
            return;
        }
        try {
            open(path, path.string(), flags, mode, busy_timeout_ms);
        } catch (const SQLite::Exception& error) {
            if (!may_read_immutable(error, path, mode)) {
                throw;
            }
            impl_.reset();
            open(path, immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI, mode,
                 busy_timeout_ms);
        }
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, path);
    }
}

Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

const fs::path& Ledger::path() const {
    return impl_->path;
}
const std::string& Ledger::uuid() const {
    return impl_->uuid;
}

std::optional<Commitment> Ledger::find(std::int64_t id) {
    try {
        auto& q = impl_->statement(
            impl_->select_commitment,
            fmt::format("SELECT {} FROM commitments WHERE id = ?", commitment_columns).c_str());
        q.bind(1, static_cast<std::int64_t>(id));
        std::optional<Commitment> found;
        if (q.executeStep()) {
            found = commitment_from_row(q);
        }
        q.reset();
        return found;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::optional<Commitment> Ledger::find_by_uuid(const std::string& uuid) {
    auto id = impl_->commitment_id_of(uuid);
    return id ? find(*id) : std::nullopt;
}

std::optional<std::int64_t> Ledger::Impl::commitment_id_of(const std::string& commitment_uuid) {
    auto& q = statement(select_commitment_id, "SELECT id FROM commitments WHERE uuid = ?");
    q.bind(1, commitment_uuid);
    std::optional<std::int64_t> id;
    if (q.executeStep()) {
        id = q.getColumn(0).getInt64();
    }
    q.reset();
    return id;
}

std::vector<Commitment> Ledger::list(const ListFilter& filter) {
    // Without statistics SQLite would take the state index for one owner's open work (it also
    // gives the due order), reading every open commitment of the team to keep one owner's.
    std::string sql = fmt::format("SELECT {} FROM commitments{} WHERE 1", commitment_columns,
                                  filter.owner ? " INDEXED BY commitments_by_owner" : "");
    if (filter.owner) {
        sql += " AND owner = :owner";
    }
    if (filter.client) {
        sql += " AND client = :client";
    }
    if (filter.states == ListFilter::States::open) {
        sql += " AND state = 'open'";
    } else if (filter.states == ListFilter::States::closed) {
        sql += " AND state <> 'open'";
    }
    if (filter.due_before) {
        sql += " AND due < :due_before";
    }
    if (filter.tag) {
        sql += " AND EXISTS (SELECT 1 FROM json_each(commitments.tags) WHERE value = :tag)";
    }
    sql += " ORDER BY due, id";
    try {
        SQLite::Statement q(impl_->db, sql);
        if (filter.owner) {
            q.bind(":owner", *filter.owner);
        }
        if (filter.client) {
            q.bind(":client", *filter.client);
        }
        if (filter.due_before) {
            q.bind(":due_before", format_date(*filter.due_before));
        }
        if (filter.tag) {
            q.bind(":tag", *filter.tag);
        }
        std::vector<Commitment> out;
        while (q.executeStep()) {
            out.push_back(commitment_from_row(q));
        }
        return out;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

SQLite::Statement Ledger::Impl::select_events(const EventQuery& query) {
    // The events up to a day of the commitments changed after it (report --as-of) are found by
    // walking the day index and testing each event's commitment against the (short) list:
    // seeking each listed commitment's events instead reads every one of them, later ones too.
    bool by_day = query.until && query.changed_after && !query.commitment_id;
    std::string sql = fmt::format("SELECT {} FROM events{} WHERE 1", event_columns,
                                  by_day ? " INDEXED BY events_by_day" : "");
    if (query.commitment_id) {
        sql += " AND commitment_id = :commitment";
    }
    if (query.since) {
        sql += " AND day >= :since";
    }
    if (query.until) {
        sql += " AND day <= :until";
    }
    if (query.origin) {
        sql += " AND origin = :origin";
    }
    if (query.after_seq) {
        sql += " AND seq > :after_seq";
    }
    if (query.changed_after) {
        sql += fmt::format(" AND {}commitment_id IN "
                           "(SELECT commitment_id FROM events WHERE day > :changed_after)",
                           by_day ? "+" : "");
    }
    sql += query.by_commitment  ? " ORDER BY commitment_id, clock, origin"
           : query.replay_order ? " ORDER BY clock, origin"
                                : " ORDER BY seq";
    SQLite::Statement q(db, sql);
    if (query.commitment_id) {
        q.bind(":commitment", static_cast<std::int64_t>(*query.commitment_id));
    }
    if (query.since) {
        q.bind(":since", format_date(*query.since));
    }
    if (query.until) {
        q.bind(":until", format_date(*query.until));
    }
    if (query.origin) {
        q.bind(":origin", *query.origin);
    }
    if (query.after_seq) {
        q.bind(":after_seq", static_cast<std::int64_t>(*query.after_seq));
    }
    if (query.changed_after) {
        q.bind(":changed_after", format_date(*query.changed_after));
    }
    return q;
}

void Ledger::for_each_event(const EventQuery& query,
                            const std::function<void(const Event&)>& visit) {
    try {
        auto q = impl_->select_events(query);
        while (q.executeStep()) {
            visit(event_from_row(q));
        }
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    } catch (const nlohmann::json::exception& error) {
        throw StorageError(fmt::format("{}: an event payload is not JSON ({})",
                                       impl_->path.string(), error.what()));
    }
}

void Ledger::for_each_stored_event(
    const EventQuery& query,
    const std::function<void(const Event&, std::string_view payload_json)>& visit) {
    try {
        auto q = impl_->select_events(query);
        while (q.executeStep()) {
            Event e = event_from_row(q, false);
            const auto& payload = q.getColumn(event_payload_column);
            visit(e, std::string_view(static_cast<const char*>(payload.getBlob()),
                                      static_cast<std::size_t>(payload.getBytes())));
        }
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::int64_t Ledger::event_count() {
    try {
        return impl_->db.execAndGet("SELECT count(*) FROM events").getInt64();
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

void Ledger::set_cache_size(int mib) {
    try {
        impl_->db.exec(fmt::format("PRAGMA cache_size = -{}", std::max(1, mib) * 1024));
        // A bulk write's statement journals (the pages each insert changes, kept until it
        // completes) stay in memory instead of a temporary file.
        impl_->db.exec("PRAGMA temp_store = MEMORY");
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

std::vector<std::string> Ledger::integrity_check(bool full) {
    try {
        SQLite::Statement q(impl_->db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
        std::vector<std::string> messages;
        while (q.executeStep()) {
            messages.push_back(q.getColumn(0).getString());
        }
        return messages;
    } catch (const SQLite::Exception& error) {
        rethrow_storage_error(error, impl_->path);
    }
}

fs::path default_ledger_path() {
    const char* data_home = std::getenv("XDG_DATA_HOME");
    if (data_home != nullptr && *data_home == '/') {
        return fs::path(data_home) / "kept" / "default.db";
    }
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
        throw NotFound("neither XDG_DATA_HOME nor HOME is set: name a ledger with --ledger");
    }
    return fs::path(home) / ".local" / "share" / "kept" / "default.db";
}

} // namespace kept
