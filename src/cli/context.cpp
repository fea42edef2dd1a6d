#include "cli/context.hpp"

#include "kept/changes.hpp"
#include "kept/error.hpp"
#include "util/environment.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <ctime>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

namespace kept::cli {

namespace fs = std::filesystem;

namespace {

using util::env;

std::optional<fs::path> find_upwards(fs::path dir, const char* name) {
    for (;;) {
        std::error_code ec;
        if (fs::is_regular_file(dir / name, ec)) {
            return dir / name;
        }
        if (dir == dir.parent_path() || dir.empty()) {
            return std::nullopt;
        }
        dir = dir.parent_path();
    }
}

/// The config's text; ConfigError when it is over max_config_bytes, of which it reads one more.
std::string read_config_text(const fs::path& path) {
    auto text = util::read_file(path, 0, max_config_bytes + 1);
    if (!text) {
        throw NotFound(fmt::format("cannot read config {}", path.string()));
    }
    if (text->size() > max_config_bytes) {
        throw ConfigError(
            fmt::format("{}: the config is over {} bytes (1 MiB), the most kept reads",
                        path.string(), max_config_bytes));
    }
    return std::move(*text);
}

} // namespace

fs::path config_home() {
    if (auto home = util::xdg_home("XDG_CONFIG_HOME", ".config")) {
        return *home;
    }
    throw NotFound("neither XDG_CONFIG_HOME nor HOME is set: name a config with --config");
}

fs::path default_ledger_path() {
    if (auto home = util::xdg_home("XDG_DATA_HOME", ".local/share")) {
        return *home / "kept" / "default.db";
    }
    throw NotFound("neither XDG_DATA_HOME nor HOME is set: name a ledger with --ledger");
}

Context::Context(GlobalOptions options, std::ostream& out, std::ostream& err, Needs needs)
    : options_(std::move(options)), needs_(needs), out_(out), err_(err) {
    // Checked up front so a bad value is refused even by commands that print no table.
    if (options_.color != "auto" && options_.color != "always" && options_.color != "never") {
        throw BadValue(
            fmt::format("--color: \"{}\" is not one of auto, always, never", options_.color));
    }
}

void Context::load_config() {
    if (!options_.config_file.empty()) {
        config_path_ = options_.config_file;
    } else if (auto from_env = env("KEPT_CONFIG")) {
        config_path_ = *from_env;
    } else if (!options_.team.empty()) {
        config_path_ = config_home() / "kept" / "teams" / (options_.team + ".toml");
        if (!fs::exists(config_path_)) {
            throw NotFound(fmt::format("no config for team \"{}\" at {} (kept init --team {} "
                                       "writes one)",
                                       options_.team, config_path_.string(), options_.team));
        }
    } else {
        std::error_code ec;
        fs::path cwd = fs::current_path(ec);
        if (auto found = ec ? std::nullopt : find_upwards(cwd, "kept.toml")) {
            config_path_ = *found;
        }
    }
    if (config_path_.empty()) {
        config_.emplace();
        return;
    }
    if (!fs::exists(config_path_)) {
        throw NotFound(fmt::format("no config file {}", config_path_.string()));
    }
    std::string text = read_config_text(config_path_);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ConfigError(fmt::format("{}: the config is empty (kept init writes a commented one)",
                                      config_path_.string()));
    }
    try {
        config_ = parse_config(text);
    } catch (const ConfigError& error) {
        throw ConfigError(fmt::format("{}:{}", config_path_.string(), error.what()));
    }
}

const Config& Context::config() {
    if (!needs_.config) {
        throw Error(ExitCode::internal, "this command reads no config (the command table says)");
    }
    if (!config_) {
        load_config();
    }
    return *config_;
}

const fs::path& Context::config_path() {
    config();
    return config_path_;
}

fs::path Context::ledger_path() {
    if (!options_.ledger_file.empty()) {
        return options_.ledger_file;
    }
    const Config& c = config();
    if (config_path_.empty()) {
        return default_ledger_path();
    }
    fs::path dir = config_path_.parent_path();
    if (!c.ledger) {
        return dir / "kept.db";
    }
    fs::path ledger = *c.ledger;
    return ledger.is_absolute() ? ledger : dir / ledger;
}

int number_from_env(const char* name, int fallback, std::string_view unit) {
    auto text = env(name);
    if (!text) {
        return fallback;
    }
    auto number = util::parse_integer<int>(*text);
    if (!number || *number < 0) {
        throw BadValue(fmt::format("{}: \"{}\" is not a number of {}", name, *text, unit));
    }
    return *number;
}

int Context::busy_timeout_ms() {
    return number_from_env("KEPT_BUSY_TIMEOUT_MS", 5000, "milliseconds");
}

Ledger Context::open_ledger(OpenMode mode) {
    if (needs_.ledger == LedgerUse::none ||
        (mode == OpenMode::write && needs_.ledger != LedgerUse::write)) {
        throw Error(ExitCode::internal,
                    "this command does not open its ledger so (the command table says)");
    }
    fs::path path = ledger_path();
    if (mode == OpenMode::write) {
        require_ledger_directory(path);
    }
    return Ledger(path, mode, busy_timeout_ms());
}

void Context::require_ledger_directory(const fs::path& path) {
    if (options_.ledger_file.empty()) {
        return; // the config's ledger or the default location: created with its directories
    }
    fs::path dir = path.parent_path();
    std::error_code ec;
    if (dir.empty() || fs::exists(dir, ec)) {
        return;
    }
    throw Error(ExitCode::cannot_create,
                fmt::format("--ledger: \"{}\": no directory {} (kept creates the ledger, not the "
                            "directories of a path it is given)",
                            path.string(), dir.string()));
}

