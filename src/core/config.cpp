#include "kept/config.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

// A TOML basic string holding `text` exactly.
std::string toml_quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            out += fmt::format("\\u{:04X}", byte);
        } else {
            out += c;
        }
    }
    return out + "\"";
}

constexpr std::string_view config_template =
    R"(# kept.toml: the team configuration of kept, the commitment ledger.
# Every key is optional: one left out or commented out takes the default its comment gives.
# `kept config` prints the values in force and where each came from.

[team]
# The team's name, shown in reports.
name = {name}
# The ledger file (SQLite), relative to this file.
ledger = {ledger}
# Hours of work in one day: "1.5d" of effort is 1.5 times this. Default 8; more than 0, at most 24.
hours_per_day = 8
# The working days: the schedule puts work on them only, and "1w" of effort is one of these weeks.
# Names mon..sun or monday..sunday. Default Monday to Friday.
workdays = ["mon", "tue", "wed", "thu", "fri"]
# Capacity of a member without a [members.NAME] table, in hours a week. Default 40; 0 to 168.
default_hours_per_week = 40
# true refuses (instead of warning about) a promise that makes a commitment late. Default false.
strict = false
# Days nobody works (public holidays, a team-wide shutdown). Default none.
# holidays = [2026-12-25, 2027-01-01]
# The currency of fees (add --fee): a code of three capital letters. Default none.
# currency = "EUR"

# One table per member whose capacity differs from the default, with their time off.
# hours_per_week: 0 to 168. away: periods off, both dates inclusive.
# [members.alice]
# hours_per_week = 32
# away = [{{ from = 2026-12-24, to = 2027-01-02 }}]

# Clients are external unless listed here as internal (other teams, your own roadmap).
# [clients.billing-team]
# kind = "internal"

[report]
# overload: by the end of a week, the work due by then is above this times the capacity from
# today through then. Default 1.0 (a doable queue is never overloaded); more than 0.
overload_ratio = 1.0
# How many weeks ahead the load table and the overload check look. Default 8; 1 to 520.
weeks = 8
# creep: effort grew by more than this fraction of the first promise. Default 0.25; 0 or more.
creep_ratio = 0.25
# creep: at least this many scope items were added. Default 2; 1 or more.
creep_items = 2
# chronic: renegotiated at least this many times. Default 3; 1 or more.
chronic_renegotiations = 3
# internal-neglect: internal on-time rate trails external by more than this many percentage points.
# Default 15; 0 to 100.
neglect_points = 15
# Confidence, in percent, of `kept when` and `--due auto` dates, and below which `kept forecast`
# calls a commitment at risk. Default 80; 50 to 99.
confidence = 80

# `kept sync` replicates the ledger through this git remote. Default: none.
# Each replica signs its events; a replica's key is trusted on first use. `trusted` pins the
# keys a replica may use ("REPLICA-UUID=PUBLIC-KEY"), `revoked` refuses keys (docs/sync.md).
# [sync]
# remote = "git@example.com:team/kept-ledger.git"
# trusted = []
# revoked = []
)";

} // namespace

std::string_view to_string(ClientKind kind) {
    return kind == ClientKind::internal ? "internal" : "external";
}

double Config::hours_per_week(const std::string& owner) const {
    const auto member = members.find(owner);
    if (member != members.end() && member->second.hours_per_week) {
        return *member->second.hours_per_week;
    }
    return default_hours_per_week;
}

ClientKind Config::client_kind(const std::string& client) const {
    const auto found = clients.find(client);
    return found == clients.end() ? ClientKind::external : found->second;
}

std::string default_config_text(std::string_view team_name) {
    return fmt::format(config_template, fmt::arg("name", toml_quote(team_name)),
                       fmt::arg("ledger", toml_quote(fmt::format("{}.kept.db", team_name))));
}

} // namespace kept
