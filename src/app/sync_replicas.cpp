#include "app/sync_replicas.hpp"

#include "app/replica_layout.hpp"
#include "app/sync.hpp"
#include "kept/error.hpp"
#include "kept/event.hpp"
#include "kept/event_lines.hpp"
#include "kept/signing.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <queue>
#include <set>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

/// How many events a sync imports in one transaction: a first sync of a long history is
/// streamed, holding a batch and one chunk per replica in memory, never the history.
constexpr std::size_t import_batch = 5000;

/// Whether an event of ours that the ledger refused was written by a replica holding our key
/// `key`: a copy of this ledger, or this one before it was restored from a backup (a fork).
/// Anything else in our files (a line rewritten, or added, by someone who can push) is
/// tampering.
bool written_by_us(const std::string& key, const Event& event) {
    return compute_hash(event) == event.hash && signature_valid(key, event.hash, event.signature);
}

} // namespace

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
        bool tampered = false;      ///< ours, refused, and not written by a replica with our key
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
        replicas.push_back({std::move(stream), std::move(before), false, false, {}, {}});
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
        /// A copy of our event, when this ledger signs: written_by_us checks it if it is refused
        /// (checking every one read cost a signature verification each). A ledger that never
        /// signed cannot tell tampering from a fork, and forks as before.
        std::optional<Event> ours;
    };
    const std::optional<std::string> our_key = ledger.signatures().key_of(ledger.uuid());
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
                    r.tampered = source.ours && !written_by_us(*our_key, *source.ours);
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
        from.push_back({i, at, e.uuid, e.hash, e.prev_hash, e.clock,
                        is_ours(r) && our_key ? std::optional(e) : std::nullopt});
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
                if (r.tampered) {
                    // The ledger holds our events as we wrote them: the files are written
                    // anew from it, under the same identity.
                    ReplicaProblem damage = *r.state.problem;
                    damage.reason += " (not written by this replica: its key did not sign it)";
                    scan.our_damage = damage;
                } else if (r.refused) {
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

/// Appends to our replica's chunks the events of ours they do not hold yet, filling the last
/// chunk up to replica_chunk_lines and starting new ones. A history `damaged` after its intact
/// events (a bad line someone pushed) is written anew from the ledger, the source of truth for
/// this replica's events.
Appended append_ours(Ledger& ledger, const fs::path& events_dir, const ReplicaScan& scan) {
    const auto& last_uuid = scan.our_last_uuid;
    bool damaged = scan.our_damage.has_value();
    EventQuery query;
    query.origin = ledger.uuid();
    if (last_uuid && !damaged) { // damaged files are written anew whole, whatever they hold
        auto seq = ledger.events().seq_of(*last_uuid);
        if (!seq) {
            throw BadValue(fmt::format("sync: the replica files of this ledger in {} hold events "
                                       "it lacks (was it restored from a backup, or copied?)",
                                       events_dir.string()));
        }
        query.after_seq = *seq;
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
    ledger.events().for_each_event(query, [&](const Event& stored) {
        Event e = stored;
        ledger.signatures().attach(e);
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

} // namespace kept::app
