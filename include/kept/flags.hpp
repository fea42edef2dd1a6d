#pragma once

// The report's flags: each names what it is about (an owner and week, or commitments) and gives
// its figures. docs/report.md ("Flags") gives each rule in exact terms.

#include "kept/config.hpp"
#include "kept/facts.hpp"
#include "kept/figure.hpp"
#include "kept/reliability.hpp"
#include "kept/schedule.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

enum class FlagKind : std::uint8_t {
    overload,
    creep,
    late,
    chronic,
    overdue,
    risk,
    internal_neglect,
    conflict,
    sync,
    heads_up
};
enum class Severity : std::uint8_t { high, medium, low };

/// One row of the table of flag kinds: what the report, `check --help`, the completions and
/// docs/report.md say of a kind.
struct FlagKindInfo {
    FlagKind kind;
    std::string_view name; ///< as typed after `kept check` and in --fail-on
    Severity severity;
    std::string_view fields;  ///< the record fields it sets, beyond kind, owner and commitments
    std::string_view meaning; ///< one line: when it fires
};

/// The table of flag kinds, in the order of docs/report.md's table.
std::span<const FlagKindInfo> flag_kind_table();
/// The row of `kind`.
const FlagKindInfo& info_of(FlagKind kind);

/// "overload", "creep", "late", "chronic", "overdue", "risk", "heads-up", "internal-neglect",
/// "conflict", "sync".
std::string_view to_string(FlagKind kind);
/// "high", "medium", "low".
std::string_view to_string(Severity severity);
/// Every kind, in the order of docs/report.md's table.
std::span<const FlagKind> all_flag_kinds();
/// Parses a comma list of kinds, or "any" for all of them. Throws BadValue naming `field`.
std::vector<FlagKind> parse_flag_kinds(std::string_view text, std::string_view field);
/// How serious a kind is (the table's severity).
Severity severity_of(FlagKind kind);

/// One fired flag. Figures not set do not apply to its kind (docs/report.md lists them).
struct Flag {
    FlagKind kind = FlagKind::overdue;
    Severity severity = Severity::high;
    std::string owner;                     ///< empty for a team-wide flag
    std::string client;                    ///< heads-up: the client to tell
    std::optional<IsoWeek> week;           ///< overload only
    std::vector<std::int64_t> commitments; ///< ascending ids
    std::string detail; ///< one line for people; empty for kinds detail_of words from figures

    Figure<double> load_hours;            ///< overload, risk
    Figure<double> capacity_hours;        ///< overload, risk
    Figure<double> utilization;           ///< percent of capacity; unset when capacity is 0
    Figure<double> effort_hours;          ///< overdue, creep
    Figure<double> original_effort_hours; ///< creep
    Figure<double> effort_growth;         ///< creep, percent
    Figure<double> schedule_growth;       ///< creep, percent
    Figure<double> internal_on_time;      ///< internal-neglect, percent
    Figure<double> external_on_time;      ///< internal-neglect, percent
    Figure<double> gap_points;            ///< internal-neglect
    Figure<Date> due;                     ///< overdue, risk, creep, late (the new due date)
    Figure<Date> original_due;            ///< creep
    Figure<Date> due_in_force;            ///< late
    Figure<Date> renegotiated_on;         ///< late
    Figure<Date> finish;                  ///< risk, heads-up: the schedule's finish; unset: never
    Figure<Date> talk_by;                 ///< heads-up: the last day to tell the client first
    Figure<int> days_overdue;             ///< overdue
    Figure<int> days_late;                ///< late: days after the due date in force
    Figure<int> days_left;                ///< risk
    Figure<int> slack_days;               ///< risk, heads-up: working days, negative
    Figure<int> scope_added;              ///< creep, net items added
    Figure<std::int64_t> fee;             ///< creep: the fee now, in cents, when there is one
    Figure<std::int64_t> original_fee;    ///< creep: the fee first promised, in cents
    Figure<int> renegotiations;           ///< chronic
    Figure<int> late_renegotiations;      ///< chronic
    Figure<int> internal_delivered;       ///< internal-neglect
    Figure<int> external_delivered;       ///< internal-neglect

    double magnitude = 0.0; ///< orders flags of one kind, larger first
};

