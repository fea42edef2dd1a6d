#include "kept/ics.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

constexpr std::size_t max_line_octets = 75;

// 2026-12-04 -> 20261204 (the DATE value form).
std::string ics_date(Date day) {
    std::string iso = format_date(day);
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// 2026-11-23T09:00:00Z -> 20261123T090000Z (the UTC DATE-TIME form).
std::string ics_timestamp(Timestamp instant) {
    std::string iso = format_timestamp(instant);
    std::string out;
    for (char c : iso) {
        if (c != '-' && c != ':') {
            out.push_back(c);
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : std::string(separator)) + item;
    }
    return out;
}

std::string description(const Commitment& c) {
    std::string text = fmt::format("Client: {} ({})\nOwner: {}\nEffort: {}", c.client,
                                   to_string(c.client_kind), c.owner, format_hours(c.effort));
    if (c.due != c.original_due) {
        text += fmt::format("\nFirst promised for: {}", format_date(c.original_due));
    }
    if (!c.scope.empty()) {
        text += "\nScope: " + joined(c.scope, "; ");
    }
    text += fmt::format("\nkept #{}", c.id);
    return text;
}

void add_line(std::string& out, std::string_view name, std::string_view value) {
    out += ics_fold(fmt::format("{}:{}", name, value));
}

void add_event(std::string& out, const Commitment& c, const std::string& stamp) {
    add_line(out, "BEGIN", "VEVENT");
    add_line(out, "UID", ics_escape(c.uuid + "@kept"));
    add_line(out, "DTSTAMP", stamp);
    add_line(out, "DTSTART;VALUE=DATE", ics_date(c.due));
    add_line(out, "DTEND;VALUE=DATE", ics_date(c.due + std::chrono::days(1)));
    add_line(out, "SEQUENCE", fmt::format("{}", c.renegotiations));
    add_line(out, "SUMMARY", ics_escape(c.title));
    add_line(out, "DESCRIPTION", ics_escape(description(c)));
    if (!c.tags.empty()) {
        std::vector<std::string> escaped;
        for (const auto& tag : c.tags) {
            escaped.push_back(ics_escape(tag));
        }
        add_line(out, "CATEGORIES", joined(escaped, ","));
    }
    add_line(out, "TRANSP", "TRANSPARENT");
    add_line(out, "END", "VEVENT");
}

} // namespace

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
        case '\\':
        case ';':
        case ',':
            out.push_back('\\');
            out.push_back(c);
            break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                break; // the LF that follows writes the line break
            }
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\t') {
                out.push_back(c);
            }
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t limit = max_line_octets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        // Back up to the start of a UTF-8 sequence so no character is split across lines.
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        if (cut == 0) {
            cut = limit;
        }
        out += line.substr(0, cut);
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = max_line_octets - 1; // the leading space counts
    }
    out += line;
    out += "\r\n";
    return out;
}

std::string render_ics(const std::vector<Commitment>& commitments, Timestamp now,
                       std::string_view calendar_name) {
    std::string out;
    add_line(out, "BEGIN", "VCALENDAR");
    add_line(out, "VERSION", "2.0");
    add_line(out, "PRODID", "-//kept//kept commitment ledger//EN");
    add_line(out, "CALSCALE", "GREGORIAN");
    add_line(out, "METHOD", "PUBLISH");
    add_line(out, "X-WR-CALNAME", ics_escape(calendar_name));
    std::string stamp = ics_timestamp(now);
    for (const auto& c : commitments) {
        if (c.is_open()) {
            add_event(out, c, stamp);
        }
    }
    add_line(out, "END", "VCALENDAR");
    return out;
}

} // namespace kept
