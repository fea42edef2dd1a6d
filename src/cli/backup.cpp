#include "app/backup.hpp"
#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace fs = std::filesystem;

namespace {

struct BackupOptions {
    std::string file;
    bool force = false;
};

int run_backup(Context& context, const BackupOptions& options) {
    const fs::path target = options.file;
    Ledger ledger = context.open_ledger(OpenMode::read);
    std::int64_t events =
        app::backup_ledger(ledger, target, options.force, context.busy_timeout_ms());
    context.out() << fmt::format("backed up {} events to {}; the copy verifies\n", events,
                                 target.string());
    return 0;
}

} // namespace

Run attach_backup(CLI::App& sub) {
    auto options = std::make_shared<BackupOptions>();
    sub.add_option("FILE", options->file,
                   "Where to write the copy: a new file of mode 0600, written whole or not at all")
        ->required();
    sub.add_flag("--force", options->force, "Replace FILE when it exists");
    return [options](Context& context) { return run_backup(context, *options); };
}

} // namespace kept::cli
