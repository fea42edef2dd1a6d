#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <ostream>

namespace kept::cli {

Run attach_rebuild(CLI::App&) {
    return [](Context& context) {
        Ledger ledger = context.open_ledger(OpenMode::write);
        ledger.set_cache_size(64); // every commitment row and index is written again
        std::int64_t commitments = ledger.rebuild();
        context.out() << fmt::format("rebuilt {} commitment(s) from {} event(s)\n", commitments,
                                     ledger.event_count());
        return 0;
    };
}

} // namespace kept::cli
