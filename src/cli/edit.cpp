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

struct EditOptions {
    std::string id;
    std::optional<std::string> title;
    std::optional<std::string> client;
    bool internal = false;
    bool external = false;
    std::vector<std::string> tags;
    std::vector<std::string> untags;
    std::string reason;
};

Edit edit_request(const Config& config, const EditOptions& o) {
    if (o.internal && o.external) {
        throw UsageError("edit: give --internal or --external, not both");
    }
    Edit request;
    request.title = o.title;
    request.client = o.client;
    if (o.internal || o.external) {
        request.client_kind = o.internal ? ClientKind::internal : ClientKind::external;
    } else if (o.client) {
        // A client the config knows brings its kind along, as it would have in `kept add`.
        if (auto known = config.clients.find(*o.client); known != config.clients.end()) {
            request.client_kind = known->second;
        }
    }
    request.add_tags = o.tags;
    request.drop_tags = o.untags;
    if (request.empty()) {
        throw UsageError("edit: give at least one of --title, --client, --internal, --external, "
                         "--tag or --untag");
    }
    return request;
}

int run_edit(Context& context, const EditOptions& o) {
    std::int64_t id = parse_id(o.id);
    Format format = context.format();
    Edit request = edit_request(context.config(), o);
    check_text("--reason", o.reason);

    Ledger ledger = context.open_ledger(OpenMode::write);
    Commitment after;
    nlohmann::json payload;
    ledger.write([&] {
        Commitment current = require_commitment(ledger, id);
        // A configured client's kind the commitment already has is no change asked for.
        if (!o.internal && !o.external && request.client_kind == current.client_kind) {
            request.client_kind.reset();
        }
        Event event = context.draft_event(EventKind::edited, current.uuid);
        event.payload = payload = edited_payload(current, request);
        event.reason = o.reason;
        after = ledger.events().append(event);
    });
    if (format != Format::table) {
        print_commitment(context, format, after);
        return 0;
    }
    context.out() << fmt::format("edited #{}: {}\n", after.id,
                                 describe(EventKind::edited, payload));
    return 0;
}

} // namespace

Run attach_edit(CLI::App& sub) {
    auto o = std::make_shared<EditOptions>();
    sub.add_option("ID", o->id, "The commitment")->required();
    sub.add_option("--title", o->title, "The corrected title");
    sub.add_option("--client", o->client,
                   "The corrected client (a client in [clients.X] brings its kind)");
    sub.add_flag("--internal", o->internal, "The client is internal");
    sub.add_flag("--external", o->external, "The client is external");
    sub.add_option("--tag", o->tags, "Add a tag (repeatable)")
        ->type_name("TAG")
        ->allow_extra_args(false);
    sub.add_option("--untag", o->untags, "Remove a tag (repeatable)")
        ->type_name("TAG")
        ->allow_extra_args(false);
    sub.add_option("--reason", o->reason, "Why (required)")->required();
    return [o](Context& context) { return run_edit(context, *o); };
}

} // namespace kept::cli
