// The report in every format: its four sections (flags, load, reliability, calibration) as
// tables, JSON, NDJSON and CSV/TSV rows. Over 400 lines because each section's table and its
// machine records sit side by side, so that a field added to one is seen missing from the other.

#include "cli/report_view.hpp"

#include "cli/calibration_view.hpp"
#include "cli/output.hpp"
#include "kept/error.hpp"
#include "kept/records.hpp"

#include <fmt/format.h>
#include <ostream>
#include <span>

namespace kept::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string percent_cell(const std::optional<double>& value) {
    return value ? fmt::format("{:.0f}%", *value) : std::string("-");
}

std::string ids_text(std::span<const std::int64_t> ids, std::size_t shown) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
        out += i ? " #" : "#";
        out += fmt::format_int(ids[i]).c_str();
    }
    if (ids.size() > shown) {
        out += fmt::format(" … (+{})", ids.size() - shown);
    }
    return out;
}

Style severity_style(Severity severity) {
    switch (severity) {
    case Severity::high:
        return Style::red;
    case Severity::medium:
        return Style::yellow;
    case Severity::low:
        return Style::plain;
    }
    return Style::plain;
}

/// The flags as table rows, each made when it is written: a big report has tens of thousands.
TableRows flags_table(const FlagList& flags) {
    TableRows table;
    table.headers = {"FLAG", "SEVERITY", "OWNER", "WEEK", "COMMITMENTS", "DETAIL"};
    table.cuttable = {false, false, false, false, false, true};
    table.count = flags.size();
    // Only the detail needs the flag made whole: the table sizes the other columns from every
    // row before it writes the first.
    table.row = [&flags](std::size_t row, std::size_t columns) {
        FlagHead f = flags.head_at(row);
        Style style = severity_style(f.severity);
        std::vector<Cell> cells;
        cells.reserve(6);
        cells.push_back({std::string(to_string(f.kind)), style});
        cells.push_back({std::string(to_string(f.severity)), style});
        cells.push_back({f.owner.empty() ? "-" : std::string(f.owner)});
        cells.push_back({f.week ? format_iso_week(*f.week) : "-"});
        cells.push_back({f.commitments.empty() ? "-" : ids_text(f.commitments, 8)});
        if (columns > 5) {
            cells.push_back({detail_of(flags[row])});
        }
        return cells;
    };
    return table;
}

std::vector<Json> load_records(const Report& report) {
    std::vector<Json> out;
    out.reserve(report.load.size());
    for (const auto& cell : report.load) {
        out.push_back(load_record(cell));
    }
    return out;
}

const std::vector<std::string>& load_fields() {
    static const std::vector<std::string> fields = {"owner",      "week",           "load_hours",
                                                    "late_hours", "capacity_hours", "utilization"};
    return fields;
}

TextTable load_table(const Report& report) {
    TextTable table;
    table.headers = {"OWNER"};
    table.right_aligned = {false};
    table.droppable_from = 1; // the later weeks, when they do not fit
    for (const auto& week : report.horizon) {
        table.headers.push_back(format_iso_week(week));
        table.right_aligned.push_back(true);
    }
    for (const auto& cell : report.load) {
        if (table.rows.empty() || table.rows.back().front().text != cell.owner) {
            table.rows.push_back({{cell.owner}});
        }
        const WeekLoad& w = cell.load;
        bool marked = load_cell_marked(w, report.overload_ratio);
        bool full =
            w.capacity_minutes > 0.0 && w.load_minutes + schedule_epsilon >= w.capacity_minutes;
        std::string text = load_cell_text(w);
        table.rows.back().push_back(
            {text, marked ? Style::red : (full ? Style::yellow : Style::plain), marked ? "!" : ""});
    }
    return table;
}

Json reliability_record(const ReliabilityFigures& r) {
    return {
        {"group", r.group},
        {"name", r.name},
        {"delivered", r.delivered},
        {"dropped", r.dropped},
        {"on_time_first", r.on_time_first},
        {"on_time_last", r.on_time_last},
        {"on_time_first_rate", rounded_or_null(r.on_time_first_rate(), 1)},
        {"on_time_last_rate", rounded_or_null(r.on_time_last_rate(), 1)},
        {"mean_slip_days", rounded_or_null(r.mean_slip_days(), 2)},
        {"mean_late_days", rounded_or_null(r.mean_late_days(), 2)},
        {"proactive_renegotiations", r.proactive_renegotiations},
        {"late_renegotiations", r.late_renegotiations},
    };
}

const std::vector<std::string>& reliability_fields() {
    static const std::vector<std::string> fields = {"group",
                                                    "name",
                                                    "delivered",
                                                    "dropped",
                                                    "on_time_first",
                                                    "on_time_last",
                                                    "on_time_first_rate",
                                                    "on_time_last_rate",
                                                    "mean_slip_days",
                                                    "mean_late_days",
                                                    "proactive_renegotiations",
                                                    "late_renegotiations"};
    return fields;
}

std::vector<Json> reliability_records(const Report& report) {
    std::vector<Json> out;
    for (const auto* row : report.reliability.rows()) {
        out.push_back(reliability_record(*row));
    }
    return out;
}

