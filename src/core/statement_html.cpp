#include "kept/html.hpp"
#include "kept/render.hpp"
#include "kept/statement.hpp"
#include "kept/svg.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

std::string record_html(const ReliabilityFigures& r) {
    std::string text;
    if (r.delivered == 0) {
        text = r.dropped == 0
                   ? std::string("Nothing delivered in the period yet.")
                   : fmt::format("Nothing delivered in the period; {} dropped.", r.dropped);
    } else {
        text = fmt::format("{} of {} delivered by the agreed date ({:.0f}%), {} by the date first "
                           "promised ({:.0f}%){}",
                           r.on_time_last, r.delivered, 100.0 * r.on_time_last / r.delivered,
                           r.on_time_first, 100.0 * r.on_time_first / r.delivered,
                           r.dropped == 0 ? std::string(".")
                                          : fmt::format("; {} dropped.", r.dropped));
    }
    std::string body =
        fmt::format("<p class=\"record\"><strong>On time:</strong> {}</p>\n", html_escape(text));
    if (r.delivered + r.dropped > 0) {
        body += "<div class=\"figure\">" +
                svg_stacked_bar("The period's record: delivered on time, delivered late, dropped",
                                {{"on time", r.on_time_last, BarLook::solid},
                                 {"late", r.delivered - r.on_time_last, BarLook::hatched},
                                 {"dropped", r.dropped, BarLook::dotted}}) +
                "</div>";
    }
    return body;
}

std::string open_html(const Statement& s) {
    if (s.open.empty()) {
        return html_paragraph("Nothing open.");
    }
    HtmlTable table;
    table.headers = {"#",      "Promise",  "Owner",         "Due", "First promised",
                     "Effort", "Forecast", "Chance on time"};
    table.numeric = {true, false, false, false, false, false, false, true};
    table.unbroken = {false, false, false, true, true, false, true};
    table.css_class = "open";
    bool fees = statement_has_fees(s.open);
    if (fees) {
        table.headers.insert(table.headers.begin() + 6, "Fee");
        table.numeric.insert(table.numeric.begin() + 6, true);
        table.unbroken.insert(table.unbroken.begin() + 6, true);
    }
    for (const StatementLine& line : s.open) {
        const Commitment& c = line.commitment;
        std::string forecast = statement_forecast(line);
        std::string chance = statement_chance(line);
        auto& row = table.rows.emplace_back(std::vector<std::string>{
            fmt::format("{}", c.id), c.title, c.owner, format_day(c.due),
            format_day(c.original_due), statement_effort(c), forecast, chance});
        if (fees) {
            row.insert(row.begin() + 6, statement_fee(c, s.currency));
        }
    }
    return html_table(table);
}

std::string delivered_html(const Statement& s) {
    if (s.delivered.empty()) {
        return html_paragraph("Nothing delivered in the period.");
    }
    HtmlTable table;
    table.headers = {"#",
                     "Promise",
                     "Delivered",
                     "Due",
                     "Against the due date",
                     "First promised",
                     "Against the first date"};
    table.numeric = {true};
    table.unbroken = {false, false, true, true, false, true};
    table.css_class = "delivered";
    for (const StatementLine& line : s.delivered) {
        const Commitment& c = line.commitment;
        Date closed = c.closed.value_or(c.due);
        table.rows.push_back({fmt::format("{}", c.id), c.title, format_day(closed),
                              format_day(c.due), statement_lateness(closed, c.due),
                              format_day(c.original_due),
                              statement_lateness(closed, c.original_due)});
    }
    return html_table(table);
}

std::string dropped_html(const Statement& s) {
    HtmlTable table;
    table.headers = {"#", "Promise", "Dropped on", "Due"};
    table.numeric = {true};
    table.unbroken = {false, false, true, true};
    table.css_class = "dropped";
    for (const StatementLine& line : s.dropped) {
        const Commitment& c = line.commitment;
        table.rows.push_back({fmt::format("{}", c.id), c.title,
                              c.closed ? format_day(*c.closed) : std::string("-"),
                              format_day(c.due)});
    }
    return html_table(table);
}

std::string changes_html(const Statement& s) {
    std::string items;
    for (const auto* section : {&s.open, &s.delivered, &s.dropped}) {
        for (const StatementLine& line : *section) {
            for (const StatementChange& change : line.changes) {
                std::string head = fmt::format("#{} {}", line.commitment.id, line.commitment.title);
                std::string rest = fmt::format(", {}, asked by {}{}: {}.", format_day(change.day),
                                               change.requested_by == "client" ? "you" : "us",
                                               change.late ? " after the due date" : "",
                                               statement_change_text(change));
                std::string reason = change.reason.empty()
                                         ? std::string()
                                         : fmt::format(" <q>{}</q>", html_escape(change.reason));
                items += fmt::format("<li><strong>{}</strong>{}{}</li>\n", html_escape(head),
                                     html_escape(rest), reason);
            }
        }
    }
    if (items.empty()) {
        return html_paragraph("No promise changed in the period.");
    }
    return "<ul class=\"changes\">\n" + items + "</ul>\n";
}

} // namespace

std::string statement_html(const Statement& s) {
    std::string title = fmt::format("Promises to {}{}", s.client,
                                    s.client_kind == ClientKind::internal ? " (internal)" : "");
    std::string subtitle =
        s.since ? fmt::format("From the {} team, {} to {}.", s.team, format_day(*s.since),
                              format_day(s.until))
                : fmt::format("From the {} team, up to {}.", s.team, format_day(s.until));
    std::string body = html_section("record", "Record", record_html(s.record));
    body += html_section("open", "Open", open_html(s));
    body += html_section("delivered", "Delivered", delivered_html(s));
    if (!s.dropped.empty()) {
        body += html_section("dropped", "Dropped", dropped_html(s));
    }
    body += html_section("changes", "Changes", changes_html(s));
    return html_page(title, subtitle, body);
}

} // namespace kept
