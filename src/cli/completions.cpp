#include "cli/command.hpp"
#include "cli/completion_spec.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

Run attach_completions(CLI::App& sub) {
    sub.group(""); // hidden: packagers and the build call it, people install its output
    auto shell = std::make_shared<std::string>();
    sub.add_option("SHELL", *shell, "bash, zsh or fish")->required();
    const CLI::App* root = sub.get_parent();
    return [shell, root](Context& context) {
        CompletionSpec spec = completion_spec(*root);
        if (*shell == "bash") {
            context.out() << bash_completion(spec);
        } else if (*shell == "zsh") {
            context.out() << zsh_completion(spec);
        } else if (*shell == "fish") {
            context.out() << fish_completion(spec);
        } else {
            throw BadValue(fmt::format("SHELL: \"{}\" is not one of bash, zsh, fish", *shell));
        }
        return 0;
    };
}

} // namespace kept::cli