/// The flag's line for people: `detail`, or for overdue and risk flags (a report can hold tens
/// of thousands) words made from its figures when it is shown.
std::string detail_of(const Flag& flag);

/// Sorts worst first: by severity, then kind, then magnitude, then owner, week and ids.
void sort_flags(std::vector<Flag>& flags);

/// overdue: open and due before `today` (overdue_of gives it as figures).
std::optional<Flag> overdue_flag(const CommitmentFacts& commitment, Date today);
/// creep: open; effort grew by more than creep_ratio of the first promise, or at least creep_items
/// scope items were added (net of dropped ones); and the due date moved later by a smaller
/// fraction of the original span (created to first due date) than the work grew. With a fee,
/// the detail says whether it grew too ("fee unchanged (1,200)").
std::optional<Flag> creep_flag(const CommitmentFacts& commitment, const ReportSettings& settings);
/// chronic: open and renegotiated at least chronic_renegotiations times.
std::optional<Flag> chronic_flag(const CommitmentFacts& commitment, const ReportSettings& settings);
/// late: one renegotiation made after the due date then in force, by `commitment`'s owner.
Flag late_flag(const LateRenegotiation& late, const CommitmentFacts& commitment);
/// internal-neglect: the internal on-time rate (against the last agreed date) trails the external
/// one by more than neglect_points, with at least 5 delivered commitments of each kind.
std::optional<Flag> internal_neglect_flag(const Reliability& reliability,
                                          const ReportSettings& settings);

/// overload: by the end of week `week`, `owner`'s work due by then exceeds `ratio` times the
/// capacity from today through then (WeekLoad::overloaded). Names the commitments due by then
/// that the schedule finishes late.
std::optional<Flag> overload_flag(const std::string& owner, const WeekLoad& week,
                                  std::span<const Projection> schedule, double ratio);
/// A flag of one commitment (risk, heads-up or overdue) as the few figures it is made of: a
/// report of a big ledger holds a hundred thousand of them (FlagList keeps them so), and each
/// becomes a Flag only when read.
struct ScheduledFlag {
    FlagKind kind = FlagKind::risk;
    std::int64_t id = 0;
    double magnitude = 0.0;
    /// risk: the work done through its due date, its own included; overdue: its open work
    double load_minutes = 0.0;
    double capacity_minutes = 0.0; ///< risk: the capacity from today through its due date
    Figure<Date> due;
    Figure<Date> finish;      ///< risk, heads-up; unset: never
    Figure<Date> talk_by;     ///< heads-up
    Figure<int> slack_days;   ///< risk, heads-up
    Figure<int> days_left;    ///< risk
    Figure<int> days_overdue; ///< overdue
};

/// The Flag `flag` stands for: `owner`'s, and for a heads-up `client`'s.
Flag flag_of(const ScheduledFlag& flag, std::string_view owner, std::string_view client);

/// overdue_flag's flag as figures.
std::optional<ScheduledFlag> overdue_of(const CommitmentFacts& commitment, Date today);

/// risk: the schedule finishes an open commitment, not yet overdue, after its due date (or
/// never).
std::optional<ScheduledFlag> risk_of(const Projection& projection, const CapacityLine& line);
/// The same as a Flag of `owner`'s.
std::optional<Flag> risk_flag(const std::string& owner, const Projection& projection,
                              const CapacityLine& line);

/// heads-up: the schedule finishes an open commitment, not yet overdue, after its due date (or
/// never), and its client has not been told: it was not renegotiated since it started to miss.
/// That is, unless its last renegotiation was agreed while the schedule already finished it
/// late (`known_finish` after its due date) and it finishes no later than then. Names the
/// client and the last working day before the due date (last_day_to_talk).
std::optional<ScheduledFlag> heads_up_of(const Projection& projection, const CapacityLine& line,
                                         std::optional<Date> known_finish);
/// The same as a Flag of `owner`'s, naming `client`.
std::optional<Flag> heads_up_flag(const std::string& owner, const Projection& projection,
                                  const CapacityLine& line, const std::string& client,
                                  std::optional<Date> known_finish);

/// Minutes as hours, for the figures: 2760 -> 46.0.
inline double hours(double minutes) {
    return minutes / 60.0;
}

} // namespace kept
