#include "cli/command.hpp"
#include "cli/views.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace kept::cli {

Run attach_show(CLI::App& sub) {
    auto id = std::make_shared<std::string>();
    sub.add_option("ID", *id, "The commitment")->required();
    return [id](Context& context) {
        std::int64_t wanted = parse_id(*id);
        Format format = context.format();
        Ledger ledger = context.open_ledger(OpenMode::read);
        print_commitment(context, format, require_commitment(ledger, wanted));
        return 0;
    };
}

} // namespace kept::cli