TextTable reliability_table(const Report& report) {
    TextTable table;
    table.headers = {
        "GROUP",     "NAME",    "DELIVERED",          "ON TIME (FIRST DATE)", "ON TIME (LAST DATE)",
        "MEAN SLIP", "DROPPED", "RENEGOTIATED EARLY", "RENEGOTIATED LATE"};
    table.right_aligned = {false, false, true, true, true, true, true, true, true};
    table.cuttable = {false, true};
    table.droppable_from = 5; // the key columns stay: who, how many delivered, how many on time
    for (const auto* r : report.reliability.rows()) {
        auto slip = r->mean_slip_days();
        table.rows.push_back({
            {r->group, Style::dim},
            {r->name},
            {fmt::format("{}", r->delivered)},
            {percent_cell(r->on_time_first_rate())},
            {percent_cell(r->on_time_last_rate())},
            {slip ? fmt::format("{:.1f}d", *slip) : "-"},
            {fmt::format("{}", r->dropped)},
            {fmt::format("{}", r->proactive_renegotiations)},
            {fmt::format("{}", r->late_renegotiations),
             r->late_renegotiations > 0 ? Style::yellow : Style::plain},
        });
    }
    return table;
}

std::vector<Json> flag_records(const FlagList& flags) {
    std::vector<Json> out;
    out.reserve(flags.size());
    for (const Flag& f : flags) {
        out.push_back(flag_record(f));
    }
    return out;
}

} // namespace

void print_fitted(Context& context, const TextTable& table, bool weeks) {
    TableLook look = context.look();
    std::size_t left_out = write_table(context.out(), table, look);
    if (left_out == 0) {
        return;
    }
    if (weeks) {
        context.out() << fmt::format(
            "({} left out to fit {} columns)\n",
            plural(static_cast<long long>(left_out), "later week", "later weeks"), look.width);
        return;
    }
    std::vector<std::string> names(table.headers.end() - static_cast<long>(left_out),
                                   table.headers.end());
    context.out() << fmt::format("(left out to fit {} columns: {})\n", look.width,
                                 fmt::join(names, ", "));
}

void print_section_title(Context& context, const std::string& title) {
    bool color = context.color();
    context.out() << '\n' << (color ? fmt::format("\x1b[1m{}\x1b[0m", title) : title) << '\n';
}

Section parse_section(std::string_view text) {
    if (text == "all") {
        return Section::all;
    }
    if (text == "flags") {
        return Section::flags;
    }
    if (text == "load") {
        return Section::load;
    }
    if (text == "reliability") {
        return Section::reliability;
    }
    if (text == "calibration") {
        return Section::calibration;
    }
    throw BadValue(fmt::format(
        "--section: \"{}\" is not one of flags, load, reliability, calibration, all", text));
}

const std::vector<std::string>& flag_fields() {
    static const std::vector<std::string> fields = {"kind",
                                                    "severity",
                                                    "owner",
                                                    "week",
                                                    "commitments",
                                                    "detail",
                                                    "load_hours",
                                                    "capacity_hours",
                                                    "utilization",
                                                    "due",
                                                    "original_due",
                                                    "due_in_force",
                                                    "renegotiated_on",
                                                    "days_overdue",
                                                    "days_late",
                                                    "days_left",
                                                    "finish",
                                                    "slack_days",
                                                    "effort_hours",
                                                    "original_effort_hours",
                                                    "effort_growth",
                                                    "schedule_growth",
                                                    "scope_added",
                                                    "renegotiations",
                                                    "late_renegotiations",
                                                    "internal_on_time",
                                                    "external_on_time",
                                                    "gap_points",
                                                    "internal_delivered",
                                                    "external_delivered",
                                                    "client",
                                                    "talk_by",
                                                    "fee",
                                                    "original_fee"};
    return fields;
}

