#include "app/sync_fork.hpp"

#include "kept/error.hpp"

#include <fmt/format.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t copy_batch = 5000;

/// Moves `from` (and its -wal and -shm, if any) to `to`.
void move_ledger_file(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::path source(from.string() + suffix);
        std::error_code ec;
        if (!fs::exists(source)) {
            continue;
        }
        fs::rename(source, fs::path(to.string() + suffix), ec);
        if (ec) {
            throw StorageError(fmt::format("sync: cannot move {} to {}: {}", source.string(),
                                           to.string(), ec.message()));
        }
    }
}

} // namespace

NewIdentity give_new_identity(Ledger ledger, const std::string& fork_prev_hash, int busy_timeout_ms,
                              const Trust& trust) {
    NewIdentity result;
    result.old_origin = ledger.uuid();
    fs::path path = ledger.path();
    fs::path building(path.string() + ".fork.tmp");
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ignored;
        fs::remove(fs::path(building.string() + suffix), ignored);
    }
    {
        Ledger fresh(building, OpenMode::write, busy_timeout_ms);
        // The keys the old ledger took stay trusted for the events it copies.
        Trust kept_keys = trust;
        for (const HeldKey& key : ledger.signatures().keys()) {
            kept_keys.pinned[key.origin].insert(key.public_key);
        }
        fresh.signatures().set_trust(kept_keys);
        result.new_origin = fresh.uuid();
        // The old replica's events from the fork on: recorded again under the new one.
        std::optional<std::int64_t> fork_seq;
        std::vector<Event> own_since;
        EventQuery own;
        own.origin = result.old_origin;
        ledger.events().for_each_event(own, [&](const Event& e) {
            if (!fork_seq && e.prev_hash == fork_prev_hash) {
                fork_seq = e.seq;
            }
            if (fork_seq) {
                own_since.push_back(e);
            }
        });
        // Everything else as it is, in replay order (a valid order to import in), in batches.
        std::vector<Event> batch;
        EventQuery all;
        all.replay_order = true;
        ledger.events().for_each_event(all, [&](const Event& e) {
            if (fork_seq && e.origin == result.old_origin && e.seq >= *fork_seq) {
                return;
            }
            batch.push_back(e);
            ledger.signatures().attach(batch.back());
            if (batch.size() >= copy_batch) {
                fresh.events().import_events(std::move(batch));
                batch.clear();
            }
        });
        fresh.events().import_events(std::move(batch));
        fresh.write([&] {
            for (Event& draft : own_since) {
                // Same commitment, time, actor, kind, payload and reason; append gives it its
                // place in the new replica's chain (origin, clock, hashes) and the base the new
                // ledger holds.
                draft.uuid = new_uuid();
                draft.payload.erase("base");
                fresh.events().append(std::move(draft));
            }
        });
        result.reissued = static_cast<std::int64_t>(own_since.size());
    }
    { Ledger closing = std::move(ledger); }

    result.kept_as =
        fs::path(fmt::format("{}.fork-{}.db", path.string(), result.old_origin.substr(0, 8)));
    for (int n = 2; fs::exists(result.kept_as); ++n) {
        result.kept_as = fs::path(
            fmt::format("{}.fork-{}-{}.db", path.string(), result.old_origin.substr(0, 8), n));
    }
    move_ledger_file(path, result.kept_as);
    move_ledger_file(building, path);
    return result;
}

} // namespace kept::app
