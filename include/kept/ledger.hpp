#pragma once

#include "kept/commitment.hpp"
#include "kept/event.hpp"
#include "kept/facts.hpp"
#include "kept/reliability.hpp"
#include "kept/replica.hpp"
#include "kept/schedule.hpp"
#include "kept/verify.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// Which commitments `list` returns.
struct ListFilter {
    enum class States { open, closed, all };
    std::optional<std::string> owner;
    std::optional<std::string> client;
    States states = States::open;
    std::optional<Date> due_before; ///< strictly before
    std::optional<std::string> tag;
};

/// Which events for_each_event visits.
struct EventQuery {
    std::optional<std::int64_t> commitment_id;
    std::optional<Date> since;             ///< events made on or after this day
    std::optional<Date> until;             ///< events made on or before this day
    std::optional<std::string> origin;     ///< only events first written in this ledger
    std::optional<std::int64_t> after_seq; ///< only events after this seq
    /// only events of commitments that have an event made after this day
    std::optional<Date> changed_after;
    bool replay_order = false; ///< total replay order (clock, origin) instead of ledger order (seq)
    bool by_commitment = false; ///< grouped by commitment id, each group in replay order
};

/// What the forecast shows of an open commitment.
struct OpenCommitment {
    std::int64_t id = 0;
    std::string uuid;
    std::string title;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::string owner;
    Date due{};
    Minutes effort = 0;
};

/// An event an import could not take, and why; the later events of its origin were left out
/// with it.
struct RefusedEvent {
    std::string uuid;
    std::string origin;
    std::string reason;
};

/// What an import did.
struct ImportCounts {
    std::int64_t added = 0;            ///< events new to this ledger
    std::int64_t present = 0;          ///< events it already held
    std::vector<RefusedEvent> refused; ///< with OnBadEvent::skip_origin: one per origin
};

/// How far sync has imported one replica file, and where the file stopped being importable.
struct ReplicaFileState {
    std::string origin;             ///< the replica the file belongs to (its name)
    std::int64_t resume_part = 0;   ///< the chunk holding the last event taken (0: the old file)
    std::int64_t resume_offset = 0; ///< byte offset of the line of the last event taken
    std::int64_t resume_line = 0;   ///< that line's number; 0 when nothing was taken yet
    std::string last_uuid;          ///< the last event taken ("" when none)
    std::string last_hash;          ///< its hash, which chains the whole prefix
    std::int64_t last_clock = 0;
    std::optional<ReplicaProblem> problem; ///< the first line not taken, and why
    std::int64_t problem_part = 0;         ///< the chunk that line is in
};

/// What a batch import does with an event it cannot take.
enum class OnBadEvent {
    fail,        ///< throw, importing nothing
    skip_origin, ///< leave it and every later event of its origin out, import the rest
};

enum class OpenMode {
    read,  ///< the ledger must exist; NotFound otherwise
    write, ///< created, with its directories, when missing
};

/// One team's ledger: the SQLite file holding the events and the derived commitments table.
/// Every method that writes must run inside write(); every failure surfaces as a kept::Error.
class Ledger {
  public:
    static constexpr int schema_version = 6;

    /// Opens the ledger at `path`. Throws NotFound (read mode, no file), ConfigError (schema newer
    /// than this binary), StorageError (not a kept ledger, I/O), Error(permission).
    Ledger(const std::filesystem::path& path, OpenMode mode, int busy_timeout_ms);
    ~Ledger();
    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;

    const std::filesystem::path& path() const;
    /// The UUID this ledger stamps as `origin` on the events it writes.
    const std::string& uuid() const;

    std::optional<Commitment> find(std::int64_t id);
    std::optional<Commitment> find_by_uuid(const std::string& uuid);
    /// Matching commitments sorted by due date, then id.
    std::vector<Commitment> list(const ListFilter& filter);
    void for_each_event(const EventQuery& query, const std::function<void(const Event&)>& visit);
    /// Visits the report facts of each commitment, in id order: only `owner`'s when given, only
    /// open ones when `open_only`. Reads just the columns the report needs; scope_items only
    /// where a rule reads it (open commitments whose scope grew; 0 elsewhere).
    void for_each_fact(const std::optional<std::string>& owner, bool open_only,
                       const std::function<void(const CommitmentFacts&)>& visit);
    /// The open work of `owner` but commitment `except_id`, as the schedule reads it (id, due
    /// date, remaining effort), in the schedule's order: the check every add and renegotiate
    /// makes. With `from_due`, the work due before it comes summed into one item (id 0, due the
    /// day before), which it schedules alike: a change due on or after `from_due` cannot move it.
    std::vector<QueuedWork> open_queue(const std::string& owner, std::int64_t except_id = 0,
                                       std::optional<Date> from_due = std::nullopt);
    /// The open commitments (only `owner`'s when given) with what the forecast shows.
    std::vector<OpenCommitment> open_commitments(const std::optional<std::string>& owner);
    /// open_queue's rows due before `until_due` alone (what its sum stands for), in order.
    std::vector<QueuedWork> open_queue_before(const std::string& owner, std::int64_t except_id,
                                              Date until_due);
    /// The open commitments, in id order, with what the load and flag rules read: the facts
    /// but the client (left empty; scope_items as for_each_fact).
    void for_each_open(const std::function<void(const CommitmentFacts&)>& visit);
    /// The delivered commitments (only `owner`'s when given) with what calibration and accuracy
    /// ratios read: owner, state, effort, original effort, effort spent, and with `with_dates`
    /// created, original due and closed (left unset without: accuracy needs no dates).
    void for_each_delivered(const std::optional<std::string>& owner,
                            const std::function<void(const CommitmentFacts&)>& visit,
                            bool with_dates = true);
    /// Visits the reliability tallies the ledger keeps, one per owner, client and client kind
    /// (only `owner`'s when given), in that order. False, visiting none, for a ledger older than
    /// schema 4, which keeps none.
    bool for_each_tally(const std::optional<std::string>& owner,
                        const std::function<void(const ReliabilityTally&)>& visit);
    /// The renegotiations made after the due date then in force, on days in [since, until], in
    /// replay order.
    std::vector<LateRenegotiation> late_renegotiations(Date since, Date until);
    /// The commitments whose row's last clock is not the highest clock of their events, and
    /// events of commitments without a row, ordered by id: two index scans, no payload read.
    std::vector<ClockMismatch> clock_mismatches();
    /// Runs `body` in one read transaction: every read in it sees the same state of the ledger,
    /// whatever other processes write meanwhile.
    void read(const std::function<void()>& body);
    /// The ids of the commitments that have an event made after `day`, ascending.
    std::vector<std::int64_t> commitments_changed_after(Date day);
    /// The ids of the open commitments whose events come from more than one replica, ascending:
    /// the only ones that can hold a conflict now.
    std::vector<std::int64_t> open_commitments_of_several_replicas();

