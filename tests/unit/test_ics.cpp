#include "kept/ics.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

Commitment sample() {
    Commitment c;
    c.id = 7;
    c.uuid = "0b7c5f1e-4a3d-4e0c-9d1a-2f6b8c9d0e1f";
    c.title = "Export API; v2, with \\ and\nmore";
    c.client = "acme";
    c.owner = "alice";
    c.due = c.original_due = *parse_iso_date("2026-12-04");
    c.effort = c.original_effort = 16 * 60;
    c.scope = {"csv", "json"};
    c.tags = {"q4", "a,b"};
    return c;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string unfolded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

} // namespace

TEST_CASE("ics_escape: backslash, semicolon, comma, line breaks, control characters") {
    CHECK(ics_escape("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng");
    CHECK(ics_escape(std::string("x\x01y\tz\x7f", 6)) == "xy\tz");
}

TEST_CASE("ics_fold: 75 octets a line, continuation lines start with a space") {
    CHECK(ics_fold("short") == "short\r\n");
    std::string long_line(200, 'x');
    std::string folded = ics_fold(long_line);
    auto lines = lines_of(folded);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].size() == 75);
    CHECK(lines[1].size() == 75);
    CHECK(lines[1][0] == ' ');
    CHECK(unfolded(folded) == long_line + "\r\n");
}

TEST_CASE("ics_fold: never splits a UTF-8 sequence") {
    std::string line = "SUMMARY:";
    for (int i = 0; i < 60; ++i) {
        line += "\xE2\x9C\x93"; // U+2713, three octets
    }
    std::string folded = ics_fold(line);
    for (const auto& l : lines_of(folded)) {
        CHECK(l.size() <= 75);
        std::string body = l.front() == ' ' ? l.substr(1) : l;
        CHECK((static_cast<unsigned char>(body.front()) & 0xC0) != 0x80);
    }
    CHECK(unfolded(folded) == line + "\r\n");
}

TEST_CASE("render_ics: a calendar with one all-day event per open commitment") {
    Commitment closed = sample();
    closed.uuid = "closed-one";
    closed.state = State::delivered;
    Commitment moved = sample();
    moved.uuid = "moved-one";
    moved.due = *parse_iso_date("2026-12-31");
    moved.renegotiations = 2;
    std::string text = render_ics({sample(), closed, moved},
                                  *parse_timestamp("2026-11-23T09:00:00Z"), "kept: platform");
    for (const auto& line : lines_of(text)) {
        CHECK(line.size() <= 75);
    }
    std::string flat = unfolded(text);
    CHECK(flat.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
    CHECK(flat.find("X-WR-CALNAME:kept: platform\r\n") != std::string::npos);
    CHECK(flat.find("UID:0b7c5f1e-4a3d-4e0c-9d1a-2f6b8c9d0e1f@kept\r\n") != std::string::npos);
    CHECK(flat.find("DTSTAMP:20261123T090000Z\r\n") != std::string::npos);
    CHECK(flat.find("DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261205\r\n") !=
          std::string::npos);
    CHECK(flat.find("SUMMARY:Export API\\; v2\\, with \\\\ and\\nmore\r\n") != std::string::npos);
    CHECK(flat.find("CATEGORIES:q4,a\\,b\r\n") != std::string::npos);
    CHECK(flat.find("closed-one") == std::string::npos);
    CHECK(flat.find("UID:moved-one@kept\r\nDTSTAMP:20261123T090000Z\r\nDTSTART;VALUE=DATE:20261231"
                    "\r\nDTEND;VALUE=DATE:20270101\r\nSEQUENCE:2\r\n") != std::string::npos);
    CHECK(flat.find("First promised for: 2026-12-04") != std::string::npos);
    CHECK(flat.substr(flat.size() - 15) == "END:VCALENDAR\r\n");
    CHECK(flat.find("\n") == flat.find("\r\n") + 1);
}
