#include "app/promise.hpp"
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

struct AddOptions {
    std::string title;
    std::string client;
    bool internal = false;
    std::string owner;
    std::string due;
    std::string effort;
    std::vector<std::string> scope;
    std::vector<std::string> tags;
    std::string fee;
    bool quiet = false;
    bool strict = false;
};

int run_add(Context& context, const AddOptions& o) {
    Format format = context.format();
    const Config& config = context.config();
    Date today = context.today();

    NewCommitment request;
    request.title = o.title;
    request.client = o.client;
    request.client_kind = o.internal ? ClientKind::internal : config.client_kind(o.client);
    request.owner = o.owner.empty() ? context.actor() : o.owner;
    bool auto_due = o.due == "auto";
    if (!auto_due) {
        request.due = parse_date(o.due, today, config.workweek, "--due");
    }
    request.effort = parse_effort(o.effort, config.effort_units(), "--effort");
    request.scope = o.scope;
    request.tags = o.tags;
    if (!o.fee.empty()) {
        request.fee = parse_fee_option(o.fee, false);
    }

    const bool strict = o.strict || config.strict;
    std::vector<std::string> warnings;
    if (!o.owner.empty()) {
        if (auto warning = app::owner_warning(config, o.owner, strict)) {
            warnings.push_back(*warning);
        }
    }

    Event event = context.draft_event(EventKind::added, new_uuid());
    if (!auto_due) {
        event.payload = added_payload(request, today); // validates before the ledger is touched
    }

    Ledger ledger = context.open_ledger(OpenMode::write);
    Commitment added;
    std::optional<app::PromisedDue> promised;
    ledger.write([&] {
        if (auto_due) {
            check_text("--owner", request.owner);
            promised = app::promised_due(config, today, &ledger, request.owner, request.effort,
                                         today, config.report.confidence);
            request.due = promised->due;
            event.payload = added_payload(request, today);
        }
        added = ledger.events().append(event);
        auto late = app::check_promise(config, today, ledger, nullptr, added, strict).warnings;
        warnings.insert(warnings.end(), late.begin(), late.end());
    });

    for (const auto& warning : warnings) {
        context.err() << "kept: warning: " << warning << '\n';
    }
    if (format != Format::table) {
        print_commitment(context, format, added);
        return 0;
    }
    if (auto_due && !o.quiet) {
        context.out() << fmt::format("due auto: {} ({})\n", format_date(added.due),
                                     app::promised_due_note(*promised));
    }
    if (o.quiet) {
        context.out() << added.id << '\n';
    } else {
        context.out() << fmt::format("added #{} \"{}\" for {}, owner {}, due {}, {}\n", added.id,
                                     added.title, added.client, added.owner, format_date(added.due),
                                     format_hours(added.effort));
    }
    return 0;
}

} // namespace

Run attach_add(CLI::App& sub) {
    auto o = std::make_shared<AddOptions>();
    sub.add_option("title", o->title, "What is promised")->required();
    sub.add_option("--client", o->client, "Who it is promised to")->required();
    sub.add_flag("--internal", o->internal,
                 "The client is internal (default: external, or [clients.X] kind)");
    sub.add_option("--owner", o->owner,
                   "The one accountable person (default: you); warns when it is not in [members] "
                   "but clearly means a member (bbo for bob)");
    sub.add_option("--due", o->due,
                   "Due date: YYYY-MM-DD, today, tomorrow, +3d, +2w, fri, eow, eom, or auto (the "
                   "earliest date the owner's schedule keeps with [report] confidence)")
        ->required();
    sub.add_option("--effort", o->effort,
                   "Effort estimate: 90m, 6h, 1.5d, 1w, or compound with units from the largest "
                   "down, 1h30m, 2d4h (bare number: hours)")
        ->required();
    sub.add_option("--scope", o->scope, "A deliverable in scope (repeat for more)")
        ->type_name("ITEM")
        ->allow_extra_args(false);
    sub.add_option("--tag", o->tags, "A tag (repeat for more)")
        ->type_name("TAG")
        ->allow_extra_args(false);
    sub.add_option("--fee", o->fee,
                   "What the client pays for it, in [team] currency: 1200 or 1200.50 (optional)")
        ->type_name("AMOUNT");
    sub.add_flag("-q,--quiet", o->quiet, "Print only the new id");
    sub.add_flag("--strict", o->strict,
                 "Refuse (exit 65) instead of warning when the promise makes a commitment late "
                 "or --owner mistypes a member");
    return [o](Context& context) { return run_add(context, *o); };
}

} // namespace kept::cli