void Context::read_clock() {
    auto fixed_today = env("KEPT_TODAY");
    auto fixed_now = env("KEPT_NOW");
    if (fixed_today) {
        auto day = parse_iso_date(*fixed_today);
        if (!day) {
            throw BadValue(
                fmt::format("KEPT_TODAY: \"{}\" is not a valid date (YYYY-MM-DD)", *fixed_today));
        }
        today_ = parse_date(*fixed_today, *day, WorkWeek{}, "KEPT_TODAY");
    }
    if (fixed_now) {
        auto instant = parse_timestamp(*fixed_now);
        if (!instant) {
            throw BadValue(fmt::format("KEPT_NOW: \"{}\" is not a timestamp "
                                       "(YYYY-MM-DDTHH:MM:SSZ)",
                                       *fixed_now));
        }
        if (!in_date_range(std::chrono::floor<std::chrono::days>(*instant))) {
            throw BadValue(fmt::format("KEPT_NOW: \"{}\" is outside the dates kept accepts ({})",
                                       *fixed_now, date_range_text()));
        }
        now_ = *instant;
    }
    if (!now_) {
        now_ = today_ ? Timestamp(*today_ + std::chrono::hours(12))
                      : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    if (!today_) {
        if (fixed_now) {
            today_ = std::chrono::floor<std::chrono::days>(*now_);
        } else {
            std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
            std::tm local{};
            localtime_r(&t, &local);
            today_ = Date(std::chrono::year(local.tm_year + 1900) /
                          std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)) /
                          std::chrono::day(static_cast<unsigned>(local.tm_mday)));
        }
    }
}

Date Context::today() {
    if (!today_) {
        read_clock();
    }
    return *today_;
}

Timestamp Context::now() {
    if (!now_) {
        read_clock();
    }
    return *now_;
}

std::string Context::actor() {
    // The actor goes into every event: text the hash and the JSON export can carry.
    if (!options_.actor.empty()) {
        check_text("--as", options_.actor);
        return options_.actor;
    }
    for (const char* name : {"KEPT_USER", "USER", "LOGNAME"}) {
        if (auto value = env(name)) {
            check_text(name, *value);
            return *value;
        }
    }
    if (const passwd* account = ::getpwuid(::getuid()); account != nullptr) {
        return account->pw_name;
    }
    return fmt::format("uid{}", ::getuid());
}

Event Context::draft_event(EventKind kind, std::string commitment_uuid) {
    Event event;
    event.uuid = new_uuid();
    event.commitment_uuid = std::move(commitment_uuid);
    event.timestamp = format_timestamp(now());
    event.day = format_date(today());
    event.actor = actor();
    event.kind = kind;
    return event;
}

Format Context::format(std::string_view supported) {
    static constexpr std::pair<std::string_view, Format> names[] = {
        {"table", Format::table}, {"json", Format::json}, {"ndjson", Format::ndjson},
        {"csv", Format::csv},     {"tsv", Format::tsv},
    };
    for (auto [name, value] : names) {
        if (name == options_.format) {
            if (!util::in_comma_list(supported, name)) {
                break;
            }
            return value;
        }
    }
    std::string choices(supported);
    for (std::size_t comma = choices.find(','); comma != std::string::npos;
         comma = choices.find(',', comma + 2)) {
        choices.replace(comma, 1, ", ");
    }
    throw BadValue(fmt::format("--format: \"{}\" is not one of {}", options_.format, choices));
}

bool Context::color() {
    if (options_.color == "always") {
        return true;
    }
    if (options_.color == "never" || env("NO_COLOR")) {
        return false;
    }
    return terminal().tty && env("TERM").value_or("dumb") != "dumb";
}

const Terminal& Context::terminal() {
    if (!terminal_) {
        terminal_ = detect_terminal();
    }
    return *terminal_;
}

std::vector<TeamScope> roll_up_scopes(Context& context) {
    const GlobalOptions& all = context.options();
    std::vector<TeamScope> scopes;
    if (all.teams.size() + all.ledger_files.size() < 2) {
        return scopes;
    }
    for (const auto& team : all.teams) {
        GlobalOptions one = all;
        one.team = team;
        one.ledger_file.clear();
        one.teams = {team};
        one.ledger_files.clear();
        scopes.push_back(
            {team, std::make_unique<Context>(one, context.out(), context.err(), context.needs())});
        scopes.back().context->set_terminal(context.terminal());
    }
    for (const auto& ledger : all.ledger_files) {
        GlobalOptions one = all;
        one.team.clear();
        one.ledger_file = ledger;
        one.teams.clear();
        one.ledger_files = {ledger};
        scopes.push_back(
            {fs::path(ledger).stem().string(),
             std::make_unique<Context>(one, context.out(), context.err(), context.needs())});
        scopes.back().context->set_terminal(context.terminal());
    }
    return scopes;
}

std::int64_t parse_id(std::string_view text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '#') {
        digits.remove_prefix(1);
    }
    auto id = util::parse_integer<std::int64_t>(digits);
    if (!id || *id < 1) {
        throw BadValue(
            fmt::format("ID: \"{}\" is not a commitment id (a number like 12 or #12)", text));
    }
    return *id;
}

Commitment require_commitment(Ledger& ledger, std::int64_t id) {
    auto found = ledger.commitments().find(id);
    if (!found) {
        throw NotFound(fmt::format("no commitment #{} in {}", id, ledger.path().string()));
    }
    return *found;
}

} // namespace kept::cli
