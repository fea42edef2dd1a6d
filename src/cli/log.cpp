#include "cli/command.hpp"
#include "cli/views.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace kept::cli {

namespace {

struct LogOptions {
    std::string id;
    std::string since;
};

int run_log(Context& context, const LogOptions& o) {
    Format format = context.format();
    EventQuery query;
    if (!o.id.empty()) {
        query.commitment_id = parse_id(o.id);
    }
    if (!o.since.empty()) {
        query.since =
            parse_past_date(o.since, context.today(), context.config().workweek, "--since");
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    if (query.commitment_id) {
        require_commitment(ledger, *query.commitment_id);
    }
    std::vector<Event> events;
    ledger.events().for_each_event(query, [&](const Event& e) { events.push_back(e); });
    print_events(context, format, events);
    return 0;
}

} // namespace

Run attach_log(CLI::App& sub) {
    auto o = std::make_shared<LogOptions>();
    sub.add_option("ID", o->id, "Only this commitment's events");
    sub.add_option("--since", o->since,
                   "Only events made on or after this day: YYYY-MM-DD, today, yesterday, -3d, -2w, "
                   "last fri, or a weekday: the most recent one")
        ->type_name("DATE");
    return [o](Context& context) { return run_log(context, *o); };
}

} // namespace kept::cli
