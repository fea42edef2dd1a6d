// The Ledger: its connection, its transactions and the parts it hands out.

#include "connection.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept {

namespace fs = std::filesystem;

Ledger::Ledger(const fs::path& path, OpenMode mode, int busy_timeout_ms)
    : connection_(Connection::open(path, mode, busy_timeout_ms)) {}

Ledger Ledger::in_memory() {
    Ledger ledger;
    ledger.connection_ = Connection::open(":memory:", OpenMode::write, 0);
    return ledger;
}

Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

const fs::path& Ledger::path() const {
    return connection_->path;
}

std::optional<Ledger> Ledger::reader() const {
    if (connection_->path == ":memory:") {
        return std::nullopt;
    }
    Ledger other(connection_->path, OpenMode::read, connection_->busy_timeout_ms);
    // A second reader scans: pages read once gain nothing from SQLite's 2 MiB cache.
    other.connection_->db.exec("PRAGMA cache_size = -256");
    return other;
}
const std::string& Ledger::uuid() const {
    return connection_->uuid;
}

EventLog Ledger::events() {
    return EventLog(*connection_);
}
CommitmentStore Ledger::commitments() {
    return CommitmentStore(*connection_);
}
ReportReads Ledger::reads() {
    return ReportReads(*connection_);
}
Tallies Ledger::tallies() {
    return Tallies(*connection_);
}
VerifyReads Ledger::checks() {
    return VerifyReads(*connection_);
}
SignatureStore Ledger::signatures() {
    return SignatureStore(*connection_);
}

ReplicaFileStore Ledger::replica_files() {
    return ReplicaFileStore(*connection_);
}

void Ledger::read(const std::function<void()>& body) {
    connection_->read(body);
}

void Ledger::write(const std::function<void()>& body, WriteSize size) {
    connection_->write(body, size);
}

void Ledger::write_bulk(std::int64_t expected, const std::function<void()>& body, WriteSize size) {
    connection_->write(
        [&] {
            auto held =
                connection_->db.execAndGet("SELECT ifnull(max(seq), 0) FROM events").getInt64();
            connection_->with_fills_at_end(BulkFillMode::added, [&] {
                if (expected > held) {
                    connection_->with_indexes_built_at_end({"events", "commitments"}, body);
                } else {
                    body();
                }
            });
        },
        size);
}

void Ledger::write_changing(std::size_t changes, const std::function<void()>& body,
                            WriteSize size) {
    connection_->write(
        [&] {
            auto held =
                connection_->db.execAndGet("SELECT ifnull(max(id), 0) FROM commitments").getInt64();
            if (static_cast<std::int64_t>(changes) > held) {
                connection_->with_fills_at_end(BulkFillMode::recounted, [&] {
                    connection_->with_indexes_built_at_end({"commitments"}, body);
                });
            } else {
                body();
            }
        },
        size);
}

void Connection::size_cache_for(WriteSize size) {
    if (size == WriteSize::small) {
        return;
    }
    int mib = size == WriteSize::huge ? 256 : 64;
    db.exec(fmt::format("PRAGMA cache_size = -{}", mib * 1024));
    // A bulk write's statement journals (the pages each insert changes, kept until it
    // completes) stay in memory instead of a temporary file.
    db.exec("PRAGMA temp_store = MEMORY");
}

void Connection::write(const std::function<void()>& body, WriteSize size) {
    if (in_write) {
        body();
        return;
    }
    guard([&] {
        size_cache_for(size);
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        forget_chain_ends(); // other processes may have written since
        in_write = true;
        try {
            body();
        } catch (...) {
            in_write = false;
            forget_chain_ends();
            throw;
        }
        in_write = false;
        forget_chain_ends();
        transaction.commit();
    });
}

void Connection::read(const std::function<void()>& body) {
    if (in_write || in_read) {
        body();
        return;
    }
    guard([&] {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::DEFERRED);
        in_read = true;
        try {
            body();
        } catch (...) {
            in_read = false;
            throw;
        }
        in_read = false;
        transaction.commit();
    });
}

} // namespace kept
