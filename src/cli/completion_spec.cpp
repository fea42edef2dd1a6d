#include "cli/completion_spec.hpp"

#include "cli/command.hpp"
#include "kept/flags.hpp"

#include <CLI/CLI.hpp>
#include <string_view>

namespace kept::cli {

namespace {

/// What the values of an option or positional argument are, where its name and type name do not
/// say it alone. `command` empty: any command; the first matching row wins.
struct ValueRule {
    std::string_view command;
    std::string_view name; ///< "--format", or a positional's name ("ID")
    Values values;
    std::string_view words; ///< space-separated words; the id state for Values::ids
};

constexpr ValueRule value_rules[] = {
    {"", "--config", Values::file, ""},
    {"", "--ledger", Values::file, ""},
    {"", "--team", Values::team, ""},
    {"export", "--format", Values::words, "ndjson json csv tsv ics"},
    {"report", "--format", Values::words, "table json ndjson csv tsv html"},
    {"statement", "--format", Values::words, "md html json"},
    {"", "--format", Values::words, "table json ndjson csv tsv"},
    {"", "--color", Values::words, "auto always never"},
    {"", "--owner", Values::owner, ""},
    {"", "--client", Values::client, ""},
    {"", "--state", Values::words, "open closed all"},
    {"", "--section", Values::words, "flags load reliability calibration all"},
    {"", "--requested-by", Values::words, "client team"},
    {"", "--fail-on", Values::kinds, ""},
    {"", "KINDS", Values::kinds, ""},
    {"", "FILE", Values::file, ""},
    {"add", "--due", Values::due, ""},
    {"", "--due", Values::date, ""},
    {"", "--due-before", Values::date, ""},
    {"", "--on", Values::date, ""},
    {"", "--since", Values::date, ""},
    {"renegotiate", "ID", Values::ids, "open"},
    {"close", "ID", Values::ids, "open"},
    {"reopen", "ID", Values::ids, "closed"},
    {"", "ID", Values::ids, "all"},
};

/// By type name, for an option no rule names.
constexpr ValueRule type_rules[] = {
    {"", "DATE", Values::date, ""},   {"", "FILE", Values::file, ""},
    {"", "KINDS", Values::kinds, ""}, {"", "ID", Values::ids, "all"},
    {"", "NAME", Values::text, ""},
};

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        auto space = text.find(' ');
        out.emplace_back(text.substr(0, space));
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    }
    return out;
}

std::vector<std::string> flag_kind_words() {
    std::vector<std::string> out;
    for (const FlagKindInfo& kind : flag_kind_table()) {
        out.emplace_back(kind.name);
    }
    out.emplace_back("any");
    return out;
}

void apply_rule(OptionSpec& spec, const ValueRule& rule) {
    spec.values = rule.values;
    if (rule.values == Values::ids) {
        spec.id_state = rule.words;
    } else {
        spec.words = split_words(rule.words);
    }
}

OptionSpec option_spec(std::string_view command, const CLI::Option& option) {
    OptionSpec spec;
    for (const auto& name : option.get_lnames()) {
        spec.names.push_back("--" + name);
    }
    for (const auto& name : option.get_snames()) {
        spec.names.push_back("-" + name);
    }
    if (option.get_positional()) {
        spec.names.push_back(option.get_name());
    }
    spec.description = option.get_description();
    spec.repeatable = option.get_expected_max() > 1 || option.get_items_expected_max() > 1;
    if (option.get_items_expected_max() == 0) {
        return spec; // a flag
    }
    spec.values = Values::text;
    const std::string& name = spec.names.front();
    const ValueRule* found = nullptr;
    for (const ValueRule& rule : value_rules) {
        if ((rule.command.empty() || rule.command == command) && rule.name == name) {
            found = &rule;
            break;
        }
    }
    for (const ValueRule& rule : type_rules) {
        if (found == nullptr && rule.name == option.get_type_name()) {
            found = &rule;
        }
    }
    if (found != nullptr) {
        apply_rule(spec, *found);
    }
    return spec;
}

} // namespace

CompletionSpec completion_spec(const CLI::App& app) {
    CompletionSpec spec;
    spec.date_words = split_words("today tomorrow mon tue wed thu fri sat sun eow eom");
    spec.kind_words = flag_kind_words();
    for (const CLI::Option* option : app.get_options()) {
        spec.globals.push_back(option_spec("", *option));
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
        const Command* row = find_command_row(sub->get_name());
        if (sub->get_group().empty() || row == nullptr) {
            continue; // hidden
        }
        CommandSpec command{sub->get_name(), sub->get_description(), {}, {}};
        for (const CLI::Option* option : sub->get_options()) {
            OptionSpec one = option_spec(command.name, *option);
            (option->get_positional() ? command.positionals : command.options)
                .push_back(std::move(one));
        }
        // Every global option the parser accepts after the command, also those it ignores.
        for (const CLI::Option* option : app.get_options()) {
            std::string name = option->get_name();
            if (name != "--help" && name != "--version") {
                command.options.push_back(option_spec(command.name, *option));
            }
        }
        spec.commands.push_back(std::move(command));
    }
    return spec;
}

std::string names_of(const OptionSpec& option) {
    std::string out;
    for (const auto& name : option.names) {
        out += (out.empty() ? "" : " ") + name;
    }
    return out;
}

} // namespace kept::cli
