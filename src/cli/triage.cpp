#include "app/triage.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "kept/records.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace kept::cli {

namespace {

using Json = nlohmann::ordered_json;
using Line = app::TriageLine;

const std::vector<std::string>& triage_fields() {
    static const std::vector<std::string> fields = {
        "id",  "uuid",         "title",   "client",   "client_kind", "owner",
        "due", "effort_hours", "talk_by", "proposed", "command"};
    return fields;
}

Json record_of(const Line& line) {
    const OpenCommitment& c = line.commitment;
    const ToRenegotiate& r = line.renegotiation;
    std::string command = app::renegotiate_command(line);
    Json record = Json::object();
    put_identity(record, c);
    record["due"] = format_date(c.due);
    record["effort_hours"] = hours_value(r.work.effort);
    record["talk_by"] = date_or_null(r.talk_by);
    record["proposed"] = date_or_null(r.proposed);
    record["command"] = command.empty() ? Json(nullptr) : Json(command);
    return record;
}

TextTable table_of(const std::vector<Line>& lines) {
    TextTable table;
    table.headers = {"ID", "OWNER", "CLIENT", "DUE", "TALK BY", "PROPOSED", "TITLE"};
    table.right_aligned = {true};
    table.cuttable = {false, false, true, false, false, false, true};
    for (const Line& line : lines) {
        const OpenCommitment& c = line.commitment;
        const ToRenegotiate& r = line.renegotiation;
        table.rows.push_back({
            {fmt::format("#{}", c.id)},
            {c.owner},
            {fmt::format("{} ({})", c.client, to_string(c.client_kind))},
            {format_day(c.due)},
            {r.talk_by ? format_day(*r.talk_by) : std::string("now: overdue"), Style::yellow},
            {r.proposed ? format_day(*r.proposed) : std::string("none: no capacity")},
            {c.title},
        });
    }
    return table;
}

void print_table(Context& context, const std::vector<Line>& lines) {
    auto& out = context.out();
    if (lines.empty()) {
        out << "Every open commitment can be kept: nothing to renegotiate.\n";
        return;
    }
    out << fmt::format("{} commitment{} cannot be kept with the others. Talk to each client by the "
                       "TALK BY day, before the date passes;\nthe others all hold if these "
                       "move to the PROPOSED dates.\n\n",
                       lines.size(), lines.size() == 1 ? "" : "s");
    out << render_table(table_of(lines), context.look());
    out << "\nOnce a client agrees:\n";
    for (const Line& line : lines) {
        std::string command = app::renegotiate_command(line);
        if (!command.empty()) {
            out << "  " << command << '\n';
        }
    }
}

} // namespace

Run attach_triage(CLI::App& sub) {
    auto owner = std::make_shared<std::string>();
    sub.add_option("--owner", *owner, "Only this owner's queue");
    return [owner](Context& context) {
        Format format = context.format();
        Ledger ledger = context.open_ledger(OpenMode::read);
        std::vector<Line> lines =
            app::gather_triage(ledger, context.config(), context.today(),
                               owner->empty() ? std::nullopt : std::optional<std::string>(*owner));
        if (format == Format::table) {
            print_table(context, lines);
            return 0;
        }
        std::vector<Json> records;
        records.reserve(lines.size());
        for (const Line& line : lines) {
            records.push_back(record_of(line));
        }
        print_records(context, format, records, triage_fields(), {});
        return 0;
    };
}

} // namespace kept::cli
