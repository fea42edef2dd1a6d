// The rules the ledger keeps in SQL for speed (the reliability tallies and the open work sums,
// kept by triggers and by a bulk write's fills) proved equal to their C++ rules over random
// histories: ReliabilityFigures::add (through Tallier) and the schedule's open queue counted from
// the commitments themselves.

#include "storage_history.hpp"

#include "kept/schedule.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace kept;
using namespace kept::test;

namespace {

/// The open queue of `owner` but `except_id` from `from_due` on, by the C++ rule: the open
/// commitments' rows, the work due before `from_due` summed into one item due the day before.
std::vector<QueuedWork> rule_queue(const std::vector<Commitment>& all, const std::string& owner,
                                   std::int64_t except_id, Date from_due) {
    Minutes before = 0;
    Date last_before{};
    std::vector<QueuedWork> rows;
    for (const auto& c : all) {
        if (!c.is_open() || c.owner != owner || c.id == except_id) {
            continue;
        }
        if (c.due < from_due) {
            before += c.effort;
            last_before = std::max(last_before, c.due);
        } else {
            rows.push_back({c.id, c.due, c.effort});
        }
    }
    std::sort(rows.begin(), rows.end(), queued_before);
    std::vector<QueuedWork> out;
    if (before > 0) {
        out.push_back({summed_work_id, last_before, before});
    }
    out.insert(out.end(), rows.begin(), rows.end());
    return out;
}

bool same_queue(const std::vector<QueuedWork>& a, const std::vector<QueuedWork>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.id == y.id && x.due == y.due && x.effort == y.effort;
    });
}

/// Checks every derived table of `ledger` against the C++ rules.
void check_derived_tables(Ledger& ledger, History& history) {
    CHECK(tally_differences(rule_tallies(ledger), kept_tallies(ledger)) == 0);
    CHECK(ledger.checks().open_work_mismatches() == 0);
    auto all = all_commitments(ledger);
    for (const char* owner : {"ana", "bo", "cy"}) {
        Date from = day("2026-03-02") + std::chrono::days{static_cast<int>(history.pick(60))};
        std::int64_t except = all.empty() ? 0 : all[history.pick(all.size())].id;
        CHECK(same_queue(ledger.reads().open_queue(owner, except, from),
                         rule_queue(all, owner, except, from)));
    }
}

} // namespace

TEST_CASE("tallies: the triggers count as ReliabilityFigures::add over random histories") {
    for (unsigned seed = 1; seed <= 120; ++seed) {
        CAPTURE(seed);
        Ledger ledger = Ledger::in_memory();
        History history(seed);
        write_history(ledger, history, 40 + static_cast<int>(seed % 40));
        check_derived_tables(ledger, history);
    }
}

TEST_CASE("tallies: a bulk write's fills count as the triggers do") {
    for (unsigned seed = 200; seed < 260; ++seed) {
        CAPTURE(seed);
        Ledger ledger = Ledger::in_memory();
        History history(seed);
        write_history(ledger, history, 20); // rows before the bulk write count once, not twice
        // Half of them say they bring more rows than the ledger holds, so that the indexes are
        // built at the end as well.
        std::int64_t expected = seed % 2 == 0 ? 1 : 1'000'000;
        ledger.write_bulk(expected, [&] {
            for (std::size_t i = 0, n = 5 + history.pick(40); i < n; ++i) {
                ledger.events().append(history.add());
            }
        });
        check_derived_tables(ledger, history);
        write_history(ledger, history, 30); // and the triggers are back afterwards
        check_derived_tables(ledger, history);
    }
}

TEST_CASE("tallies: an import and a rebuild keep them as the rule counts") {
    for (unsigned seed = 300; seed < 360; ++seed) {
        CAPTURE(seed);
        Ledger source = Ledger::in_memory();
        History history(seed);
        write_history(source, history, 60);
        Ledger copy = Ledger::in_memory();
        auto events = all_events(source);
        CHECK(copy.events().import_events(events).added ==
              static_cast<std::int64_t>(events.size()));
        check_derived_tables(copy, history);

        // A second writer's events, imported one by one into a ledger with history of its own.
        Ledger other = Ledger::in_memory();
        write_history(other, history, 30);
        other.write([&] {
            for (const auto& e : events) {
                other.events().import_event(e);
            }
        });
        check_derived_tables(other, history);

        CHECK(rebuild_keeps_rows(other));
        check_derived_tables(other, history);
    }
}

TEST_CASE("tallies: an import that changes more commitments than are held counts them at its end") {
    for (unsigned seed = 400; seed < 460; ++seed) {
        CAPTURE(seed);
        Ledger source = Ledger::in_memory();
        History history(seed);
        write_history(source, history, 60);
        auto events = all_events(source);
        // Into an empty ledger, and into one with fewer commitments of its own than the import
        // brings: the tables are counted again from every row, and the triggers come back.
        for (int own : {0, 5}) {
            Ledger copy = Ledger::in_memory();
            write_history(copy, history, own);
            copy.write_changing(events.size(), [&] {
                for (const auto& e : events) {
                    copy.events().import_event(e);
                }
            });
            check_derived_tables(copy, history);
            write_history(copy, history, 20);
            check_derived_tables(copy, history);
        }
    }
}
