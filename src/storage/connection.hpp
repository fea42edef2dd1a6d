#pragma once

// Internal to the storage module: the SQLite connection every part of a Ledger works through
// (connection.cpp opens it: file modes, WAL, busy timeout), its transactions (ledger.cpp), the
// one guard that turns SQLite's exceptions into kept errors, and the prepared statements and
// chain ends the parts share inside one write.

#include "kept/ledger.hpp"
#include "raw_statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace kept {

/// Converts a SQLite failure into the kept::Error that says what happened to the user.
[[noreturn]] void rethrow_storage_error(const SQLite::Exception& error,
                                        const std::filesystem::path& path);

/// What a bulk write's body does to the commitments, and so which derived-table triggers it
/// pauses and what it fills at its end.
enum class BulkFillMode {
    /// Only adds commitments: the insert triggers paused, the rows added (ids above the highest
    /// before) filled in.
    added,
    /// Writes every commitment anew (rebuild): every commitment row and derived row is deleted
    /// first, the insert and delete triggers paused, all rows filled in.
    replaced,
    /// Adds and changes commitments (an import of events): every trigger paused, the tables
    /// emptied at the end and filled from all rows.
    recounted,
};

/// The one SQLite connection of a Ledger, which every part (EventLog, CommitmentStore, ...)
/// works through. It holds what the parts share: the database, the write state, the prepared
/// statements, and the row primitives (insert an event, save a commitment row, replay one)
/// that more than one part calls. Defined in connection.cpp (opening), ledger.cpp
/// (transactions), event_log.cpp, commitment_store.cpp, rows.cpp and bulk_fills.cpp.
class Connection {
  public:
    std::filesystem::path path;
    SQLite::Database db;
    std::string uuid;
    bool in_write = false;
    bool in_read = false;
    int busy_timeout_ms = 0;

    // Prepared once per process on first use: a single command runs the same statements often
    // only during import, but then it matters.
    std::optional<SQLite::Statement> insert_event;
    std::optional<SQLite::Statement> insert_commitment;
    std::optional<SQLite::Statement> update_commitment;
    std::optional<SQLite::Statement> select_commitment;
    std::optional<SQLite::Statement> select_last_clock;
    std::optional<SQLite::Statement> select_last_hash;
    std::optional<SQLite::Statement> select_commitment_id;
    std::optional<SQLite::Statement> select_event_by_uuid;
    std::optional<RawStatement> select_open_queue;
    std::optional<SQLite::Statement> select_key;
    std::optional<SQLite::Statement> select_signature;
    std::optional<SQLite::Statement> select_announced;
    std::optional<SQLite::Statement> insert_signature_row;

    /// The team's pins and revocations imports follow (SignatureStore::set_trust).
    Trust trust;
    /// Whether the ledger has schema 8's signature tables (an older one, read as it is, not).
    std::optional<bool> known_has_signatures;
    /// Each origin's current key read or written inside one write; forgotten with the chain ends.
    std::map<std::string, std::optional<std::string>, std::less<>> known_keys;

    // What the events table ends with, known inside one write transaction (which holds the lock,
    // so only this connection changes it, through insert): the next clock, and the last hash of
    // each origin read or written. Forgotten when a transaction starts.
    std::optional<std::int64_t> known_next_clock;
    std::map<std::string, std::string, std::less<>> known_last_hash;

    /// `filename` is what SQLite opens: the path, or a URI naming it.
    Connection(const std::filesystem::path& p, const std::string& filename, int flags,
               int timeout_ms);

    /// Opens the ledger at `path` as Ledger's constructor documents.
    static std::unique_ptr<Connection> open(const std::filesystem::path& path, OpenMode mode,
                                            int busy_timeout_ms);

    /// Runs `body` and returns what it returns; a SQLite failure inside becomes the kept::Error
    /// that says what happened to the user (rethrow_storage_error). The one place that maps them.
    template <class Body> decltype(auto) guard(Body&& body) {
        try {
            return std::forward<Body>(body)();
        } catch (const SQLite::Exception& error) {
            rethrow_storage_error(error, path);
        }
    }

    /// Ledger::read: one DEFERRED transaction around `body` (just `body` inside a write).
    void read(const std::function<void()>& body);
    /// Ledger::write: one BEGIN IMMEDIATE transaction around `body`, rolled back when it throws;
    /// the chain ends remembered are forgotten at both ends.
    void write(const std::function<void()>& body, WriteSize size);
    /// Sets the page cache for a write of `size` (a no-op for small).
    void size_cache_for(WriteSize size);