Json flag_record(const Flag& f) {
    Json record = {
        {"kind", to_string(f.kind)},
        {"severity", to_string(f.severity)},
        {"owner", f.owner.empty() ? Json(nullptr) : Json(f.owner)},
        {"week", f.week ? Json(format_iso_week(*f.week)) : Json(nullptr)},
        {"commitments", f.commitments},
        {"detail", detail_of(f)},
    };
    auto number = [&](const char* name, const std::optional<double>& value, int decimals) {
        if (value) {
            record[name] = rounded_to(*value, decimals);
        }
    };
    auto whole = [&](const char* name, const std::optional<int>& value) {
        if (value) {
            record[name] = *value;
        }
    };
    auto day = [&](const char* name, const std::optional<Date>& value) {
        if (value) {
            record[name] = format_date(*value);
        }
    };
    number("load_hours", f.load_hours, 2);
    number("capacity_hours", f.capacity_hours, 2);
    if (f.kind == FlagKind::overload || f.kind == FlagKind::risk) {
        record["utilization"] = rounded_or_null(f.utilization, 1);
    }
    day("due", f.due);
    day("original_due", f.original_due);
    day("due_in_force", f.due_in_force);
    day("renegotiated_on", f.renegotiated_on);
    whole("days_overdue", f.days_overdue);
    whole("days_late", f.days_late);
    whole("days_left", f.days_left);
    bool scheduled = f.kind == FlagKind::risk || f.kind == FlagKind::heads_up;
    if (scheduled) {
        record["finish"] = date_or_null(f.finish);
    }
    whole("slack_days", f.slack_days);
    if (scheduled && !f.slack_days) {
        record["slack_days"] = nullptr; // it never finishes
    }
    number("effort_hours", f.effort_hours, 2);
    number("original_effort_hours", f.original_effort_hours, 2);
    number("effort_growth", f.effort_growth, 1);
    number("schedule_growth", f.schedule_growth, 1);
    whole("scope_added", f.scope_added);
    whole("renegotiations", f.renegotiations);
    whole("late_renegotiations", f.late_renegotiations);
    number("internal_on_time", f.internal_on_time, 1);
    number("external_on_time", f.external_on_time, 1);
    number("gap_points", f.gap_points, 1);
    whole("internal_delivered", f.internal_delivered);
    whole("external_delivered", f.external_delivered);
    if (f.kind == FlagKind::heads_up) {
        record["client"] = f.client;
        record["talk_by"] = date_or_null(f.talk_by);
    }
    if (f.fee) {
        record["fee"] = fee_decimal(*f.fee);
        record["original_fee"] =
            f.original_fee ? Json(fee_decimal(*f.original_fee)) : Json(nullptr);
    }
    return record;
}

namespace {

/// The report as JSON, with its flags as an empty placeholder when `with_flags` is false.
Json report_object(const Report& report, const std::string& team, bool with_flags) {
    const Reliability& r = report.reliability;
    Json owners = Json::array();
    Json clients = Json::array();
    for (const auto* figures : r.rows()) {
        if (figures->group == "owner") {
            owners.push_back(reliability_record(*figures));
        } else if (figures->group == "client") {
            clients.push_back(reliability_record(*figures));
        }
    }
    return {
        {"as_of", format_date(report.as_of)},
        {"team", team},
        {"weeks", report.weeks},
        {"flags", with_flags ? Json(flag_records(report.flags)) : Json::array()},
        {"load", load_records(report)},
        {"reliability",
         {
             {"team", reliability_record(r.team)},
             {"internal", reliability_record(r.internal)},
             {"external", reliability_record(r.external)},
             {"owners", owners},
             {"clients", clients},
         }},
        {"calibration", calibration_records(report.calibration)},
    };
}

} // namespace

Json report_json(const Report& report, const std::string& team) {
    return report_object(report, team, true);
}

void print_flags(Context& context, Format format, const FlagList& flags) {
    if (format == Format::table) {
        write_table(context.out(), flags_table(flags), context.look());
        return;
    }
    print_record_stream(
        context, format, flags.size(), [&](std::size_t i) { return flag_record(flags[i]); },
        flag_fields());
}

void print_report(Context& context, Format format, const Report& report, Section section) {
    const std::string& team = context.config().team_name;
    if (format == Format::json && section == Section::all) {
        // The flags a record at a time: a big report has a hundred thousand.
        write_json_streaming(context.out(), report_object(report, team, false), "flags",
                             report.flags.size(),
                             [&](std::size_t i) { return flag_record(report.flags[i]); });
        return;
    }
    if (format != Format::table) {
        switch (section) {
        case Section::all:
        case Section::flags:
            print_flags(context, format, report.flags);
            break;
        case Section::load:
            print_records(context, format, load_records(report), load_fields(), {});
            break;
        case Section::reliability:
            print_records(context, format, reliability_records(report), reliability_fields(), {});
            break;
        case Section::calibration:
            print_records(context, format, calibration_records(report.calibration),
                          calibration_fields(), {});
            break;
        }
        return;
    }
    TableLook look = context.look();
    auto& out = context.out();
    out << fmt::format("kept report for {}, as of {}; load over {} week{} from {}\n", team,
                       format_day(report.as_of), report.weeks, report.weeks == 1 ? "" : "s",
                       format_iso_week(report.horizon.front()));
    if (section == Section::all || section == Section::flags) {
        print_section_title(context, fmt::format("FLAGS ({})", report.flags.size()));
        if (report.flags.empty()) {
            out << "none\n";
        } else {
            write_table(out, flags_table(report.flags), look);
        }
    }
    if (section == Section::all || section == Section::load) {
        print_section_title(context,
                            "LOAD (percent of each ISO week's capacity the schedule fills)");
        if (report.load.empty()) {
            out << "no owners\n";
        } else {
            print_fitted(context, load_table(report), true);
        }
    }
    if (section == Section::all || section == Section::reliability) {
        print_section_title(context, "RELIABILITY (on-time rates count delivered commitments)");
        print_fitted(context, reliability_table(report), false);
    }
    if (section == Section::all || section == Section::calibration) {
        print_section_title(context,
                            "CALIBRATION (delivered duration over promised, working days)");
        if (report.calibration.empty()) {
            out << "no delivered commitments yet\n";
        } else {
            out << render_table(calibration_table(report.calibration), look);
        }
    }
}

} // namespace kept::cli
