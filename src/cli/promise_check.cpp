#include "cli/promise_check.hpp"

#include "kept/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace kept::cli {

namespace {

std::string load_text(const WeekLoad& w) {
    auto u = w.utilization();
    return fmt::format("{} of {} ({})", format_hours(std::llround(w.load_minutes)),
                       format_hours(std::llround(w.capacity_minutes)),
                       u ? fmt::format("{:.0f}%", *u) : std::string("no capacity"));
}

} // namespace

WhenAnswer realistic_due(Context& context, Ledger& ledger, const std::string& owner, Minutes effort,
                         Date from, std::int64_t except_id) {
    const Config& config = context.config();
    auto open = ledger.open_load(owner, context.today(), except_id);
    return earliest_due(member_calendar(config, owner), open, effort, from, context.today(),
                        config.report.overload_ratio);
}

std::string why_no_date(const WhenAnswer& answer, const std::string& owner) {
    if (answer.no_capacity) {
        return fmt::format("{} has no capacity (0 hours a week, or no working days)", owner);
    }
    if (answer.blocked_by) {
        return fmt::format("{} is already at {} in {}, and the work would add to it; try "
                           "kept when --from {}",
                           owner, load_text(*answer.blocked_by),
                           format_iso_week(answer.blocked_by->week),
                           format_date(*answer.retry_from));
    }
    return fmt::format("{}'s free capacity cannot carry it within {} days", owner,
                       when_search_days);
}

std::optional<std::string> overload_warning(Context& context, Ledger& ledger,
                                            const CommitmentFacts* before,
                                            const CommitmentFacts& after, bool strict) {
    const Config& config = context.config();
    Date today = context.today();
    auto others = ledger.open_load(after.owner, today, after.id);
    MemberCalendar calendar = member_calendar(config, after.owner);
    const CommitmentFacts* same_owner =
        before != nullptr && before->owner == after.owner ? before : nullptr;
    auto hit =
        overload_caused(calendar, others, same_owner, &after, today, config.report.overload_ratio);
    if (!hit) {
        return std::nullopt;
    }
    WhenAnswer realistic =
        earliest_due(calendar, others, after.effort, today, today, config.report.overload_ratio);
    std::string message =
        fmt::format("this puts {} at {} in {}; earliest realistic due date: {}", after.owner,
                    load_text(hit->week), format_iso_week(hit->week.week),
                    realistic.due ? format_date(*realistic.due)
                                  : fmt::format("none ({})", why_no_date(realistic, after.owner)));
    if (strict) {
        throw BadValue(message + " (refused: strict mode; nothing was written)");
    }
    return message;
}

} // namespace kept::cli
