// kept: parse the command line, run one subcommand, map its outcome to an exit code.

#include "cli/command.hpp"
#include "cli/pager.hpp"
#include "cli/terminal.hpp"
#include "cli/usage.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

namespace {

using kept::ExitCode;

int report(ExitCode code, const std::string& message) {
    std::cerr << "kept: " << message << '\n';
    return static_cast<int>(code);
}

void add_global_options(CLI::App& app, kept::cli::GlobalOptions& options) {
    app.add_option("--config", options.config_file, "Team config file (kept.toml)")
        ->type_name("FILE");
    app.add_option("--team", options.teams,
                   "Use $XDG_CONFIG_HOME/kept/teams/NAME.toml as the config (repeat to roll up "
                   "several teams in report, check and list)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    app.add_option("--ledger", options.ledger_files,
                   "Ledger file, overriding the config (repeat to roll up several in report, "
                   "check and list)")
        ->type_name("FILE")
        ->allow_extra_args(false);
    app.add_option("--format", options.format,
                   "Output format: table, json, ndjson, csv or tsv (report also html; "
                   "statement md, html or json)")
        ->type_name("FORMAT");
    app.add_option("--color", options.color,
                   "Color the table output: auto, always or never (without color, ! marks an "
                   "overdue date or an overloaded week, * a moved date)")
        ->type_name("WHEN");
    app.add_flag("--no-pager", options.no_pager,
                 "Print tables directly, never through the pager a terminal gets ($KEPT_PAGER, "
                 "$PAGER, less -FRX)");
    app.add_option("--as", options.actor, "Who is making the change (default $KEPT_USER, $USER)")
        ->type_name("NAME");
}

int run(int argc, char** argv) {
    CLI::App app{"kept: a ledger of the commitments a team makes to its clients", "kept"};
    app.require_subcommand(1);
    app.fallthrough();
    app.set_version_flag("--version", std::string("kept ") + KEPT_VERSION);
    app.footer("Examples:\n  kept add \"Export API\" --client acme --owner alice --due fri "
               "--effort 6h\n  kept list --owner alice\n  kept help <command>\n"
               "Tables fit $COLUMNS, else the terminal's width, cutting long texts with …; "
               "dates show their weekday.\n"
               "Exit codes: 0 ok, 1 check failed, 64 usage, 65 bad value, 66 not found, "
               "70 internal,\n  73 cannot create, 74 I/O, 75 ledger busy, 77 permission denied, "
               "78 bad config/schema");

    kept::cli::GlobalOptions options;
    add_global_options(app, options);

    struct Runner {
        const kept::cli::Command* command;
        kept::cli::Run run;
    };
    std::map<const CLI::App*, Runner> runners;
    // Made by the first help that shows it: formatting the options costs a tenth of an add.
    std::optional<kept::cli::GlobalOptionsHelp> global_options_help;
    // Only the command named is built (building them all was an eighth of an add): the others
    // are needed for help, a name that is no command, and completions.
    int at = kept::cli::command_index(app, argc, argv);
    const kept::cli::Command* named = at < argc ? kept::cli::find_command_row(argv[at]) : nullptr;
    bool every = named == nullptr || named->needs.every_command;
    for (const auto& command : kept::cli::commands()) {
        if (!every && &command != named) {
            continue;
        }
        CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        runners[sub] = {&command, command.attach(*sub)};
        // CLI11 puts the callback's text, a line end, then the footer string.
        sub->footer(fmt::format("  {}", command.example));
        sub->footer([&app, &global_options_help, &command] {
            if (!global_options_help) {
                global_options_help.emplace(app);
            }
            std::string notes = command.notes ? command.notes() + '\n' : std::string();
            std::string globals = (*global_options_help)(command);
            return fmt::format("{}{}{}Example:", notes, globals, globals.empty() ? "" : "\n");
        });
    }

    if (auto code = kept::cli::run_help(app, argc, argv, std::cout)) {
        return *code;
    }
    kept::cli::check_names(app, argc, argv);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {
        return app.exit(done); // --help or --version
    } catch (const CLI::ParseError& error) {
        std::string help = "kept --help";
        for (const auto* sub : app.get_subcommands()) {
            help = fmt::format("kept {} --help", sub->get_name());
        }
        return report(ExitCode::usage,
                      fmt::format("{} (see {})", kept::cli::plain_message(error), help));
    }

    for (const auto& [sub, runner] : runners) {
        if (sub->parsed()) {
            options.team = options.teams.empty() ? "" : options.teams.front();
            options.ledger_file = options.ledger_files.empty() ? "" : options.ledger_files.front();
            bool roll_up = options.teams.size() + options.ledger_files.size() > 1;
            // The commands whose row says several_ledgers: list, report and check.
            if (roll_up && !runner.command->needs.several_ledgers) {
                return report(ExitCode::usage,
                              fmt::format("{}: one --team or --ledger at a time (only report, "
                                          "check and list read several)",
                                          sub->get_name()));
            }
            // The terminal as it is before a pager takes stdout: color and width follow it.
            kept::cli::Terminal terminal = kept::cli::detect_terminal();
            std::optional<kept::cli::Pager> pager;
            if (runner.command->needs.pager && terminal.tty && !options.no_pager &&
                options.format == "table") {
                pager.emplace(kept::cli::pager_command());
            }
            kept::cli::Context context(options, std::cout, std::cerr, runner.command->needs);
            context.set_terminal(terminal);
            int code = runner.run(context);
            std::cout.flush();
            // A pager quit before the end is the reader's choice, not a failed write.
            bool paged = pager && pager->running();
            if (pager) {
                pager->finish();
            }
            if (!std::cout && !paged) {
                return report(ExitCode::io, "cannot write to standard output");
            }
            return code;
        }
    }
    return report(ExitCode::usage, "no command given; see kept --help");
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const kept::Error& error) {
        return report(error.code(), error.what());
    } catch (const nlohmann::json::exception& error) {
        return report(ExitCode::internal, fmt::format("internal error (JSON): {}", error.what()));
    } catch (const std::bad_alloc&) {
        return report(ExitCode::internal, "out of memory");
    } catch (const std::exception& error) {
        return report(ExitCode::internal, fmt::format("internal error: {}", error.what()));
    }
}
