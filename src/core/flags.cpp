// The one table of flag kinds and every flag rule (docs/report.md, "Flags"). Over 400 lines
// because each rule has its home here, beside the table that names it, and nowhere else.

#include "kept/flags.hpp"

#include "kept/error.hpp"
#include "kept/forecast.hpp"
#include "kept/render.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <iterator>

namespace kept {

namespace {

// The one table of flag kinds, in docs/report.md's order; within one severity the report lists
// kinds in display order.
constexpr std::array<FlagKindInfo, 10> table = {{
    {FlagKind::overload, "overload", Severity::high,
     "week, load_hours, capacity_hours, utilization",
     "the work due by a week's end exceeds overload_ratio x the capacity from today to then"},
    {FlagKind::creep, "creep", Severity::medium,
     "due, original_due, effort_hours, original_effort_hours, effort_growth, schedule_growth, "
     "scope_added, fee, original_fee",
     "effort or scope grew past creep_ratio or creep_items, the due date moved less"},
    {FlagKind::late, "late", Severity::medium, "due, due_in_force, renegotiated_on, days_late",
     "renegotiated after the due date then in force (in the last 7 days)"},
    {FlagKind::chronic, "chronic", Severity::low, "renegotiations, late_renegotiations",
     "renegotiated at least chronic_renegotiations times"},
    {FlagKind::overdue, "overdue", Severity::high, "due, days_overdue, effort_hours",
     "open and past its due date"},
    {FlagKind::risk, "risk", Severity::high,
     "due, days_left, finish, slack_days, load_hours, capacity_hours, utilization",
     "the schedule finishes it after its due date"},
    {FlagKind::heads_up, "heads-up", Severity::high, "client, due, finish, slack_days, talk_by",
     "it will miss and its client has not been told: not renegotiated since it started to miss"},
    {FlagKind::internal_neglect, "internal-neglect", Severity::medium,
     "internal_on_time, external_on_time, gap_points, internal_delivered, external_delivered",
     "internal on-time rate trails external by more than neglect_points"},
    {FlagKind::conflict, "conflict", Severity::medium, "", "changed concurrently on two replicas"},
    {FlagKind::sync, "sync", Severity::high, "",
     "a replica file has a bad line: its later events are not imported"},
}};

constexpr std::array kinds = {
    FlagKind::overload, FlagKind::creep, FlagKind::late,     FlagKind::chronic,
    FlagKind::overdue,  FlagKind::risk,  FlagKind::heads_up, FlagKind::internal_neglect,
    FlagKind::conflict, FlagKind::sync};

std::string kind_list() {
    std::string out;
    for (FlagKind kind : kinds) {
        out += fmt::format("{}, ", to_string(kind));
    }
    return out + "any";
}

Flag about(FlagKind kind, const CommitmentFacts& c) {
    Flag flag;
    flag.kind = kind;
    flag.severity = severity_of(kind);
    flag.owner = c.owner;
    flag.commitments = {c.id};
    return flag;
}

} // namespace

std::span<const FlagKindInfo> flag_kind_table() {
    return table;
}

const FlagKindInfo& info_of(FlagKind kind) {
    return *std::find_if(table.begin(), table.end(),
                         [&](const FlagKindInfo& row) { return row.kind == kind; });
}

std::string_view to_string(FlagKind kind) {
    return info_of(kind).name;
}

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::high:
        return "high";
    case Severity::medium:
        return "medium";
    case Severity::low:
        return "low";
    }
    return "";
}

std::span<const FlagKind> all_flag_kinds() {
    return kinds;
}

std::vector<FlagKind> parse_flag_kinds(std::string_view text, std::string_view field) {
    std::vector<FlagKind> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view word = text.substr(start, comma - start);
        start = comma + 1;
        if (word == "any") {
            return {kinds.begin(), kinds.end()};
        }
        auto it = std::find_if(kinds.begin(), kinds.end(),
                               [&](FlagKind kind) { return to_string(kind) == word; });
        if (it == kinds.end()) {
            throw BadValue(
                fmt::format("{}: \"{}\" is not a flag kind (one of {})", field, word, kind_list()));
        }
        if (std::find(out.begin(), out.end(), *it) == out.end()) {
            out.push_back(*it);
        }
    }
    return out;
}

Severity severity_of(FlagKind kind) {
    return info_of(kind).severity;
}

