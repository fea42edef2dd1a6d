#include "app/verify.hpp"

#include "app/replica_layout.hpp"
#include "app/sync.hpp"
#include "kept/error.hpp"
#include "kept/replica.hpp"
#include "kept/signing.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

/// Checks the replica files of the sync working copy: each replica's files must be one intact
/// chain of events written by that replica, by the rule sync imports them with. Returns how
/// many replicas' files it checked.
int verify_replica_files(const fs::path& ledger) {
    int replicas = 0;
    for (const auto& [origin, parts] : replica_parts(sync_directory(ledger) / "events")) {
        ++replicas;
        // One part at a time: a long history is never held whole.
        ReplicaStream stream(origin, parts, {});
        while (stream.peek()) {
            stream.take();
        }
        if (stream.problem()) {
            throw CheckFailed(fmt::format("{} line {}: {}", stream.problem_path().string(),
                                          stream.problem()->line, stream.problem()->reason));
        }
    }
    return replicas;
}

/// How many owner/client groups the ledger's reliability tallies count otherwise than its
/// commitments table (0 for a ledger that keeps none).
std::int64_t tally_mismatches(Ledger& ledger) {
    std::vector<ReliabilityTally> kept_tallies;
    if (!ledger.tallies().for_each_tally(
            std::nullopt, [&](const auto& tally) { kept_tallies.push_back(tally); })) {
        return 0;
    }
    Tallier recount;
    ledger.reads().for_each_fact(std::nullopt, false,
                                 [&](const CommitmentFacts& c) { recount.add(c); });
    // The table orders client kinds by their text; the recount by the enum.
    std::sort(kept_tallies.begin(), kept_tallies.end(), [](const auto& a, const auto& b) {
        return std::tie(a.owner, a.client, a.client_kind) <
               std::tie(b.owner, b.client, b.client_kind);
    });
    return tally_differences(kept_tallies, recount.tallies());
}

/// The checks on the ledger itself, in one read transaction so that they all see one state.
void check_ledger(Ledger& ledger, bool full, ChainChecker& chain) {
    auto integrity = ledger.checks().integrity_check(full);
    if (integrity.size() != 1 || integrity.front() != "ok") {
        throw CheckFailed(fmt::format("{}: SQLite integrity check failed: {}",
                                      ledger.path().string(), integrity.front()));
    }
    ledger.events().for_each_stored_event(
        {}, [&](const Event& e, std::string_view payload) { chain.feed(e, payload); });
    if (auto bad = chain.first_bad_seq()) {
        throw CheckFailed(fmt::format("{}: hash chain broken at event seq {}: {}",
                                      ledger.path().string(), *bad, chain.problem()));
    }
    // The chains are intact: each replica's signature of its last event vouches for its chain
    // (--full checks every signature).
    SignatureChecker signatures(ledger.signatures().keys(), ledger.uuid(), true);
    auto feed = [&](const SignedRow& row) {
        signatures.feed(row.origin, row.seq, row.hash, row.signature);
    };
    if (full) {
        ledger.signatures().for_each_signed_row(feed);
    } else {
        for (const SignedRow& head : ledger.signatures().heads()) {
            feed(head);
        }
    }
    if (!signatures.finish()) {
        throw CheckFailed(fmt::format("{}: signature check failed at event seq {}: {}",
                                      ledger.path().string(), *signatures.first_bad_seq(),
                                      signatures.problem()));
    }
    // The commitments table must be what the events say. Every verify
    // compares each row's last clock with its events; --full replays them all.
    if (auto problem = describe_clock_mismatches(ledger.checks().clock_mismatches());
        !problem.empty()) {
        throw CheckFailed(fmt::format("{}: {}", ledger.path().string(), problem));
    }
    // The report reads reliability from the tallies the triggers keep beside that table:
    // recount them here, the way the report would without them.
    if (auto groups = tally_mismatches(ledger); groups > 0) {
        throw CheckFailed(fmt::format("{}: the reliability tallies of {} owner/client group{} "
                                      "differ from the commitments table; kept rebuild "
                                      "recounts them",
                                      ledger.path().string(), groups, groups == 1 ? "" : "s"));
    }
    // And the schedule's check of add and renegotiate reads the sums of open work kept beside it.
    if (auto sums = ledger.checks().open_work_mismatches(); sums > 0) {
        throw CheckFailed(fmt::format("{}: the open work of {} owner/due date pair{} differs "
                                      "from the open commitments; kept rebuild recounts it",
                                      ledger.path().string(), sums, sums == 1 ? "" : "s"));
    }
    if (!full) {
        return;
    }
    ListFilter everything;
    everything.states = ListFilter::States::all;
    StateChecker state(ledger.commitments().list(everything));
    EventQuery grouped;
    grouped.by_commitment = true;
    ledger.events().for_each_event(grouped, [&](const Event& e) { state.feed(e); });
    if (!state.finish()) {
        throw CheckFailed(fmt::format("{}: commitment #{} does not match its events: {}",
                                      ledger.path().string(), *state.first_bad_commitment(),
                                      state.problem()));
    }
}

} // namespace

std::int64_t verify_ledger(Ledger& ledger, bool full) {
    ChainChecker chain;
    ledger.read([&] { check_ledger(ledger, full, chain); });
    return chain.checked();
}

Verified verify(Ledger& ledger, bool full) {
    Verified out;
    out.events = verify_ledger(ledger, full);
    out.replicas = verify_replica_files(ledger.path());
    for (const auto& file : ledger.replica_files().all()) {
        if (file.problem) {
            throw CheckFailed(fmt::format(
                "{} line {}: {} (found by the last sync: its later events are not imported)",
                (file.problem_part == 0
                     ? sync_directory(ledger.path()) / "events" / (file.origin + ".ndjson")
                     : chunk_path(sync_directory(ledger.path()) / "events", file.origin,
                                  file.problem_part))
                    .string(),
                file.problem->line, file.problem->reason));
        }
    }
    return out;
}

} // namespace kept::app
