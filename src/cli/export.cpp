#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/output.hpp"
#include "cli/views.hpp"
#include "kept/error.hpp"
#include "kept/ics.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct ExportOptions {
    FilterOptions filter;
    bool events = false;
};

// The format asked for; export writes NDJSON when --format is left at its default.
std::string export_format(Context& context, std::string_view supported) {
    std::string format = context.options().format;
    if (format == "table") {
        format = "ndjson";
    }
    if (!util::in_comma_list(supported, format)) {
        throw BadValue(fmt::format("--format: \"{}\" is not one of {} for kept export{}", format,
                                   supported, supported == "ndjson,json" ? " --events" : ""));
    }
    return format;
}

int export_events(Context& context, const FilterOptions& filter) {
    std::string format = export_format(context, "ndjson,json");
    if (filter.any()) {
        throw UsageError("export --events writes every event; --owner, --client, --state, "
                         "--due-before, --due-after, --overdue and --tag do not apply");
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    auto& out = context.out();
    if (format == "json") {
        std::vector<nlohmann::ordered_json> records;
        ledger.events().for_each_event({}, [&](const Event& stored) {
            Event e = stored;
            ledger.signatures().attach(e); // signatures travel with their events
            records.push_back(to_json(e));
        });
        out << render_json(records);
        return 0;
    }
    // Streamed: a large ledger is never held in memory twice.
    ledger.events().for_each_event({}, [&](const Event& stored) {
        Event e = stored;
        ledger.signatures().attach(e);
        out << to_json(e).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
            << '\n';
    });
    return 0;
}

int export_commitments(Context& context, const FilterOptions& options) {
    std::string format = export_format(context, "ndjson,json,csv,tsv,ics");
    ListFilter filter = make_filter(context, options);
    if (format == "ics" && filter.states != ListFilter::States::open) {
        throw BadValue(
            fmt::format("--state: \"{}\": a calendar holds open commitments only", options.state));
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    auto found = ledger.commitments().list(filter);
    if (!filter.owners.empty()) {
        warn_unmatched_owners(context, filter.owners, ledger.commitments().owners(), true);
    }
    if (format == "ics") {
        context.out() << render_ics(found, context.now(),
                                    fmt::format("kept: {}", context.config().team_name));
        return 0;
    }
    std::vector<nlohmann::ordered_json> records;
    for (const auto& c : found) {
        records.push_back(to_json(c));
    }
    Format chosen = format == "json"  ? Format::json
                    : format == "csv" ? Format::csv
                    : format == "tsv" ? Format::tsv
                                      : Format::ndjson;
    print_records(context, chosen, records, commitment_fields(), {});
    return 0;
}

} // namespace

Run attach_export(CLI::App& sub) {
    auto o = std::make_shared<ExportOptions>();
    sub.add_flag("--events", o->events,
                 "Every event, with UUIDs and hashes, as NDJSON (for kept import)");
    add_filter_options(sub, o->filter);
    return [o](Context& context) {
        return o->events ? export_events(context, o->filter)
                         : export_commitments(context, o->filter);
    };
}

} // namespace kept::cli
