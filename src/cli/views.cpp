#include "cli/views.hpp"

#include "cli/output.hpp"

#include <fmt/format.h>
#include <ostream>

namespace kept::cli {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : "; ") + item;
    }
    return out;
}

std::string before_after(const nlohmann::json& change) {
    auto text = [](const nlohmann::json& v) {
        return v.is_number_integer() ? format_hours(v.get<Minutes>()) : v.get<std::string>();
    };
    return fmt::format("{} -> {}", text(change.at("before")), text(change.at("after")));
}

// "title \"Expot API\" -> \"Export API\"; client kind external -> internal; tags +urgent -q4"
std::string describe_edit(const nlohmann::json& p) {
    std::vector<std::string> parts;
    if (auto title = p.find("title"); title != p.end()) {
        parts.push_back(fmt::format("title \"{}\" -> \"{}\"", title->value("before", ""),
                                    title->value("after", "")));
    }
    if (auto client = p.find("client"); client != p.end()) {
        parts.push_back("client " + before_after(*client));
    }
    if (auto kind = p.find("client_kind"); kind != p.end()) {
        parts.push_back("client kind " + before_after(*kind));
    }
    if (auto tags = p.find("tags"); tags != p.end()) {
        std::string text = "tags";
        for (const auto& tag : tags->at("added")) {
            text += " +" + tag.get<std::string>();
        }
        for (const auto& tag : tags->at("dropped")) {
            text += " -" + tag.get<std::string>();
        }
        parts.push_back(std::move(text));
    }
    return joined(parts);
}

// "1,200" for a fee in a payload, "none" for null.
std::string fee_text(const nlohmann::json& value) {
    auto cents = value.is_string() ? fee_from_decimal(value.get<std::string>()) : std::nullopt;
    return cents ? format_fee(*cents) : "none";
}

} // namespace

const std::vector<std::string>& commitment_fields() {
    static const std::vector<std::string> fields = {
        "id",    "uuid",    "title",        "client",         "client_kind",           "owner",
        "state", "due",     "original_due", "effort_hours",   "original_effort_hours", "scope",
        "tags",  "created", "closed",       "renegotiations", "late_renegotiations",
        "fee",   "original_fee"};
    return fields;
}

const std::vector<std::string>& event_fields() {
    static const std::vector<std::string> fields = {
        "seq",  "uuid",    "commitment_id", "commitment_uuid", "timestamp", "day",       "actor",
        "kind", "payload", "reason",        "origin",          "clock",     "prev_hash", "hash"};
    return fields;
}

std::string describe(EventKind kind, const nlohmann::json& p) {
    std::vector<std::string> parts;
    switch (kind) {
    case EventKind::added:
        return fmt::format("\"{}\" for {}, owner {}, due {}, {}", p.value("title", ""),
                           p.value("client", ""), p.value("owner", ""), p.value("due", ""),
                           format_hours(p.value("effort_minutes", Minutes{0})));
    case EventKind::renegotiated:
        for (const char* key : {"due", "effort_minutes", "owner"}) {
            if (auto change = p.find(key); change != p.end()) {
                std::string name = key == std::string("effort_minutes") ? "effort" : key;
                parts.push_back(name + " " + before_after(*change));
            }
        }
        if (auto scope = p.find("scope"); scope != p.end()) {
            parts.push_back(fmt::format("scope +{} -{}", scope->at("added").size(),
                                        scope->at("dropped").size()));
        }
        if (auto fee = p.find("fee"); fee != p.end()) {
            parts.push_back(fmt::format("fee {} -> {}", fee_text(fee->at("before")),
                                        fee_text(fee->at("after"))));
        }
        if (p.value("late", false)) {
            parts.emplace_back("late");
        }
        return joined(parts);
    case EventKind::closed:
        return fmt::format("{} on {}", p.at("state").value("after", ""), p.value("on", ""));
    case EventKind::reopened:
        return fmt::format("reopened (was {})", p.at("state").value("before", ""));
    case EventKind::edited:
        return describe_edit(p);
    }
    return "";
}

