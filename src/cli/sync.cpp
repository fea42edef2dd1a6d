#include "app/sync.hpp"
#include "cli/command.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace fs = std::filesystem;

namespace {

constexpr int default_git_timeout_s = 600;

struct SyncOptions {
    std::string remote;
};

int run_sync(Context& context, const SyncOptions& o) {
    fs::path ledger_path = context.ledger_path();
    std::string remote = !o.remote.empty() ? o.remote : context.config().sync_remote.value_or("");
    // Refused before anything is created: no ledger, no lock file, no working copy.
    app::check_sync_remote(ledger_path, remote);
    context.require_ledger_directory(ledger_path);
    int git_timeout_ms =
        number_from_env("KEPT_SYNC_TIMEOUT", default_git_timeout_s, "seconds") * 1000;
    app::SyncSession session(ledger_path, context.busy_timeout_ms());
    app::SyncResult result =
        session.run(remote, context.actor(), git_timeout_ms, context.config().sync_trust);
    const auto& problems = result.problems;
    bool remembered = !o.remote.empty() && !context.config().sync_remote &&
                      app::remember_remote(context.config_path(), o.remote);
    context.out() << fmt::format(
        "synced: {} new event(s) imported, {} pushed{}{}{}{}\n", result.imported, result.appended,
        remembered ? fmt::format(" (remote saved in {})", context.config_path().string()) : "",
        result.repaired, result.forked, result.key_note);
    if (!problems.empty()) {
        throw CheckFailed(fmt::format("sync: {}; the later events of {} not imported until "
                                      "{} fixed",
                                      fmt::join(problems, "; "),
                                      problems.size() == 1 ? "that file are" : "those files are",
                                      problems.size() == 1 ? "it is" : "they are"));
    }
    return 0;
}

} // namespace

std::string sync_notes() {
    return std::string(
        "A second machine: run kept sync --remote URL on a new, empty ledger there; never\n"
        "copy a ledger file (both copies would write as one replica).\n"
        "A ledger restored from a backup: sync it before writing to it, and it takes back\n"
        "its events from its replica file.\n"
        "Restored and written to, or copied and both written to: the ledger becomes a new\n"
        "replica, its events since kept (the old file stays as LEDGER.fork-*.db).\n"
        "Events are signed with the key in LEDGER.key (back it up with the ledger); a\n"
        "replica's key is trusted on first use, another key refused until pinned in\n"
        "[sync] trusted.\n"
        "Exit 1: a replica file has a bad line (named); the rest synced. 75: another sync\n"
        "of this ledger is running. See docs/sync.md.\n");
}

Run attach_sync(CLI::App& sub) {
    auto o = std::make_shared<SyncOptions>();
    sub.add_option("--remote", o->remote,
                   "The git remote: ssh, https, git, file URL or a path (default: [sync] remote "
                   "in kept.toml)")
        ->type_name("URL");
    return [o](Context& context) { return run_sync(context, *o); };
}

} // namespace kept::cli
