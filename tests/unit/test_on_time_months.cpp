#include "kept/on_time_months.hpp"

#include <doctest/doctest.h>

using namespace kept;

namespace {

Date day(const char* text) {
    return *parse_iso_date(text);
}

CommitmentFacts delivered(const char* closed, const char* due, const char* first_due) {
    CommitmentFacts c;
    c.state = State::delivered;
    c.closed = day(closed);
    c.due = day(due);
    c.original_due = day(first_due);
    return c;
}

} // namespace

TEST_CASE("OnTimeByMonth: deliveries by the month closed, against both dates") {
    OnTimeByMonth months;
    months.add(delivered("2026-09-30", "2026-09-30", "2026-09-30")); // on time, both
    months.add(delivered("2026-10-01", "2026-10-05", "2026-09-25")); // agreed yes, first no
    months.add(delivered("2026-10-31", "2026-10-30", "2026-10-30")); // late
    CommitmentFacts open;
    open.due = open.original_due = day("2026-10-10");
    months.add(open);
    CommitmentFacts dropped = delivered("2026-10-02", "2026-10-05", "2026-10-05");
    dropped.state = State::dropped;
    months.add(dropped);
    months.add(delivered("2027-01-04", "2027-01-04", "2027-01-04")); // after the last day

    auto rows = months.months(day("2026-12-01"), 12);
    REQUIRE(rows.size() == 4); // September (the first with a delivery) to December
    CHECK(rows[0].label() == "2026-09");
    CHECK(rows[0].delivered == 1);
    CHECK(rows[0].on_time_last == 1);
    CHECK(rows[0].on_time_first == 1);
    CHECK(rows[1].label() == "2026-10");
    CHECK(rows[1].delivered == 2);
    CHECK(rows[1].on_time_last == 1);
    CHECK(rows[1].on_time_first == 0);
    CHECK(rows[2].delivered == 0);
    CHECK(rows[3].label() == "2026-12");
    CHECK(rows[3].delivered == 0);
}

TEST_CASE("OnTimeByMonth: the window's months only, across a year's end") {
    OnTimeByMonth months;
    months.add(delivered("2025-11-03", "2025-11-03", "2025-11-03")); // before the window
    months.add(delivered("2026-01-15", "2026-01-10", "2026-01-10"));
    auto rows = months.months(day("2026-02-10"), 3); // Dec 2025 to Feb 2026
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].label() == "2026-01");
    CHECK(rows[0].on_time_last == 0);
    CHECK(rows[1].label() == "2026-02");
    CHECK(months.months(day("2026-02-10"), 1).empty());
    CHECK(OnTimeByMonth().months(day("2026-02-10"), 12).empty());
}
