#include "app/promise.hpp"

#include "kept/error.hpp"
#include "kept/owners.hpp"
#include "kept/render.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace kept::app {

namespace {

std::string hours_text(double minutes) {
    return format_hours(std::llround(minutes));
}

std::string late_text(const std::optional<int>& slack) {
    return slack ? plural(-*slack, "working day", "working days") : std::string("ever");
}

// Why the owner cannot work on `day`, or nullopt when they can.
std::optional<std::string> day_off_note(const MemberCalendar& calendar, const std::string& owner,
                                        const WorkWeek& workweek, Date day) {
    if (calendar.available(day)) {
        return std::nullopt;
    }
    if (!workweek.contains(day)) {
        return fmt::format("a {}, not a working day", weekday_name(day));
    }
    if (calendar.away(day)) {
        return fmt::format("inside {}'s time off", owner);
    }
    return std::string("a holiday");
}

std::vector<Projection> schedule_of(Ledger* ledger, const CapacityLine& line,
                                    const std::string& owner, std::int64_t except_id = 0) {
    return project(line, ledger ? ledger->reads().open_queue(owner, except_id)
                                : std::vector<QueuedWork>{});
}

} // namespace

AccuracyRatios accuracy_of(Ledger& ledger, const std::string& owner) {
    AccuracyHistory history;
    auto add = [&](const CommitmentFacts& c) { history.add(c); };
    ledger.reads().for_each_delivered(owner, add, false);
    if (history.samples(owner) < evidence_min_samples) {
        history = AccuracyHistory();
        ledger.reads().for_each_delivered(std::nullopt, add, false); // the team's, to borrow
    }
    return history.for_owner(owner);
}

PromisedDue promised_due(const Config& config, Date today, Ledger* ledger, const std::string& owner,
                         Minutes effort, Date from, int confidence) {
    MemberCalendar calendar = member_calendar(config, owner);
    CapacityLine line(calendar, today);
    std::vector<Projection> schedule = schedule_of(ledger, line, owner);
    PromisedDue out;
    out.confidence = confidence;
    out.no_capacity = !calendar.has_capacity();
    for (const Projection& p : schedule) {
        if (p.late()) {
            out.already_late.push_back({p, slack_days(p, calendar)});
        }
    }
    out.capacity_date = earliest_doable(line, schedule, effort, from);
    if (!out.capacity_date) {
        throw BadValue(
            out.no_capacity
                ? fmt::format("{} has no capacity (0 hours a week, or no working days): no due "
                              "date can be kept",
                              owner)
                : fmt::format("{}'s capacity cannot carry {} by {}", owner, format_hours(effort),
                              format_date(last_calendar_day())));
    }
    out.ratios = ledger ? accuracy_of(*ledger, owner) : AccuracyRatios{prior_ratios()};
    MonteCarlo trials(line, schedule, out.ratios, owner);
    out.trials = trials.trials();
    const std::array<int, 3> percents = {50, confidence, 90};
    auto dates = trials.confident_dates(effort, from, *out.capacity_date, percents);
    out.p50 = dates.at[0].value_or(*out.capacity_date);
    out.due = dates.at[1].value_or(*out.capacity_date);
    out.p90 = dates.at[2].value_or(*out.capacity_date);
    return out;
}

std::string promised_due_note(const PromisedDue& due) {
    std::string source;
    switch (due.ratios.source) {
    case RatioSource::owner:
        source = fmt::format("the owner's {} delivered commitments", due.ratios.samples);
        break;
    case RatioSource::team:
        source = fmt::format("the team's {} delivered commitments", due.ratios.samples);
        break;
    case RatioSource::prior:
        source = "the prior (fewer than 5 delivered commitments in the team)";
        break;
    }
    return fmt::format("{}% confidence from {}; 50%: {}, 90%: {}; the schedule alone: {}",
                       due.confidence, source, format_date(due.p50), format_date(due.p90),
                       format_date(*due.capacity_date));
}

std::vector<std::string> already_late_lines(const PromisedDue& due, std::size_t limit) {
    std::vector<std::string> out;
    for (const auto& [p, slack] : due.already_late) {
        if (out.size() == limit) {
            out.push_back(fmt::format("and {} more", due.already_late.size() - limit));
            break;
        }
        out.push_back(
            p.finish
                ? fmt::format("#{} due {} finishes {} ({} late)", p.work.id,
                              format_date(p.work.due), format_date(*p.finish), late_text(slack))
                : fmt::format("#{} due {} never finishes", p.work.id, format_date(p.work.due)));
    }
    return out;
}