std::optional<ScheduledFlag> overdue_of(const CommitmentFacts& c, Date today) {
    if (!c.is_open() || c.due >= today) {
        return std::nullopt;
    }
    ScheduledFlag flag;
    flag.kind = FlagKind::overdue;
    flag.id = c.id;
    int days = static_cast<int>((today - c.due).count());
    flag.due = c.due;
    flag.days_overdue = days;
    flag.load_minutes = static_cast<double>(c.effort);
    flag.magnitude = days;
    return flag;
}

std::optional<Flag> overdue_flag(const CommitmentFacts& c, Date today) {
    auto flag = overdue_of(c, today);
    return flag ? std::optional(flag_of(*flag, c.owner, "")) : std::nullopt;
}

namespace {

// "fee unchanged (1,200)", "fee 1,200 → 1,500 (+25%)", "fee 1,500 (none first)".
std::string fee_change(std::optional<Cents> first, Cents now) {
    if (!first) {
        return fmt::format("fee {} (none first)", format_fee(now));
    }
    if (*first == now) {
        return fmt::format("fee unchanged ({})", format_fee(now));
    }
    if (*first == 0) {
        return fmt::format("fee {} → {}", format_fee(*first), format_fee(now));
    }
    return fmt::format("fee {} → {} ({:+.0f}%)", format_fee(*first), format_fee(now),
                       100.0 * static_cast<double>(now - *first) / static_cast<double>(*first));
}

} // namespace

std::optional<Flag> creep_flag(const CommitmentFacts& c, const ReportSettings& settings) {
    if (!c.is_open() || c.original_effort < 1) {
        return std::nullopt;
    }
    double effort_growth =
        static_cast<double>(c.effort - c.original_effort) / static_cast<double>(c.original_effort);
    int net_items = c.scope_added - c.scope_dropped;
    int original_items = std::max(0, c.scope_items - net_items);
    double scope_growth =
        net_items > 0 ? static_cast<double>(net_items) / std::max(1, original_items) : 0.0;
    bool grew = effort_growth > settings.creep_ratio || net_items >= settings.creep_items;
    double work_growth = std::max(effort_growth, scope_growth);
    long long span = std::max<long long>(1, (c.original_due - c.created).count());
    long long moved = (c.due - c.original_due).count();
    double schedule_growth = static_cast<double>(moved) / static_cast<double>(span);
    if (!grew || schedule_growth >= work_growth) {
        return std::nullopt;
    }
    Flag flag = about(FlagKind::creep, c);
    flag.original_effort_hours = hours(static_cast<double>(c.original_effort));
    flag.effort_hours = hours(static_cast<double>(c.effort));
    flag.effort_growth = 100.0 * effort_growth;
    flag.scope_added = net_items;
    flag.original_due = c.original_due;
    flag.due = c.due;
    flag.schedule_growth = 100.0 * schedule_growth;
    flag.magnitude = work_growth - schedule_growth;

    std::vector<std::string> parts;
    if (c.effort != c.original_effort) {
        parts.push_back(fmt::format("effort {} → {} ({:+.0f}%)", format_hours(c.original_effort),
                                    format_hours(c.effort), 100.0 * effort_growth));
    }
    if (net_items != 0) {
        parts.push_back(
            fmt::format("scope {:+} {}", net_items, std::abs(net_items) == 1 ? "item" : "items"));
    }
    if (c.fee) {
        flag.fee = *c.fee;
        flag.original_fee = c.original_fee;
        parts.push_back(fee_change(c.original_fee, *c.fee));
    }
    parts.push_back(moved == 0
                        ? std::string("due unchanged")
                        : fmt::format("due {} → {} ({:+.0f}% time)", format_date(c.original_due),
                                      format_date(c.due), 100.0 * schedule_growth));
    flag.detail = fmt::format("{}", fmt::join(parts, ", "));
    return flag;
}

std::optional<Flag> chronic_flag(const CommitmentFacts& c, const ReportSettings& settings) {
    if (!c.is_open() || c.renegotiations < settings.chronic_renegotiations) {
        return std::nullopt;
    }
    Flag flag = about(FlagKind::chronic, c);
    flag.renegotiations = c.renegotiations;
    flag.late_renegotiations = c.late_renegotiations;
    flag.magnitude = c.renegotiations;
    flag.detail = fmt::format("renegotiated {} ({} late)",
                              plural(c.renegotiations, "time", "times"), c.late_renegotiations);
    return flag;
}

