#include "app/statement.hpp"
#include "cli/command.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct StatementOptions {
    std::string client;
    std::string since;
};

int run_statement(Context& context, const StatementOptions& o) {
    std::string format = context.options().format;
    if (format == "table") {
        format = "md";
    }
    if (format != "md" && format != "html" && format != "json") {
        throw BadValue(fmt::format(
            "--format: \"{}\" is not one of md, html, json for kept statement", format));
    }
    const Date today = context.today();
    std::optional<Date> since;
    if (!o.since.empty()) {
        since = parse_past_date(o.since, today, context.config().workweek, "--since");
        if (*since > today) {
            throw BadValue(
                fmt::format("--since: \"{}\" ({}) is after today", o.since, format_day(*since)));
        }
    }
    Ledger ledger = context.open_ledger(OpenMode::read);
    Statement statement = app::gather_statement(ledger, context.config(), today, o.client, since);
    if (format == "json") {
        context.out() << statement_json(statement).dump(2) << '\n';
    } else if (format == "html") {
        context.out() << statement_html(statement);
    } else {
        context.out() << statement_markdown(statement);
    }
    return 0;
}

} // namespace

Run attach_statement(CLI::App& sub) {
    auto o = std::make_shared<StatementOptions>();
    sub.add_option("--client", o->client, "The client, internal or external")->required();
    sub.add_option("--since", o->since,
                   "The period's first day, looking back (yesterday, -2w, last mon, a date); "
                   "default: from the first promise")
        ->type_name("DATE");
    return [o](Context& context) { return run_statement(context, *o); };
}

} // namespace kept::cli
