#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <ostream>

namespace kept::cli {

Run attach_rebuild(CLI::App&) {
    return [](Context& context) {
        Ledger ledger = context.open_ledger(OpenMode::write);
        std::int64_t commitments = ledger.commitments().rebuild();
        context.out() << fmt::format("rebuilt {} commitment(s) from {} event(s)\n", commitments,
                                     ledger.events().event_count());
        return 0;
    };
}

} // namespace kept::cli