Flag late_flag(const LateRenegotiation& late, const CommitmentFacts& c) {
    Flag flag = about(FlagKind::late, c);
    int days = static_cast<int>((late.day - late.due_in_force).count());
    flag.renegotiated_on = late.day;
    flag.due_in_force = late.due_in_force;
    flag.days_late = days;
    flag.due = late.new_due;
    flag.magnitude = days;
    flag.detail = fmt::format("renegotiated {}, {} after the due date {}{}", format_date(late.day),
                              plural(days, "day", "days"), format_date(late.due_in_force),
                              late.new_due ? fmt::format("; new due {}", format_date(*late.new_due))
                                           : std::string("; due unchanged"));
    return flag;
}

std::optional<Flag> internal_neglect_flag(const Reliability& r, const ReportSettings& settings) {
    constexpr int minimum_delivered = 5;
    auto internal = r.internal.on_time_last_rate();
    auto external = r.external.on_time_last_rate();
    if (r.internal.delivered < minimum_delivered || r.external.delivered < minimum_delivered ||
        !internal || !external || *external - *internal <= settings.neglect_points) {
        return std::nullopt;
    }
    Flag flag;
    flag.kind = FlagKind::internal_neglect;
    flag.severity = severity_of(flag.kind);
    flag.internal_on_time = *internal;
    flag.external_on_time = *external;
    flag.gap_points = *external - *internal;
    flag.internal_delivered = r.internal.delivered;
    flag.external_delivered = r.external.delivered;
    flag.magnitude = *flag.gap_points;
    flag.detail = fmt::format("internal clients got {:.0f}% on time, external {:.0f}% ({:.0f} "
                              "points apart; {} and {} delivered)",
                              *internal, *external, *flag.gap_points, r.internal.delivered,
                              r.external.delivered);
    return flag;
}

std::optional<Flag> overload_flag(const std::string& owner, const WeekLoad& w,
                                  std::span<const Projection> schedule, double ratio) {
    if (!w.overloaded(ratio)) {
        return std::nullopt;
    }
    Flag flag;
    flag.kind = FlagKind::overload;
    flag.severity = severity_of(flag.kind);
    flag.owner = owner;
    flag.week = w.week;
    flag.load_hours = hours(w.due_minutes);
    flag.capacity_hours = hours(w.capacity_through);
    flag.utilization = w.due_utilization();
    flag.magnitude = w.due_utilization().value_or(1e9);
    for (const Projection& p : schedule) {
        if (p.work.due > w.last) {
            break;
        }
        if (p.late()) {
            flag.commitments.push_back(p.work.id);
        }
    }
    std::sort(flag.commitments.begin(), flag.commitments.end());
    auto u = w.due_utilization();
    flag.detail = fmt::format("{} of work due by {} for {} of capacity until then ({})",
                              format_hours(std::llround(w.due_minutes)), format_date(w.last),
                              format_hours(std::llround(w.capacity_through)),
                              u ? fmt::format("{:.0f}%", *u) : std::string("no capacity"));
    return flag;
}

std::optional<ScheduledFlag> risk_of(const Projection& p, const CapacityLine& line) {
    const Date today = line.today();
    if (!p.late() || p.work.due < today) {
        return std::nullopt; // on time, or flagged overdue
    }
    ScheduledFlag flag;
    flag.kind = FlagKind::risk;
    flag.id = p.work.id;
    flag.due = p.work.due;
    flag.days_left = static_cast<int>((p.work.due - today).count());
    flag.finish = p.finish;
    flag.slack_days = slack_days(p, line.calendar());
    flag.load_minutes = p.through();
    flag.capacity_minutes = line.through(p.work.due);
    flag.magnitude = flag.slack_days ? -*flag.slack_days : 1e9;
    return flag;
}

std::optional<ScheduledFlag> heads_up_of(const Projection& p, const CapacityLine& line,
                                         std::optional<Date> known_finish) {
    const Date today = line.today();
    if (!p.late() || p.work.due < today) {
        return std::nullopt;
    }
    bool agreed_knowingly =
        known_finish && *known_finish > p.work.due && p.finish && *p.finish <= *known_finish;
    if (agreed_knowingly) {
        return std::nullopt;
    }
    ScheduledFlag flag;
    flag.kind = FlagKind::heads_up;
    flag.id = p.work.id;
    flag.due = p.work.due;
    flag.finish = p.finish;
    flag.slack_days = slack_days(p, line.calendar());
    auto talk_by = last_day_to_talk(line.calendar(), today, p.work.due);
    flag.talk_by = talk_by;
    // The nearest last day first: that talk cannot wait.
    flag.magnitude = -static_cast<double>((talk_by.value_or(today) - today).count());
    return flag;
}