void print_commitments(Context& context, Format format, const std::vector<Commitment>& list,
                       const std::vector<std::string>* teams) {
    std::vector<nlohmann::ordered_json> records;
    std::vector<std::string> fields = commitment_fields();
    TextTable table;
    if (format == Format::table) {
        table.headers = {"ID", "DUE", "OWNER", "CLIENT", "EFFORT", "STATE", "TITLE"};
        table.right_aligned = {true, false, false, false, true, false, false};
        table.cuttable = {false, false, false, true, false, false, true};
        if (teams) {
            table.headers.insert(table.headers.begin(), "TEAM");
            table.right_aligned.insert(table.right_aligned.begin(), false);
            table.cuttable.insert(table.cuttable.begin(), false);
        }
        Date today = context.today();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Commitment& c = list[i];
            bool overdue = c.is_open() && c.due < today;
            bool moved = c.due != c.original_due;
            auto& row = table.rows.emplace_back();
            if (teams) {
                row.push_back({(*teams)[i]});
            }
            row.insert(
                row.end(),
                {
                    {fmt::format("{}", c.id)},
                    {format_day(c.due),
                     overdue ? Style::red : (moved ? Style::yellow : Style::plain),
                     overdue ? "!" : (moved ? "*" : "")},
                    {c.owner},
                    {c.client + (c.client_kind == ClientKind::internal ? " (int)" : "")},
                    {format_hours(c.effort)},
                    {std::string(to_string(c.state)), c.is_open() ? Style::plain : Style::dim},
                    {c.title},
                });
        }
    } else {
        if (teams) {
            fields.insert(fields.begin(), "team");
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            nlohmann::ordered_json record;
            if (teams) {
                record["team"] = (*teams)[i];
            }
            record.update(to_json(list[i]));
            records.push_back(std::move(record));
        }
    }
    print_records(context, format, records, fields, table);
}

void print_commitment(Context& context, Format format, const Commitment& c) {
    if (format == Format::json) {
        context.out() << to_json(c).dump(2, ' ', false,
                                         nlohmann::ordered_json::error_handler_t::replace)
                      << '\n';
        return;
    }
    if (format != Format::table) {
        print_records(context, format, {to_json(c)}, commitment_fields(), {});
        return;
    }
    auto promised = [](const std::string& now, const std::string& then) {
        return now == then ? now : fmt::format("{}  (promised {})", now, then);
    };
    TextTable table;
    table.headers = {"FIELD", "VALUE"};
    auto row = [&](const char* name, std::string value) {
        table.rows.push_back({{name, Style::bold}, {std::move(value)}});
    };
    row("id", fmt::format("#{}", c.id));
    row("title", c.title);
    row("client", fmt::format("{} ({})", c.client, to_string(c.client_kind)));
    row("owner", c.owner);
    row("state", std::string(to_string(c.state)));
    row("due", promised(format_day(c.due), format_day(c.original_due)));
    row("effort", promised(format_hours(c.effort), format_hours(c.original_effort)));
    row("scope", joined(c.scope));
    row("tags", joined(c.tags));
    row("created", format_day(c.created));
    row("closed", c.closed ? format_day(*c.closed) : "-");
    if (c.fee || c.original_fee) {
        const std::string& currency = context.config().currency;
        auto fee = [&](const std::optional<Cents>& cents) {
            return cents ? fmt::format("{}{}", format_fee(*cents),
                                       currency.empty() ? "" : " " + currency)
                         : std::string("none");
        };
        row("fee", promised(fee(c.fee), fee(c.original_fee)));
    }
    row("renegotiations", fmt::format("{} ({} late)", c.renegotiations, c.late_renegotiations));
    row("uuid", c.uuid);
    context.out() << render_table(table, context.look());
}

void print_events(Context& context, Format format, const std::vector<Event>& events) {
    std::vector<nlohmann::ordered_json> records;
    TextTable table;
    if (format == Format::table) {
        table.headers = {"SEQ", "DAY", "ACTOR", "KIND", "ID", "CHANGE", "REASON"};
        table.right_aligned = {true, false, false, false, true, false, false};
        table.cuttable = {false, false, false, false, false, true, true};
        for (const auto& e : events) {
            auto day = parse_iso_date(e.day);
            table.rows.push_back({
                {fmt::format("{}", e.seq)},
                {day ? format_day(*day) : e.day},
                {e.actor},
                {std::string(to_string(e.kind))},
                {fmt::format("#{}", e.commitment_id)},
                {describe(e.kind, e.payload)},
                {e.reason.value_or("")},
            });
        }
    } else {
        for (const auto& e : events) {
            records.push_back(to_json(e));
        }
    }
    print_records(context, format, records, event_fields(), table);
}

} // namespace kept::cli
