#include "kept/schedule.hpp"
#include "kept/triage.hpp"

#include "report_fixtures.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <random>
#include <set>

using namespace kept;
using kept::test::day;
using kept::test::hour;

namespace {

const Date tuesday = day("2026-12-01");

MemberCalendar full_time(std::vector<AwayPeriod> away = {}, std::vector<Date> holidays = {}) {
    return {40, WorkWeek{}, std::move(away), std::move(holidays)};
}

bool all_on_time(const CapacityLine& line, std::vector<QueuedWork> queue) {
    auto schedule = project(line, std::move(queue));
    return std::none_of(schedule.begin(), schedule.end(),
                        [](const Projection& p) { return p.late(); });
}

std::vector<QueuedWork> without(const std::vector<QueuedWork>& queue,
                                const std::vector<ToRenegotiate>& moved) {
    std::vector<QueuedWork> out;
    for (const QueuedWork& w : queue) {
        if (std::none_of(moved.begin(), moved.end(),
                         [&](const ToRenegotiate& r) { return r.work.id == w.id; })) {
            out.push_back(w);
        }
    }
    return out;
}

/// The fewest commitments whose removal leaves the rest on time, by trying every subset.
std::size_t fewest_by_brute_force(const CapacityLine& line, const std::vector<QueuedWork>& queue) {
    const std::size_t n = queue.size();
    std::size_t best = n;
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
        std::vector<QueuedWork> kept_work;
        for (std::size_t i = 0; i < n; ++i) {
            if ((mask & (1u << i)) == 0) {
                kept_work.push_back(queue[i]);
            }
        }
        std::size_t removed = n - kept_work.size();
        if (removed < best && all_on_time(line, kept_work)) {
            best = removed;
        }
    }
    return best;
}

} // namespace

TEST_CASE("triage: nothing to do when every date holds, and on an empty queue") {
    MemberCalendar calendar = full_time();
    CapacityLine line(calendar, tuesday);
    CHECK(triage(line, {}).empty());
    CHECK(
        triage(line, {{1, day("2026-12-01"), 8 * hour}, {2, day("2026-12-02"), 8 * hour}}).empty());
}

TEST_CASE("triage: the one big job moves, not the two small ones it pushes late") {
    MemberCalendar calendar = full_time();
    CapacityLine line(calendar, tuesday);
    // Tue and Wed hold 16h. #1 (12h, Wed) and #2, #3 (4h each, Wed) cannot all fit: moving #1
    // alone keeps the other two.
    std::vector<ToRenegotiate> moved = triage(line, {{1, day("2026-12-02"), 12 * hour},
                                                     {2, day("2026-12-02"), 4 * hour},
                                                     {3, day("2026-12-02"), 4 * hour}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].work.id == 1);
    // After #2 and #3 (8h, Tuesday), #1 needs Wednesday and half of Thursday.
    CHECK(moved[0].proposed == day("2026-12-03"));
    CHECK(moved[0].talk_by == day("2026-12-02"));
}

TEST_CASE("triage: ties go to the later due date, then to the newer promise") {
    MemberCalendar calendar = full_time();
    CapacityLine line(calendar, tuesday);
    std::vector<ToRenegotiate> later_due =
        triage(line, {{1, day("2026-12-01"), 6 * hour}, {2, day("2026-12-01"), 6 * hour}});
    REQUIRE(later_due.size() == 1);
    CHECK(later_due[0].work.id == 2); // same due, same effort: the newer promise moves
    // #2 (8h, Tue) and #1 (8h, Wed) tie on effort when #3 no longer fits: the later due date
    // moves, though it is the older promise.
    std::vector<ToRenegotiate> moved = triage(line, {{1, day("2026-12-02"), 8 * hour},
                                                     {2, day("2026-12-01"), 8 * hour},
                                                     {3, day("2026-12-02"), 4 * hour}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].work.id == 1);
    CHECK(moved[0].proposed == day("2026-12-03"));
}

TEST_CASE("triage: overdue work and a member without capacity") {
    MemberCalendar calendar = full_time();
    CapacityLine line(calendar, tuesday);
    std::vector<ToRenegotiate> moved =
        triage(line, {{1, day("2026-11-27"), 2 * hour}, {2, day("2026-12-01"), 8 * hour}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].work.id == 1);
    CHECK_FALSE(moved[0].talk_by.has_value()); // its date has passed
    CHECK(moved[0].proposed == day("2026-12-02"));

    MemberCalendar nobody(0, WorkWeek{}, {});
    CapacityLine none(nobody, tuesday);
    std::vector<ToRenegotiate> all = triage(none, {{1, day("2026-12-04"), hour}});
    REQUIRE(all.size() == 1);
    CHECK_FALSE(all[0].proposed.has_value());
}

TEST_CASE("triage: a proposed date skips a weekend, a holiday and time off") {
    // Thu 2026-12-24 to Tue 2026-12-29: away on Thu, Christmas a holiday, then the weekend.
    MemberCalendar calendar =
        full_time({{day("2026-12-24"), day("2026-12-24")}}, {day("2026-12-25")});
    CapacityLine line(calendar, day("2026-12-23"));
    std::vector<ToRenegotiate> moved =
        triage(line, {{1, day("2026-12-23"), 8 * hour}, {2, day("2026-12-23"), 4 * hour}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].work.id == 1); // 8h, the most effort
    // 4h are left on Wednesday after #2; the next 4h come on Monday.
    CHECK(moved[0].proposed == day("2026-12-28"));
    CHECK(moved[0].talk_by == day("2026-12-23"));
}

TEST_CASE("triage over random queues: fewest moves (as every subset shows), the rest on time, "
          "every proposed date kept") {
    std::mt19937 random(20261202);
    std::uniform_int_distribution<int> due_in(-3, 15);
    std::uniform_int_distribution<int> hours(1, 20);
    std::uniform_int_distribution<int> size(0, 9);
    MemberCalendar calendar =
        full_time({{day("2026-12-09"), day("2026-12-10")}}, {day("2026-12-04")});
    CapacityLine line(calendar, tuesday);
    int with_moves = 0;
    for (int trial = 0; trial < 400; ++trial) {
        std::vector<QueuedWork> queue;
        int n = size(random);
        for (int i = 1; i <= n; ++i) {
            queue.push_back({i, tuesday + std::chrono::days{due_in(random)}, hours(random) * hour});
        }
        std::vector<ToRenegotiate> moved = triage(line, queue);
        CAPTURE(trial);
        CHECK(moved.size() == fewest_by_brute_force(line, queue));
        std::vector<QueuedWork> holding = without(queue, moved);
        CHECK(all_on_time(line, holding));
        for (const ToRenegotiate& r : moved) {
            REQUIRE(r.proposed.has_value());
            holding.push_back({r.work.id, *r.proposed, r.work.effort});
            CHECK(calendar.available(*r.proposed));
        }
        CHECK(all_on_time(line, holding));
        with_moves += moved.empty() ? 0 : 1;
    }
    CHECK(with_moves > 100);
}