Flag flag_of(const ScheduledFlag& s, std::string_view owner, std::string_view client) {
    Flag flag;
    flag.kind = s.kind;
    flag.severity = severity_of(s.kind);
    flag.owner = owner;
    flag.commitments = {s.id};
    flag.due = s.due;
    flag.magnitude = s.magnitude;
    if (s.kind == FlagKind::overdue) {
        flag.days_overdue = s.days_overdue;
        flag.effort_hours = hours(s.load_minutes);
        return flag; // its detail is made when it is shown (detail_of): there can be many
    }
    flag.finish = s.finish;
    flag.slack_days = s.slack_days;
    if (s.kind == FlagKind::heads_up) {
        flag.client = client;
        flag.talk_by = s.talk_by;
    } else {
        flag.days_left = s.days_left;
        flag.load_hours = hours(s.load_minutes);
        flag.capacity_hours = hours(s.capacity_minutes);
        flag.utilization = s.capacity_minutes > 0.0
                               ? std::optional<double>(100.0 * s.load_minutes / s.capacity_minutes)
                               : std::nullopt;
    }
    return flag; // its detail is made when it is shown (detail_of): there can be many
}

std::optional<Flag> risk_flag(const std::string& owner, const Projection& p,
                              const CapacityLine& line) {
    auto flag = risk_of(p, line);
    return flag ? std::optional(flag_of(*flag, owner, "")) : std::nullopt;
}

std::optional<Flag> heads_up_flag(const std::string& owner, const Projection& p,
                                  const CapacityLine& line, const std::string& client,
                                  std::optional<Date> known_finish) {
    auto flag = heads_up_of(p, line, known_finish);
    return flag ? std::optional(flag_of(*flag, owner, client)) : std::nullopt;
}

std::string detail_of(const Flag& f) {
    if (!f.detail.empty()) {
        return f.detail;
    }
    auto hours_text = [](const Figure<double>& hours_value) {
        return format_hours(static_cast<Minutes>(std::llround(hours_value.value_or(0.0) * 60.0)));
    };
    auto unit = [](long long count, const char* one, const char* many) {
        return count == 1 ? one : many;
    };
    // One buffer per line: a report words tens of thousands of these.
    fmt::memory_buffer out;
    switch (f.kind) {
    case FlagKind::overdue: {
        int days = f.days_overdue.value_or(0);
        fmt::format_to(std::back_inserter(out),
                       FMT_COMPILE("due {}, {} {} overdue, {} of work open"),
                       format_date(f.due.value_or(Date{})), days, unit(days, "day", "days"),
                       hours_text(f.effort_hours));
        break;
    }
    case FlagKind::risk: {
        int days_left = f.days_left.value_or(0);
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("due {} ("),
                       format_date(f.due.value_or(Date{})));
        if (days_left == 0) {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("today"));
        } else {
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("in {} {}"), days_left,
                           unit(days_left, "day", "days"));
        }
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("): {} "), f.owner);
        if (f.finish) {
            int late = -f.slack_days.value_or(0);
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("finishes {}, {} {} late"),
                           format_date(*f.finish), late, unit(late, "working day", "working days"));
        } else {
            fmt::format_to(std::back_inserter(out),
                           FMT_COMPILE("can never finish it (no capacity)"));
        }
        fmt::format_to(std::back_inserter(out),
                       FMT_COMPILE("; {} of work until then, {} of capacity"),
                       hours_text(f.load_hours), hours_text(f.capacity_hours));
        break;
    }
    case FlagKind::heads_up: {
        fmt::format_to(std::back_inserter(out), FMT_COMPILE("tell {} by {}: due {}, "), f.client,
                       format_date(f.talk_by.value_or(Date{})),
                       format_date(f.due.value_or(Date{})));
        if (f.finish) {
            int late = -f.slack_days.value_or(0);
            fmt::format_to(std::back_inserter(out), FMT_COMPILE("{} finishes {}, {} {} late"),
                           f.owner, format_date(*f.finish), late,
                           unit(late, "working day", "working days"));
        } else {
            fmt::format_to(std::back_inserter(out),
                           FMT_COMPILE("{} can never finish it (no capacity)"), f.owner);
        }
        break;
    }
    default:
        return f.detail;
    }
    return fmt::to_string(out);
}

} // namespace kept
