#pragma once

// What every subcommand runs against: the global options, the team config, the ledger, the
// clock and the output streams. Everything here is resolved lazily, once, on first use, so a
// command that never touches the config never parses it.

#include "cli/terminal.hpp"
#include "kept/config.hpp"
#include "kept/date.hpp"
#include "kept/ledger.hpp"
#include "kept/render.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kept::cli {

/// The options every subcommand accepts.
struct GlobalOptions {
    std::string config_file;
    std::string team;                      ///< the first --team
    std::string ledger_file;               ///< the first --ledger
    std::vector<std::string> teams;        ///< every --team, for an org roll-up
    std::vector<std::string> ledger_files; ///< every --ledger, for an org roll-up
    std::string format = "table";
    std::string color = "auto";
    std::string actor;
    bool no_pager = false;
};

enum class Format { table, json, ndjson, csv, tsv };

/// How a command uses its ledger.
enum class LedgerUse {
    none,  ///< never opens it
    read,  ///< opens it for reading (it must exist)
    write, ///< opens it for writing (created when missing)
};

/// What a command needs, as the command table records it (ninja's Tool::when): the team config,
/// the ledger and how, and whether it accepts several --team/--ledger options (an org roll-up).
struct Needs {
    bool config = true;
    LedgerUse ledger = LedgerUse::write;
    bool several_ledgers = false;
    /// Prints tables a pager may show on a terminal (list, show, log, report, forecast, config).
    bool pager = false;
    /// Reads every command's options (completions); the others get only their own built.
    bool every_command = false;
};

class Context {
  public:
    /// Throws BadValue when --color is not auto, always or never. `needs` is the command's row
    /// of the table: config() and open_ledger() throw Internal when asked for more.
    Context(GlobalOptions options, std::ostream& out, std::ostream& err, Needs needs = {});

    const GlobalOptions& options() const { return options_; }
    /// What the command running in this context needs (its row of the command table).
    Needs needs() const { return needs_; }
    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }

    /// The team config: defaults overlaid with the file that --config, KEPT_CONFIG, --team or the
    /// walk up from the working directory found (none: defaults alone).
    const Config& config();
    /// The config file in use, or empty when running on defaults alone.
    const std::filesystem::path& config_path();
    std::filesystem::path ledger_path();
    /// Opens the ledger; Internal when the command's needs do not include this mode. For
    /// writing, see require_ledger_directory.
    Ledger open_ledger(OpenMode mode);
    /// Throws Error(cannot_create) naming --ledger when `path`, the ledger --ledger names, lies
    /// in a directory that does not exist (a mistyped path). The ledger a config names and the
    /// default location are created with their directories instead.
    void require_ledger_directory(const std::filesystem::path& path);
    /// How long to wait for a lock another kept holds: KEPT_BUSY_TIMEOUT_MS, else 5000.
    /// Throws BadValue when the variable is not a number.
    int busy_timeout_ms();

    /// Today: KEPT_TODAY, else the day of KEPT_NOW, else the local calendar day.
    Date today();
    /// Now: KEPT_NOW, else noon UTC of KEPT_TODAY, else the system clock.
    Timestamp now();
    /// --as, KEPT_USER, USER, LOGNAME, then the account name.
    std::string actor();

    /// A new event stamped with a fresh uuid, now, today and the actor; the caller sets the
    /// payload (and reason), the ledger the rest.
    Event draft_event(EventKind kind, std::string commitment_uuid);

    /// --format, checked against what this command supports (a comma list like "table,json").
    Format format(std::string_view supported = "table,json,ndjson,csv,tsv");
    /// Whether to color stdout: --color, NO_COLOR, and whether stdout is a terminal.
    bool color();
    /// What stdout is: detected on first use unless set (main sets what it was before a pager).
    const Terminal& terminal();
    void set_terminal(const Terminal& terminal) { terminal_ = terminal; }
    /// How tables are drawn: color() and the terminal's width.
    TableLook look() { return {color(), terminal().width}; }

  private:
    void load_config();
    void read_clock();

    GlobalOptions options_;
    Needs needs_;
    std::ostream& out_;
    std::ostream& err_;
    std::optional<Config> config_;
    std::filesystem::path config_path_;
    std::optional<Date> today_;
    std::optional<Timestamp> now_;
    std::optional<Terminal> terminal_;
};

/// One team of an org roll-up: its name and a context reading its config and ledger.
struct TeamScope {
    std::string name;
    std::unique_ptr<Context> context;
};

/// The teams named by repeated --team and --ledger options, in the order given (a --ledger's
/// name is its file name without extension). Empty unless more than one is named.
std::vector<TeamScope> roll_up_scopes(Context& context);

/// Where per-user configs live: $XDG_CONFIG_HOME when absolute, else ~/.config. Throws NotFound
/// when neither XDG_CONFIG_HOME nor HOME is set.
std::filesystem::path config_home();
/// The ledger when no config names one: $XDG_DATA_HOME/kept/default.db (or
/// ~/.local/share/kept/default.db). Throws NotFound when neither is set.
std::filesystem::path default_ledger_path();

/// The whole non-negative number in environment variable `name`, `fallback` when unset.
/// Throws BadValue "NAME: \"x\" is not a number of UNIT".
int number_from_env(const char* name, int fallback, std::string_view unit);

/// Parses a commitment id given on the command line ("12" or "#12"). Throws BadValue.
std::int64_t parse_id(std::string_view text);

/// Loads the commitment or throws NotFound: `no commitment #12 in LEDGER`.
Commitment require_commitment(Ledger& ledger, std::int64_t id);

} // namespace kept::cli
