#include "app/verify.hpp"
#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

Run attach_verify(CLI::App& sub) {
    auto full = std::make_shared<bool>(false);
    sub.add_flag("--full", *full,
                 "Also check that every index holds exactly its table's rows (PRAGMA "
                 "integrity_check) and replay every commitment's events against its row "
                 "(slower on large ledgers)");
    return [full](Context& context) {
        Ledger ledger = context.open_ledger(OpenMode::read);
        app::Verified verified = app::verify(ledger, *full);
        std::int64_t events = verified.events;
        int replicas = verified.replicas;
        context.out() << fmt::format(
            "ok: {} events, hash chain intact, database sound{}{}\n", events,
            replicas ? fmt::format(", {} replica file(s) intact", replicas) : "",
            *full ? " (full check)" : "");
        return 0;
    };
}

} // namespace kept::cli
