#include "cli/command.hpp"
#include "cli/views.hpp"
#include "kept/changes.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct CloseOptions {
    std::string id;
    bool delivered = false;
    bool dropped = false;
    std::string on;
    std::string reason;
    std::string spent;
};

int run_close(Context& context, const CloseOptions& o) {
    std::int64_t id = parse_id(o.id);
    Format format = context.format();
    if (o.delivered == o.dropped) {
        throw UsageError("close: give exactly one of --delivered or --dropped");
    }
    State outcome = o.delivered ? State::delivered : State::dropped;
    Date today = context.today();
    Date on =
        o.on.empty() ? today : parse_past_date(o.on, today, context.config().workweek, "--on");
    if (!o.reason.empty()) {
        check_text("--reason", o.reason);
    }
    std::optional<Minutes> spent;
    if (!o.spent.empty()) {
        spent = parse_effort(o.spent, context.config().effort_units(), "--spent");
    }

    Ledger ledger = context.open_ledger(OpenMode::write);
    Commitment after;
    ledger.write([&] {
        Commitment current = require_commitment(ledger, id);
        Event event = context.draft_event(EventKind::closed, current.uuid);
        event.payload = closed_payload(current, outcome, on, today, spent);
        if (!o.reason.empty()) {
            event.reason = o.reason;
        }
        after = ledger.events().append(event);
    });
    bool on_time = on <= after.due;
    if (format != Format::table) {
        print_commitment(context, format, after);
        return 0;
    }
    context.out() << fmt::format(
        "closed #{} as {} on {}{}\n", after.id, to_string(outcome), format_date(on),
        outcome == State::delivered
            ? (on_time ? " (on time)" : fmt::format(" ({} days late)", (on - after.due).count()))
            : "");
    return 0;
}

struct ReopenOptions {
    std::string id;
    std::string reason;
};

int run_reopen(Context& context, const ReopenOptions& o) {
    std::int64_t id = parse_id(o.id);
    Format format = context.format();
    check_text("--reason", o.reason);
    Ledger ledger = context.open_ledger(OpenMode::write);
    Commitment after;
    ledger.write([&] {
        Commitment current = require_commitment(ledger, id);
        Event event = context.draft_event(EventKind::reopened, current.uuid);
        event.payload = reopened_payload(current);
        event.reason = o.reason;
        after = ledger.events().append(event);
    });
    if (format != Format::table) {
        print_commitment(context, format, after);
        return 0;
    }
    context.out() << fmt::format("reopened #{}, due {}\n", after.id, format_date(after.due));
    return 0;
}

} // namespace

Run attach_close(CLI::App& sub) {
    auto o = std::make_shared<CloseOptions>();
    sub.add_option("ID", o->id, "The commitment")->required();
    sub.add_flag("--delivered", o->delivered, "It was delivered");
    sub.add_flag("--dropped", o->dropped, "It was dropped");
    sub.add_option("--on", o->on,
                   "The day it ended (default: today): YYYY-MM-DD, today, yesterday, -3d, -2w, "
                   "last fri, or a weekday: the most recent one")
        ->type_name("DATE");
    sub.add_option("--reason", o->reason, "Why, or a note");
    sub.add_option(
           "--spent", o->spent,
           "With --delivered: the effort it really took (90m, 6h, 1h30m, 1.5d); the schedule "
           "learns the owner's accuracy from it (default: the last agreed effort)")
        ->type_name("EFFORT");
    return [o](Context& context) { return run_close(context, *o); };
}

Run attach_reopen(CLI::App& sub) {
    auto o = std::make_shared<ReopenOptions>();
    sub.add_option("ID", o->id, "The commitment")->required();
    sub.add_option("--reason", o->reason, "Why (required)")->required();
    return [o](Context& context) { return run_reopen(context, *o); };
}

} // namespace kept::cli
