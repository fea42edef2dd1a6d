#pragma once

// What the shell completions offer, read off the parser: every command and every option the
// CLI11 app was built with (the global ones too), and what each option's values are. The
// scripts for bash, zsh and fish are rendered from this one description, so they cannot drift
// from the parser.

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kept::cli {

/// What a word after an option (or a positional argument) can be.
enum class Values {
    none,   ///< a flag: it takes no value
    text,   ///< free text: nothing to offer
    file,   ///< a file name
    date,   ///< a date: the date words
    due,    ///< a date or auto
    ids,    ///< commitment ids in `id_state` (open, closed, all), read from the ledger
    owner,  ///< owners read from the ledger
    client, ///< clients read from the ledger
    team,   ///< the per-user team configs
    kinds,  ///< a comma list of flag kinds (CompletionSpec::kind_words)
    words,  ///< one of `words`
};

struct OptionSpec {
    std::vector<std::string> names; ///< "--quiet", "-q": long first
    std::string description;
    Values values = Values::none;
    std::vector<std::string> words; ///< for Values::words
    std::string id_state;           ///< for Values::ids
    bool repeatable = false;
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::vector<OptionSpec> options; ///< its own, then every global option
    std::vector<OptionSpec> positionals;
};

struct CompletionSpec {
    std::vector<OptionSpec> globals; ///< what may come before the command (help, version too)
    std::vector<CommandSpec> commands;
    std::vector<std::string> date_words; ///< what Values::date offers (due adds auto)
    std::vector<std::string> kind_words; ///< the flag kinds, from their one table, and any
};

/// The option's names as a shell word list ("--quiet -q").
std::string names_of(const OptionSpec& option);

/// Walks `app` (the root of the parser, with every command attached): hidden commands are left
/// out.
CompletionSpec completion_spec(const CLI::App& app);

/// The scripts, each a whole file.
std::string bash_completion(const CompletionSpec& spec);
std::string zsh_completion(const CompletionSpec& spec);
std::string fish_completion(const CompletionSpec& spec);

} // namespace kept::cli
