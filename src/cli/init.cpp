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
        std::string team;
        if (!options.config_file.empty()) {
            config_file = options.config_file;
            team = options.team.empty() ? config_file.stem().string() : options.team;
        } else if (!options.team.empty() && !*here) {
            team = options.team;
            config_file = config_home() / "kept" / "teams" / (team + ".toml");
        } else {
            config_file = fs::current_path() / "kept.toml";
            team = options.team.empty() ? team_name_from(fs::current_path()) : options.team;
        }
        check_text("--team", team);
        write_new_file(config_file, default_config_text(team));
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
