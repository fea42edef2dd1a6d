#include "cli/usage.hpp"

#include "cli/command.hpp"

#include "kept/error.hpp"
#include "kept/suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string_view>
#include <vector>

namespace kept::cli {

namespace {

/// Every name `app`'s own options answer to ("--owner", "-q").
std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) {
            out.push_back("--" + name);
        }
        for (const auto& name : option->get_snames()) {
            out.push_back("-" + name);
        }
    }
    return out;
}

const CLI::Option* find_option(const CLI::App& app, std::string_view name) {
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& long_name : option->get_lnames()) {
            if (name == "--" + long_name) {
                return option;
            }
        }
        for (const auto& short_name : option->get_snames()) {
            if (name == "-" + short_name) {
                return option;
            }
        }
    }
    return nullptr;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::App* sub : app.get_subcommands({})) {
        out.push_back(sub->get_name());
    }
    out.emplace_back("help");
    return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
    auto meant = closest_name(word, names);
    return meant ? fmt::format(" (did you mean \"{}\"?)", *meant) : std::string();
}

bool is_option(std::string_view word) {
    // "-" alone is a file name; "-3d" a value (an offset, a negative effort).
    return word.size() > 1 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9') && word != "--";
}

/// The option name of `word` ("--due" of "--due=fri").
std::string_view name_of(std::string_view word) {
    return word.substr(0, word.find('='));
}

/// Whether `option`, given as `word`, takes the next word as its value (not "--due=fri").
bool takes_next_word(const CLI::Option* option, std::string_view word) {
    return option != nullptr && option->get_items_expected_max() > 0 &&
           name_of(word).size() == word.size();
}

const CLI::App* find_command(const CLI::App& app, std::string_view name) {
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_name() == name) {
            return sub;
        }
    }
    return nullptr;
}

/// "unknown option ..." naming the one most likely meant among `names`, else `where_listed`.
UsageError unknown_option(std::string_view name, std::string_view of,
                          const std::vector<std::string>& names, std::string_view where_listed) {
    std::string meant = did_you_mean(name, names);
    return UsageError(
        fmt::format("unknown option \"{}\"{}{}", name, of,
                    meant.empty() ? fmt::format("; {} lists them", where_listed) : meant));
}

std::string unknown_command(const CLI::App& app, std::string_view word) {
    std::string meant = did_you_mean(word, command_names(app));
    return fmt::format("unknown command \"{}\"{}", word,
                       meant.empty() ? std::string("; kept help lists them") : meant);
}

} // namespace

int command_index(const CLI::App& app, int argc, const char* const* argv) {
    int i = 1;
    while (i < argc) {
        std::string_view word = argv[i];
        if (word == "--" || !is_option(word)) {
            break;
        }
        i += takes_next_word(find_option(app, name_of(word)), word) ? 2 : 1;
    }
    return i;
}

std::optional<int> run_help(const CLI::App& app, int argc, const char* const* argv,
                            std::ostream& out) {
    int at = command_index(app, argc, argv);
    if (at >= argc || std::string_view(argv[at]) != "help") {
        return std::nullopt;
    }
    if (at + 1 >= argc) {
        out << app.help();
        return 0;
    }
    if (const CLI::App* sub = find_command(app, argv[at + 1])) {
        out << sub->help(app.get_name());
        return 0;
    }
    throw UsageError(unknown_command(app, argv[at + 1]));
}

void check_names(const CLI::App& app, int argc, const char* const* argv) {
    int at = command_index(app, argc, argv);
    for (int i = 1; i < at; ++i) {
        std::string_view word = argv[i];
        std::string_view name = name_of(word);
        const CLI::Option* option = find_option(app, name);
        if (option == nullptr && name != "--help" && name != "-h" && name != "--version") {
            throw unknown_option(name, "", option_names(app), "kept --help");
        }
        if (takes_next_word(option, word)) {
            ++i; // its value
        }
    }
    if (at >= argc || std::string_view(argv[at]) == "--") {
        return; // CLI11 says that a command is needed
    }
    const CLI::App* sub = find_command(app, argv[at]);
    if (sub == nullptr) {
        throw UsageError(unknown_command(app, argv[at]));
    }
    for (int i = at + 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word == "--") {
            break;
        }
        if (!is_option(word)) {
            continue;
        }
        std::string_view name = name_of(word);
        const CLI::Option* option = find_option(*sub, name);
        if (option == nullptr) {
            option = find_option(app, name); // a global option after the command
        }
        if (option == nullptr) {
            std::vector<std::string> names = option_names(*sub);
            for (auto& global : option_names(app)) {
                names.push_back(std::move(global));
            }
            throw unknown_option(name, fmt::format(" for {}", sub->get_name()), names,
                                 fmt::format("kept help {}", sub->get_name()));
        }
        if (takes_next_word(option, word)) {
            ++i; // its value, which may begin with '-'
        }
    }
}

GlobalOptionsHelp::GlobalOptionsHelp(const CLI::App& root) : root_(root) {
    auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(root.get_formatter());
    for (const CLI::Option* option : root.get_options()) {
        lines_[option] = formatter ? formatter->make_option(option, false)
                                   : fmt::format("  {}\n", option->get_name());
    }
}

std::string GlobalOptionsHelp::operator()(const Command& command) const {
    std::string lines;
    for (const CLI::Option* option : honoured_globals(root_, command)) {
        lines += lines_.at(option);
    }
    return lines.empty() ? lines : "Global options (also before the command):\n" + lines;
}

std::string plain_message(const CLI::ParseError& error) {
    std::string text = error.what();
    auto colon = text.find(": ");
    std::string subject = colon == std::string::npos ? std::string() : text.substr(0, colon);
    std::string rest = colon == std::string::npos ? text : text.substr(colon + 2);
    if (text == "A subcommand is required") {
        return "no command given; kept help lists them";
    }
    if (rest.rfind("At Most ", 0) == 0 &&
        rest.find(" required but received ") != std::string::npos) {
        auto received = rest.substr(rest.rfind(' ') + 1);
        return fmt::format("{} given {} times; give it once", subject, received);
    }
    if (rest.find(" required ") != std::string::npos && rest.ends_with(" missing")) {
        return fmt::format("{} needs a value", subject);
    }
    std::string extras = "The following arguments were not expected: ";
    if (text.rfind("The following argument was not expected: ", 0) == 0) {
        extras = "The following argument was not expected: ";
    }
    if (text.rfind(extras, 0) == 0) {
        // CLI11 lists them last first.
        std::vector<std::string> words;
        std::string_view rest_words = std::string_view(text).substr(extras.size());
        while (!rest_words.empty()) {
            auto space = rest_words.find(' ');
            words.insert(words.begin(), fmt::format("\"{}\"", rest_words.substr(0, space)));
            rest_words =
                space == std::string_view::npos ? std::string_view() : rest_words.substr(space + 1);
        }
        return fmt::format("unexpected argument{} {}", words.size() == 1 ? "" : "s",
                           fmt::join(words, " "));
    }
    return text;
}

} // namespace kept::cli
