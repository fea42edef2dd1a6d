#include "cli/command.hpp"

#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <array>

namespace kept::cli {

namespace {

// The common rows of what a command needs: the config and the ledger for writing, for reading,
// or for reading from several teams' ledgers.
constexpr Needs writes{true, LedgerUse::write, false};
constexpr Needs reads{true, LedgerUse::read, false};
constexpr Needs read_several{true, LedgerUse::read, true};
// The same, for the commands whose tables a pager shows on a terminal.
constexpr Needs reads_paged{true, LedgerUse::read, false, true};
constexpr Needs read_several_paged{true, LedgerUse::read, true, true};

} // namespace

std::span<const Command> commands() {
    static constexpr std::array table = {
        Command{"init",
                "Write a commented kept.toml and create the team's ledger",
                "kept init --team platform",
                {false, LedgerUse::write, false},
                attach_init,
                "--format,--color,--as"},
        Command{"add", "Record a commitment",
                "kept add \"Export API\" --client acme --owner alice --due 2026-12-04 --effort 2d",
                writes, attach_add},
        Command{"renegotiate", "Change due date, effort, scope or owner, with a reason",
                "kept renegotiate 12 --due +1w --reason \"client asked for SSO first\"", writes,
                attach_renegotiate},
        Command{"edit", "Correct a title, client or tags, with a reason (not a renegotiation)",
                "kept edit 12 --title \"Export API v2\" --reason \"typo in the title\"", writes,
                attach_edit},
        Command{"close", "End a commitment as delivered or dropped", "kept close 12 --delivered",
                writes, attach_close},
        Command{"reopen", "Reopen a closed commitment", "kept reopen 12 --reason \"bug found\"",
                writes, attach_reopen},
        Command{"list", "List commitments, soonest due first",
                "kept list --owner alice --state all", read_several_paged, attach_list, "--as"},
        Command{"show", "Every field of one commitment, with its original promise",
                "kept show 12 --format json", reads_paged, attach_show, "--as"},
        Command{"log", "The events of the ledger or of one commitment, oldest first", "kept log 12",
                reads_paged, attach_log, "--as"},
        Command{"report", "Flags, load per owner and week, and reliability",
                "kept report --weeks 12 --fail-on overdue,late", read_several_paged, attach_report,
                "--as"},
        Command{"check", "For cron: silent unless a flag of these kinds fires (then exit 1)",
                "kept check overdue,late > flags.txt || mail -s kept team@example.com < flags.txt",
                read_several, attach_check, "--as", check_notes},
        Command{"when", "The earliest due date the owner's schedule can keep for new work",
                "kept when --owner alice --effort 2d", reads, attach_when},
        Command{"forecast",
                "Every open commitment's projected finish, slack and chance of being on time",
                "kept forecast --owner alice", reads_paged, attach_forecast, "--as"},
        Command{"triage",
                "The fewest commitments to renegotiate so every other one holds, and by when",
                "kept triage --owner alice", reads_paged, attach_triage, "--as"},
        Command{"statement",
                "A document for one client: promised, changed and why, delivered, open, on time",
                "kept statement --client acme --since -4w > acme.md", reads, attach_statement,
                "--color,--as"},
        Command{"digest",
                "The team meeting's view: promised, moved, delivered, dropped, whom to talk to, "
                "load ahead",
                "kept digest --since mon --format md > week.md", reads_paged, attach_digest,
                "--as"},
        Command{"export", "Write commitments (NDJSON, CSV, ICS) or every event (--events)",
                "kept export --events > team.ndjson", reads, attach_export, "--color,--as"},
        Command{"import", "Read events (idempotent) or new commitments (--commitments)",
                "kept import --commitments rows.csv", writes, attach_import, "--format,--color"},
        Command{"verify", "Check the database and the event hash chain", "kept verify", reads,
                attach_verify, "--format,--color,--as"},
        Command{"backup",
                "Write a consistent, verified copy of the ledger, also while others write",
                "kept backup team-2026-12-01.db", reads, attach_backup, "--format,--color,--as"},
        Command{"config",
                "Show the effective configuration and where each value came from",
                "kept config",
                {true, LedgerUse::none, false, true},
                attach_config,
                "--as"},
        Command{"sync", "Exchange events with the team's other replicas through a git remote",
                "kept sync --remote git@example.com:team/ledger.git", writes, attach_sync,
                "--format,--color", sync_notes},
        Command{"rebuild", "Recompute every commitment from the events alone", "kept rebuild",
                writes, attach_rebuild, "--format,--color,--as"},
        Command{"completions",
                "Print the bash, zsh or fish completion script",
                "kept completions zsh > _kept",
                {false, LedgerUse::none, false, false, true},
                attach_completions,
                "--config,--team,--ledger,--format,--color,--as"},
    };
    return table;
}

const Command* find_command_row(std::string_view name) {
    for (const Command& command : commands()) {
        if (command.name == name) {
            return &command;
        }
    }
    return nullptr;
}

std::vector<const CLI::Option*> honoured_globals(const CLI::App& root, const Command& command) {
    std::vector<const CLI::Option*> out;
    for (const CLI::Option* option : root.get_options()) {
        std::string name = option->get_name();
        if (name == "--help" || name == "--version") {
            continue;
        }
        // Only the commands a pager may show have a use for --no-pager.
        bool ignored = name == "--no-pager" && !command.needs.pager;
        for (const auto& long_name : option->get_lnames()) {
            ignored = ignored || util::in_comma_list(command.ignores, "--" + long_name);
        }
        if (!ignored) {
            out.push_back(option);
        }
    }
    return out;
}

} // namespace kept::cli