    SQLite::Statement& statement(std::optional<SQLite::Statement>& slot, const char* sql);
    /// Whether the schema has this index (an older ledger, read as it is, may lack it).
    bool has_index(const char* name);
    /// The ledger's schema version (PRAGMA user_version): a read leaves an older one as it is.
    int schema();
    std::int64_t next_clock();
    std::string last_hash_of(const std::string& origin);
    bool has_signatures();
    /// The key this ledger holds for `origin` now (the one announced last), if any.
    std::optional<std::string> key_of(const std::string& origin);
    void insert_signature(std::int64_t seq, std::string_view signature_hex);
    void insert_key(const std::string& origin, std::int64_t since_seq,
                    const std::string& public_key);
    /// The uuid of the commitment's last event in replay order ("" when it has none).
    std::string latest_event_of(std::int64_t commitment_id);
    std::optional<std::int64_t> commitment_id_of(const std::string& commitment_uuid);
    /// Inserts the event row; `payload_json` is its payload as stored (event.payload.dump()),
    /// when the caller has it already.
    void insert(const Event& event, const std::string* payload_json = nullptr);
    /// Writes `c` (inserting when c.id == 0) and returns its id.
    std::int64_t save(const Commitment& c);
    Commitment replay(std::int64_t commitment_id);
    /// Forgets known_next_clock and known_last_hash.
    void forget_chain_ends();
    /// Runs `body`, inside a write transaction, with the derived tables' triggers paused and the
    /// tables filled once at its end (see BulkFillMode).
    void with_fills_at_end(BulkFillMode mode, const std::function<void()>& body);
    /// Runs `body`, inside a write transaction, with the indexes the schema declares on `tables`
    /// dropped, and builds them again at its end: for a write that brings more rows than the
    /// tables hold, sorting every row once costs less than placing each row in each index. The
    /// indexes of UNIQUE constraints stay, for the writes to check against. `body` must not read
    /// by the dropped indexes (INDEXED BY would fail; any other read would scan). The connection
    /// keeps the small cache and file-backed temp_store it sets for them.
    void with_indexes_built_at_end(std::initializer_list<const char*> tables,
                                   const std::function<void()>& body);
    /// The bound SELECT of event_columns that `query` asks for.
    SQLite::Statement select_events(const EventQuery& query);
};

/// A date column's text as a Date; StorageError when it is not one.
Date checked_date(std::string_view text);
/// Column `index` of the current row as a date (checked_date).
Date date_at(SQLite::Statement& row, int index);
Date date_at(const RawStatement& row, int index);

/// The derived tables a bulk write fills at its end, for the commitments with ids in (?1, ?2],
/// instead of their insert triggers row by row: each names its insert trigger and gives the SQL
/// that adds those commitments' share, summed (the same columns and sums as the triggers).
struct BulkFill {
    const char* table;
    const char* insert_trigger;
    const char* update_trigger;
    const char* delete_trigger;
    std::string add_since;
};
/// reliability_counts and open_work (bulk_fills.cpp; the same sums as migrate_3_to_4.sql).
BulkFill reliability_tallies_bulk_fill();
BulkFill open_work_bulk_fill();

/// The client kind stored as text.
inline ClientKind client_kind_of(std::string_view text) {
    return text == "internal" ? ClientKind::internal : ClientKind::external;
}

/// The state stored as text, by core's one rule (parse_state); StorageError when not a state.
State state_of(std::string_view text);

/// Creates the schema on an empty database, upgrades an older one (when `may_write`; an older
/// one is read as is otherwise), refuses a newer one. Returns the ledger UUID.
std::string prepare_schema(SQLite::Database& db, const std::filesystem::path& path, bool may_write);

/// Runs the migration steps after schema `from` up to Ledger::schema_version and records the new
/// version. Must run inside the caller's write transaction.
void apply_migrations(SQLite::Database& db, int from);

/// Upgrades an older ledger to Ledger::schema_version in one BEGIN IMMEDIATE transaction, after
/// writing a backup copy next to it (backup_path). On any failure the ledger is left as it was and
/// the backup removed; throws BusyError when the lock does not come, StorageError otherwise.
void upgrade_schema(SQLite::Database& db, const std::filesystem::path& path);

/// Where the backup of a ledger at schema `version` goes before an upgrade: LEDGER.vN.bak.
std::filesystem::path backup_path(const std::filesystem::path& ledger, int version);

Commitment commitment_from_row(SQLite::Statement& row);
/// Reads an event row; with `parse_payload` false, event.payload is left null (the text is in
/// column event_payload_column).
Event event_from_row(SQLite::Statement& row, bool parse_payload = true);
/// Where the payload text is among event_columns.
constexpr int event_payload_column = 8;
/// The column list that event_from_row expects, in order.
extern const char* const event_columns;
/// The column list that commitment_from_row expects, in order, for a ledger at schema
/// `schema` (read as it is, an older one lacks the later columns: they read as NULL).
std::string commitment_columns(int schema);

} // namespace kept
