#pragma once

// The command line's words before and after CLI11: `kept help`, mistyped command and option
// names with the one most likely meant, and CLI11's errors in plain words.

#include <map>
#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
class Option;
class ParseError;
} // namespace CLI

namespace kept::cli {

struct Command;

/// `kept help` and `kept help COMMAND`: prints that help to `out` and returns 0; nullopt when
/// the command line is not one. Throws UsageError for an unknown COMMAND.
/// Where the command's name is in argv, after the global options of `app`; argc when none is.
int command_index(const CLI::App& app, int argc, const char* const* argv);

std::optional<int> run_help(const CLI::App& app, int argc, const char* const* argv,
                            std::ostream& out);

/// Checks the command's and the options' names before CLI11 parses them, so that a mistyped one
/// is what the user hears about (`unknown command "ren" (did you mean "renegotiate"?)`), not a
/// missing option that follows from it. Throws UsageError.
void check_names(const CLI::App& app, int argc, const char* const* argv);

/// The lines a command's --help adds under "Global options": those of `root` that the command
/// honours, formatted as CLI11 formats options, under their heading; empty when none. Each
/// option is formatted once, when this is made, not once per command: every run builds every
/// command's help.
class GlobalOptionsHelp {
  public:
    explicit GlobalOptionsHelp(const CLI::App& root);
    std::string operator()(const Command& command) const;

  private:
    const CLI::App& root_;
    std::map<const CLI::Option*, std::string> lines_;
};

/// CLI11's message for `error` in plain words that name the option.
std::string plain_message(const CLI::ParseError& error);

} // namespace kept::cli
