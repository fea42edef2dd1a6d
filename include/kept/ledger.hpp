#pragma once

// One team's ledger: the SQLite file holding the events and the tables derived from them. The
// Ledger owns the connection and its transactions; each concern is a part it hands out:
//   events()        the append-only event log (append, import, read back)   event_log.hpp
//   commitments()   the derived commitments table (find, list, rebuild)     commitment_store.hpp
//   reads()         the report's, forecast's and schedule check's reads     report_reads.hpp
//   tallies()       the reliability tallies kept by triggers                tallies.hpp
//   checks()        verify's reads of the database itself                   verify_reads.hpp
//   replica_files() what sync remembers of each replica file                replica_file_store.hpp
//   signatures()    the replicas' keys and their events' signatures         signature_store.hpp
// A part is a small handle on the ledger's connection: take it, use it, let it go.

#include "kept/storage/commitment_store.hpp"
#include "kept/storage/event_log.hpp"
#include "kept/storage/replica_file_store.hpp"
#include "kept/storage/report_reads.hpp"
#include "kept/storage/signature_store.hpp"
#include "kept/storage/tallies.hpp"
#include "kept/storage/verify_reads.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kept {

enum class OpenMode {
    read,  ///< the ledger must exist; NotFound otherwise
    write, ///< created, with its directories, when missing
};

/// How much a write transaction writes. A large one lets SQLite keep more ledger pages in memory
/// (its default is 2 MiB), and its statement journals in memory too: a bulk write into a large
/// ledger otherwise spills dirty pages and reads them back, and journals every insert to a
/// temporary file.
enum class WriteSize {
    small, ///< a command's few rows
    large, ///< an import, a rebuild: 64 MiB of cache
    huge,  ///< a generated benchmark ledger: 256 MiB of cache
};

/// One team's ledger. Every method that writes must run inside write(); every failure surfaces
/// as a kept::Error (SQLite's are mapped in one place, Connection::guard).
class Ledger {
  public:
    static constexpr int schema_version = 10;

    /// Opens the ledger at `path`. Throws NotFound (read mode, no file), ConfigError (schema newer
    /// than this binary), StorageError (not a kept ledger, I/O), Error(permission). Write mode
    /// creates a missing ledger and upgrades an older one (after a backup, migrations.cpp).
    Ledger(const std::filesystem::path& path, OpenMode mode, int busy_timeout_ms);
    /// An empty ledger in memory, for tests: schema_version, nothing on disk.
    static Ledger in_memory();
    ~Ledger();
    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;

    /// The file opened (":memory:" for in_memory()).
    const std::filesystem::path& path() const;
    /// A second connection to the same file, for reading (a scan: it caches few pages), with the
    /// same busy timeout; nullopt for a ledger in memory. Its read() need not see the state this
    /// one's does.
    std::optional<Ledger> reader() const;
    /// The UUID this ledger stamps as `origin` on the events it writes.
    const std::string& uuid() const;

    /// Runs `body` in one read transaction: every read in it sees the same state of the ledger,
    /// whatever other processes write meanwhile. Inside write() or read(), just runs it.
    void read(const std::function<void()>& body);
    /// Runs `body` in one BEGIN IMMEDIATE transaction and commits when it returns; any exception
    /// rolls everything back. Waits up to the busy timeout for other writers, then BusyError.
    /// Inside another write(), just runs it.
    void write(const std::function<void()>& body, WriteSize size = WriteSize::small);
    /// Like write, for a body that only adds new commitments (append of `added` events), about
    /// `expected` of them: the reliability tallies and the open work are summed once for all of
    /// them at the end, instead of row by row; and when they outnumber the events held, the
    /// indexes of the events and commitments are built at the end too.
    void write_bulk(std::int64_t expected, const std::function<void()>& body,
                    WriteSize size = WriteSize::large);
    /// Like write, for a body that adds or changes up to `changes` commitments (an import of
    /// events): when they outnumber the commitments held, the tallies and the open work are
    /// counted again from every commitment at the end instead of row by row (the triggers were
    /// a third of an import into an empty ledger).
    void write_changing(std::size_t changes, const std::function<void()>& body,
                        WriteSize size = WriteSize::large);

    /// The event log: append, import, read events back (event_log.hpp).
    EventLog events();
    /// The commitments table: find, list, rebuild (commitment_store.hpp).
    CommitmentStore commitments();
    /// The report's, forecast's and schedule check's lean reads (report_reads.hpp).
    ReportReads reads();
    /// The reliability tallies (tallies.hpp).
    Tallies tallies();
    /// Verify's reads of the database itself (verify_reads.hpp).
    VerifyReads checks();
    /// What sync remembers of each replica file (replica_file_store.hpp).
    ReplicaFileStore replica_files();
    /// The replicas' keys and their events' signatures (signature_store.hpp).
    SignatureStore signatures();

  private:
    Ledger() = default;
    std::unique_ptr<Connection> connection_;
};

} // namespace kept