PromiseCheck check_promise(const Config& config, Date today, Ledger& ledger,
                           const Commitment* before, const Commitment& after, bool strict) {
    MemberCalendar calendar = member_calendar(config, after.owner);
    CapacityLine line(calendar, today);
    // Work due before both the old and the new due date is worked ahead of the change either
    // way: only its sum matters.
    bool same_owner = before != nullptr && before->is_open() && before->owner == after.owner;
    Date from_due = same_owner ? std::min(before->due, after.due) : after.due;
    std::vector<QueuedWork> others = ledger.reads().open_queue(after.owner, after.id, from_due);
    // Each queue in the schedule's order, so that it need not be sorted again.
    auto with = [&](QueuedWork work) {
        std::vector<QueuedWork> queue = others;
        queue.insert(std::upper_bound(queue.begin(), queue.end(), work, queued_before), work);
        return queue;
    };
    std::vector<QueuedWork> was = others;
    if (same_owner) {
        was = with({before->id, before->due, before->effort});
    }
    std::vector<QueuedWork> now = others;
    if (after.is_open()) {
        now = with({after.id, after.due, after.effort});
    }
    const std::vector<Projection> schedule_before = project(line, std::move(was));
    const std::vector<Projection> schedule_after = project(line, std::move(now));
    std::vector<Harm> harms = harms_of_change(line, schedule_before, schedule_after, after.id);

    std::vector<std::string> lateness;
    constexpr std::size_t most = 5;
    for (const Harm& h : harms) {
        const Projection& p = h.after;
        auto slack = slack_days(p, calendar);
        if (h.subject) {
            EarliestOnSum doable =
                earliest_doable_on_sum(line, project(line, others), after.effort, today);
            if (!doable.decided) {
                std::vector<QueuedWork> rows =
                    ledger.reads().open_queue_before(after.owner, after.id, from_due);
                rows.insert(rows.end(), others.begin() + 1, others.end());
                doable.day =
                    earliest_doable(line, project(line, std::move(rows)), after.effort, today);
            }
            lateness.push_back(fmt::format(
                "{} cannot finish #{} \"{}\" by {}: {} of work, {} of capacity until then; "
                "earliest doable: {}",
                after.owner, after.id, after.title, format_date(after.due), hours_text(p.through()),
                hours_text(line.through(after.due)),
                doable.day ? format_date(*doable.day) : std::string("none (no capacity)")));
            continue;
        }
        if (lateness.size() == most) {
            lateness.push_back(fmt::format("and {} more commitments of {} finish later than they "
                                           "did",
                                           harms.size() - most, after.owner));
            break;
        }
        auto other = ledger.commitments().find(p.work.id);
        std::string who = other ? fmt::format("#{} ({})", p.work.id, other->client)
                                : fmt::format("#{}", p.work.id);
        bool was_late = h.finish_before && *h.finish_before > p.work.due;
        if (was_late) {
            Projection earlier = p;
            earlier.finish = h.finish_before;
            auto was_slack = slack_days(earlier, calendar);
            lateness.push_back(fmt::format("this makes {} later: {} late instead of {}", who,
                                           late_text(slack),
                                           was_slack ? std::to_string(-*was_slack) : "never"));
        } else {
            lateness.push_back(fmt::format("this makes {} late by {}", who, late_text(slack)));
        }
    }
    if (lateness.empty()) {
        // With overload_ratio 1, a week newly overloaded always makes something late, warned
        // above; under another ratio the overload flag can be new on its own.
        double ratio = config.report.overload_ratio;
        auto was_loads = week_loads(line, schedule_before, config.report.weeks);
        auto now_loads = week_loads(line, schedule_after, config.report.weeks);
        for (std::size_t i = 0; i < now_loads.size(); ++i) {
            const WeekLoad& w = now_loads[i];
            if (w.overloaded(ratio) && !was_loads[i].overloaded(ratio)) {
                auto u = w.due_utilization();
                lateness.push_back(fmt::format(
                    "this overloads {} in {}: {} of work due by {} for {} of capacity until "
                    "then ({}; overload_ratio {})",
                    after.owner, format_iso_week(w.week), hours_text(w.due_minutes),
                    format_date(w.last), hours_text(w.capacity_through),
                    u ? fmt::format("{:.0f}%", *u) : std::string("no capacity"), ratio));
                break;
            }
        }
    }
    if (strict && !lateness.empty()) {
        throw BadValue(fmt::format("{} (refused: strict mode; nothing was written)",
                                   fmt::join(lateness, "; ")));
    }
    PromiseCheck out{std::move(lateness), std::nullopt};
    bool due_changed =
        before == nullptr || before->due != after.due || before->owner != after.owner;
    if (after.is_open() && due_changed) {
        if (auto note = day_off_note(calendar, after.owner, config.workweek, after.due)) {
            out.warnings.push_back(fmt::format("due date {} is {}", format_date(after.due), *note));
        }
    }
    for (const Projection& p : schedule_after) {
        if (p.work.id == after.id) {
            out.finish = p.finish;
        }
    }
    return out;
}

std::optional<std::string> owner_warning(const Config& config, const std::string& owner,
                                         bool strict) {
    auto warning = not_a_member(owner, member_names(config));
    if (warning && strict) {
        throw BadValue(
            fmt::format("--owner: {} (refused: strict mode; nothing was written)", *warning));
    }
    return warning;
}

} // namespace kept::app
