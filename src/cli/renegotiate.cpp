#include "app/promise.hpp"
#include "cli/command.hpp"
#include "cli/views.hpp"
#include "kept/changes.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct RenegotiateOptions {
    std::string id;
    std::string due;
    std::string effort;
    std::vector<std::string> add_scope;
    std::vector<std::string> drop_scope;
    std::string owner;
    std::string fee;
    std::string reason;
    std::string requested_by = "team";
    bool strict = false;
};

int run_renegotiate(Context& context, const RenegotiateOptions& o) {
    std::int64_t id = parse_id(o.id);
    Format format = context.format();
    const Config& config = context.config();
    Date today = context.today();
    check_text("--reason", o.reason);

    Renegotiation request;
    if (!o.due.empty()) {
        request.due = parse_date(o.due, today, config.workweek, "--due");
    }
    if (!o.effort.empty()) {
        request.effort = parse_effort_change(o.effort, config.effort_units(), "--effort");
    }
    request.add_scope = o.add_scope;
    request.drop_scope = o.drop_scope;
    const bool strict = o.strict || config.strict;
    std::vector<std::string> warnings;
    if (!o.owner.empty()) {
        request.owner = o.owner;
        if (auto warning = app::owner_warning(config, o.owner, strict)) {
            warnings.push_back(*warning);
        }
    }
    if (!o.fee.empty()) {
        request.fee = parse_fee_option(o.fee, true);
    }
    request.requested_by = o.requested_by;

    Ledger ledger = context.open_ledger(OpenMode::write);
    Commitment after;
    nlohmann::json payload;
    ledger.write([&] {
        Commitment current = require_commitment(ledger, id);
        Event event = context.draft_event(EventKind::renegotiated, current.uuid);
        event.payload = renegotiated_payload(current, request, today);
        event.reason = o.reason;
        Commitment changed = current;
        apply_event(changed, event);
        app::PromiseCheck check = app::check_promise(config, today, ledger, &current, changed, strict);
        if (event.payload.contains("due") || event.payload.contains("effort_minutes") ||
            event.payload.contains("owner")) {
            warnings.insert(warnings.end(), check.warnings.begin(), check.warnings.end());
        }
        // What the schedule said when this was agreed: the heads-up rule reads it (a later miss
        // is news to the client, one agreed knowingly is not).
        event.payload["projected_finish"] =
            check.finish ? nlohmann::json(format_date(*check.finish)) : nlohmann::json(nullptr);
        payload = event.payload;
        after = ledger.events().append(event);
    });
    for (const auto& warning : warnings) {
        context.err() << "kept: warning: " << warning << '\n';
    }
    if (format != Format::table) {
        print_commitment(context, format, after);
        return 0;
    }
    context.out() << fmt::format("renegotiated #{}: {}\n", after.id,
                                 describe(EventKind::renegotiated, payload));
    return 0;
}

} // namespace

Run attach_renegotiate(CLI::App& sub) {
    auto o = std::make_shared<RenegotiateOptions>();
    sub.add_option("ID", o->id, "The commitment")->required();
    sub.add_option("--due", o->due, "New due date");
    sub.add_option("--effort", o->effort,
                   "New effort E (90m, 6h, 1h30m, 1.5d, 1w), or +E / -E to add or remove effort")
        ->allow_extra_args(false);
    sub.add_option("--add-scope", o->add_scope, "Add a scope item (repeatable)")
        ->type_name("ITEM")
        ->allow_extra_args(false);
    sub.add_option("--drop-scope", o->drop_scope, "Drop a scope item (repeatable)")
        ->type_name("ITEM")
        ->allow_extra_args(false);
    sub.add_option("--owner", o->owner,
                   "Hand the commitment to someone else; warns when it is not in [members] but "
                   "clearly means a member (bbo for bob)");
    sub.add_option("--fee", o->fee,
                   "The new fee, in [team] currency (1200, 1200.50), or none to drop it")
        ->type_name("AMOUNT");
    sub.add_option("--reason", o->reason, "Why (required)")->required();
    sub.add_option("--requested-by", o->requested_by, "Who asked for the change: client or team");
    sub.add_flag("--strict", o->strict,
                 "Refuse (exit 65) instead of warning when the change makes a commitment late "
                 "or --owner mistypes a member");
    return [o](Context& context) { return run_renegotiate(context, *o); };
}

} // namespace kept::cli