    /// Like for_each_event, but hands over each payload as the JSON text stored, unparsed
    /// (event.payload stays null): for checks that need only the bytes, such as the hash chain.
    void for_each_stored_event(
        const EventQuery& query,
        const std::function<void(const Event&, std::string_view payload_json)>& visit);
    std::int64_t event_count();

    /// Runs `body` in one BEGIN IMMEDIATE transaction and commits when it returns; any exception
    /// rolls everything back. Waits up to the busy timeout for other writers, then BusyError.
    void write(const std::function<void()>& body);

    /// Like write, for a body that only adds new commitments (append of `added` events): the
    /// reliability tallies and the open work are summed once for all of them at the end,
    /// instead of row by row.
    void write_bulk(const std::function<void()>& body);

    /// Appends an event written here: fills seq, origin, clock, prev_hash and hash, applies it to
    /// its commitment (creating it for `added`) and returns the commitment's new state.
    Commitment append(Event draft);

    /// Inserts an event first written in another ledger, as is (same uuid, clock, hashes).
    /// Returns false when this ledger already holds it. Throws BadValue when it holds another
    /// event with the same uuid (a rewrite), when its hash is wrong, it does not follow the last
    /// event this ledger holds from its origin, its commitment is unknown, or its clock is not
    /// justified: above max_imported_clock, or more than one above the greatest clock held (its
    /// writer had seen an event with the clock just below its own, which in replay order is
    /// imported first).
    bool import_event(const Event& event);

    /// Imports a batch of events in one transaction, in replay order (which keeps each origin's
    /// chain order, since clocks grow along every chain). All or nothing with OnBadEvent::fail.
    ImportCounts import_events(std::vector<Event> events, OnBadEvent on_bad = OnBadEvent::fail);

    /// What sync remembers of each replica file, by origin; empty for a ledger older than
    /// schema 6, which keeps none.
    std::vector<ReplicaFileState> replica_files();
    /// Records `state` for its origin, replacing what was there. Inside write().
    void save_replica_file(const ReplicaFileState& state);

    /// Recomputes the whole commitments table from the events alone, replaying them in the total
    /// order, in one transaction. Returns the number of commitments.
    std::int64_t rebuild();

    /// Whether this ledger holds events first written in another ledger (imported or synced).
    bool has_foreign_events();

    /// The seq of the event with this uuid, if this ledger holds it.
    std::optional<std::int64_t> seq_of(const std::string& event_uuid);

    /// Lets SQLite keep up to `mib` MiB of ledger pages in memory (its default is 2), and its
    /// statement journals in memory too. For bulk writes into a large ledger, which otherwise
    /// spill dirty pages and read them back, and journal every insert to a temporary file.
    void set_cache_size(int mib);

    /// Runs PRAGMA integrity_check, or with `full` false the linear-time PRAGMA quick_check
    /// (everything but whether each index holds exactly its table's rows); returns its messages
    /// ("ok" alone when sound).
    std::vector<std::string> integrity_check(bool full = true);

    /// How many (owner, due date) sums of open work differ from a count of the open
    /// commitments (0 when the ledger keeps none): for verify.
    std::int64_t open_work_mismatches();

  private:
    void open(const std::filesystem::path& path, const std::string& filename, int flags,
              OpenMode mode, int busy_timeout_ms);
    /// Runs a SELECT of the facts' columns (?1 bound to `owner` when given) and visits each row.
    void visit_facts(const std::string& sql, const std::optional<std::string>& owner,
                     const std::function<void(const CommitmentFacts&)>& visit);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The ledger path when no config names one: $XDG_DATA_HOME/kept/default.db
/// (or ~/.local/share/kept/default.db).
std::filesystem::path default_ledger_path();

} // namespace kept
