#pragma once

// The subcommand table: each src/cli/<name>.cpp registers its options on its CLI11 subcommand
// and returns the function that runs it. Each row also says what the command needs (config,
// ledger for reading or writing, several ledgers): main refuses a roll-up the row does not
// allow, and the Context refuses a config or ledger the row does not list. main() and the help
// text read this one table.

#include "cli/context.hpp"

#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace kept::cli {

/// Runs a parsed subcommand; returns the exit code (errors are thrown, not returned).
using Run = std::function<int(Context&)>;

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view example; ///< one line, shown under --help
    Needs needs;              ///< what it runs against; main and Context act on it
    Run (*attach)(CLI::App& sub);
    /// The global options it has no use for ("--format,--color"), left out of its --help;
    /// --no-pager counts as one unless needs.pager. A global option not named is one it honours.
    std::string_view ignores = {};
    /// More help, shown under the options and above the global ones; nullptr when none.
    std::string (*notes)() = nullptr;
};

/// Every subcommand, in the order help lists them.
std::span<const Command> commands();

/// The row of the command called `name`; nullptr when none is.
const Command* find_command_row(std::string_view name);

/// The options of `root` (the global ones) that `command` honours, --help and --version left
/// out, in the order `root` has them.
std::vector<const CLI::Option*> honoured_globals(const CLI::App& root, const Command& command);

// One per file in src/cli/.
Run attach_init(CLI::App& sub);
// The notes of the commands that have them.
std::string check_notes();
std::string sync_notes();
Run attach_add(CLI::App& sub);
Run attach_renegotiate(CLI::App& sub);
Run attach_edit(CLI::App& sub);
Run attach_close(CLI::App& sub);
Run attach_reopen(CLI::App& sub);
Run attach_list(CLI::App& sub);
Run attach_show(CLI::App& sub);
Run attach_log(CLI::App& sub);
Run attach_verify(CLI::App& sub);
Run attach_backup(CLI::App& sub);
Run attach_config(CLI::App& sub);
Run attach_sync(CLI::App& sub);
Run attach_rebuild(CLI::App& sub);
Run attach_report(CLI::App& sub);
Run attach_check(CLI::App& sub);
Run attach_when(CLI::App& sub);
Run attach_forecast(CLI::App& sub);
Run attach_triage(CLI::App& sub);
Run attach_statement(CLI::App& sub);
Run attach_digest(CLI::App& sub);
Run attach_export(CLI::App& sub);
Run attach_import(CLI::App& sub);
Run attach_completions(CLI::App& sub);

} // namespace kept::cli
