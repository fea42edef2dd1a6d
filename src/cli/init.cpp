#include "cli/command.hpp"
#include "kept/changes.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <ostream>
#include <unistd.h>

namespace kept::cli {

namespace fs = std::filesystem;

namespace {

/// Writes `text` to a new file; refuses to overwrite one that exists.
void write_new_file(const fs::path& path, const std::string& text) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
        int err = errno;
        if (err == EEXIST) {
            throw Error(ExitCode::cannot_create,
                        fmt::format("{} already exists; not overwriting it", path.string()));
        }
        throw Error(err == EACCES ? ExitCode::permission : ExitCode::cannot_create,
                    fmt::format("cannot create {}: {}", path.string(),
                                std::generic_category().message(err)));
    }
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        fs::remove(path, ec);
        throw StorageError(fmt::format("cannot write {}", path.string()));
    }
}

/// The commented config of `team`, its ledger `ledger` when one is given (else the template's,
/// beside the file).
std::string config_text(const std::string& team, const fs::path& ledger) {
    std::string text = default_config_text(team);
    std::string::size_type at = text.find("\nledger = ");
    if (ledger.empty() || at == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : ledger.string()) {
        quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    }
    quoted += '"';
    std::string::size_type end = text.find('\n', at + 1);
    return text.substr(0, at) + "\nledger = " + quoted + text.substr(end);
}

std::string team_name_from(const fs::path& dir) {
    std::string name = dir.filename().string();
    return name.empty() ? "team" : name;
}

} // namespace

Run attach_init(CLI::App& sub) {
    auto here = std::make_shared<bool>(false);
    sub.add_flag("--here", *here,
                 "With --team, write ./kept.toml instead of the per-user team config");
    return [here](Context& context) {
        const auto& options = context.options();
        fs::path config_file;
        fs::path team_ledger; // empty: TEAM.kept.db beside the config
        std::string team;
        if (!options.config_file.empty()) {
            config_file = options.config_file;
            team = options.team.empty() ? config_file.stem().string() : options.team;
        } else if (!options.team.empty() && !*here) {
            // The config under $XDG_CONFIG_HOME, the ledger (data) under $XDG_DATA_HOME.
            team = options.team;
            config_file = config_home() / "kept" / "teams" / (team + ".toml");
            if (options.ledger_file.empty()) {
                team_ledger = default_ledger_path().parent_path() / (team + ".db");
            }
        } else {
            config_file = fs::current_path() / "kept.toml";
            team = options.team.empty() ? team_name_from(fs::current_path()) : options.team;
        }
        check_text("--team", team);
        write_new_file(config_file, config_text(team, team_ledger));
        GlobalOptions resolved = options;
        resolved.config_file = config_file.string();
        Context fresh(resolved, context.out(), context.err());
        Ledger ledger = fresh.open_ledger(OpenMode::write);
        context.out() << fmt::format("wrote {}\ncreated ledger {}\n", config_file.string(),
                                     ledger.path().string());
        return 0;
    };
}

} // namespace kept::cli
