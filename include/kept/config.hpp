#pragma once

#include "kept/date.hpp"
#include "kept/effort.hpp"
#include "kept/signing.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

enum class ClientKind { external, internal };

/// "external" / "internal".
std::string_view to_string(ClientKind kind);

/// A stretch of days off, both ends inclusive.
struct AwayPeriod {
    Date from;
    Date to;
};

struct Member {
    std::optional<double> hours_per_week; ///< unset: the team default
    std::vector<AwayPeriod> away;
};

/// Report thresholds, the [report] table; docs/report.md gives each key and its default.
struct ReportSettings {
    double overload_ratio = 1.0;
    int weeks = 8;
    double creep_ratio = 0.25;
    int creep_items = 2;
    int chronic_renegotiations = 3;
    int risk_days = 3; ///< no longer used (the schedule flags every projected miss); still accepted
    double neglect_points = 15.0;
    int confidence = 80;
};

/// The team configuration (kept.toml) with built-in defaults for whatever it leaves out.
struct Config {
    std::string team_name = "default";
    std::optional<std::string> ledger; ///< as written in [team] ledger; relative to the file
    double hours_per_day = 8.0;
    WorkWeek workweek;
    double default_hours_per_week = 40.0;
    bool strict = false;
    std::string currency; ///< [team] currency: what fees are in ("EUR", "USD"); default none
    std::vector<Date> holidays; ///< [team] holidays: nobody works on these days; sorted, unique
    std::map<std::string, Member> members;
    std::map<std::string, ClientKind> clients;
    ReportSettings report;
    std::optional<std::string> sync_remote; ///< [sync] remote
    Trust sync_trust;                       ///< [sync] trusted and revoked

    /// Where each set key came from, by dotted name ("team.hours_per_day" -> "line 4").
    /// Keys absent here have their built-in default.
    std::map<std::string, std::string> origins;

    EffortUnits effort_units() const { return {hours_per_day, workweek.days_per_week()}; }
    /// Hours per week for `owner`: the member's own, else default_hours_per_week.
    double hours_per_week(const std::string& owner) const;
    /// The client's kind from [clients.NAME] kind; external when not configured.
    ClientKind client_kind(const std::string& client) const;
};

/// Parses kept.toml text. Unknown tables or keys, wrong types and out-of-range values are errors.
/// The largest config file kept reads: 1 MiB. A team's config is a few kilobytes; anything
/// bigger is not a config (say /dev/zero), and is refused after reading one byte more.
constexpr std::size_t max_config_bytes = 1024 * 1024;

/// Throws ConfigError with "LINE:COL: message" (the caller prefixes the file name).
Config parse_config(std::string_view text);

/// The commented kept.toml that `kept init` writes.
std::string default_config_text(std::string_view team_name);

} // namespace kept
