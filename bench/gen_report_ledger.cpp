// Generates a big ledger for measuring `kept report`: by default 100,000 open commitments across
// 50 owners, 200,000 closed ones and 500,000 renegotiations: 1,000,000 events in all, written
// through the real Ledger so that hashes, clocks and the commitments table are what kept writes.
//
//   kept_gen_report_ledger LEDGER [OPEN [OWNERS [CLOSED [RENEGOTIATIONS [TODAY]]]]]

#include "kept/ledger.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using kept::Date;
using std::chrono::days;

struct Planned {
    Date day;
    int commitment;
    kept::EventKind kind;
};

struct Promise {
    std::string uuid;
    std::string owner;
    std::string client;
    Date created;
    Date due;
    kept::Minutes effort;
    std::optional<Date> closed;
};

long arg(int argc, char** argv, int index, long fallback) {
    return argc > index ? std::strtol(argv[index], nullptr, 10) : fallback;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s LEDGER [OPEN [OWNERS [CLOSED [RENEGOTIATIONS [TODAY]]]]]\n",
                     argv[0]);
        return 64;
    }
    const long open = arg(argc, argv, 2, 100000);
    const long owners = arg(argc, argv, 3, 50);
    const long closed = arg(argc, argv, 4, 200000);
    const long renegotiations = arg(argc, argv, 5, 500000);
    const Date today = kept::parse_iso_date(argc > 6 ? argv[6] : "2026-11-23").value();

    std::mt19937_64 random(42);
    auto between = [&](long low, long high) {
        return std::uniform_int_distribution<long>(low, high)(random);
    };
    std::vector<Promise> promises;
    std::vector<Planned> plan;
    for (long i = 0; i < open + closed; ++i) {
        Promise p;
        p.uuid = kept::new_uuid();
        p.owner = "owner-" + std::to_string(between(1, owners));
        p.client = "client-" + std::to_string(between(1, 400));
        if (i < open) {
            p.created = today - days{between(0, 60)};
            p.due = std::max(p.created, today - days{5}) + days{between(0, 90)};
        } else {
            p.created = today - days{between(61, 700)};
            p.due = p.created + days{between(5, 60)};
            p.closed = std::min(today, p.due + days{between(-3, 4)});
            p.closed = std::max(*p.closed, p.created);
            plan.push_back({*p.closed, static_cast<int>(i), kept::EventKind::closed});
        }
        p.effort = 60 * between(1, 40);
        plan.push_back({p.created, static_cast<int>(i), kept::EventKind::added});
        promises.push_back(std::move(p));
    }
    for (long i = 0; i < renegotiations; ++i) {
        int c = static_cast<int>(between(0, open + closed - 1));
        const Promise& p = promises[static_cast<std::size_t>(c)];
        Date last = p.closed.value_or(today);
        plan.push_back({p.created + days{between(0, (last - p.created).count())}, c,
                        kept::EventKind::renegotiated});
    }
    // Day order; on one day an added event first and a closed one last.
    auto rank = [](kept::EventKind k) {
        return k == kept::EventKind::added ? 0 : k == kept::EventKind::renegotiated ? 1 : 2;
    };
    std::stable_sort(plan.begin(), plan.end(), [&](const Planned& a, const Planned& b) {
        return a.day != b.day ? a.day < b.day : rank(a.kind) < rank(b.kind);
    });

    kept::Ledger ledger(argv[1], kept::OpenMode::write, 5000);
    constexpr std::size_t batch = 20000;
    for (std::size_t start = 0; start < plan.size(); start += batch) {
        ledger.write([&] {
            for (std::size_t k = start; k < std::min(plan.size(), start + batch); ++k) {
                const Planned& step = plan[k];
                Promise& p = promises[static_cast<std::size_t>(step.commitment)];
                kept::Event e;
                e.uuid = kept::new_uuid();
                e.commitment_uuid = p.uuid;
                e.day = kept::format_date(step.day);
                e.timestamp = e.day + "T09:00:00Z";
                e.actor = p.owner;
                e.kind = step.kind;
                if (step.kind == kept::EventKind::added) {
                    e.payload = {{"title", "generated commitment"},
                                 {"client", p.client},
                                 {"client_kind", p.client < "client-080" ? "internal" : "external"},
                                 {"owner", p.owner},
                                 {"due", kept::format_date(p.due)},
                                 {"effort_minutes", p.effort},
                                 {"scope", {"deliverable"}},
                                 {"tags", nlohmann::json::array()},
                                 {"created", kept::format_date(p.created)}};
                } else if (step.kind == kept::EventKind::closed) {
                    e.payload = {{"state",
                                  {{"before", "open"},
                                   {"after", between(0, 9) == 0 ? "dropped" : "delivered"}}},
                                 {"on", kept::format_date(*p.closed)}};
                } else {
                    Date due = std::max(step.day, p.due) + days{between(1, 14)};
                    if (p.closed) {
                        due = std::max(due, *p.closed);
                    }
                    kept::Minutes effort = p.effort + 60 * between(0, 4);
                    e.payload = {
                        {"due",
                         {{"before", kept::format_date(p.due)}, {"after", kept::format_date(due)}}},
                        {"requested_by", "team"},
                        {"due_in_force", kept::format_date(p.due)},
                        {"late", step.day > p.due}};
                    if (effort != p.effort) {
                        e.payload["effort_minutes"] = {{"before", p.effort}, {"after", effort}};
                    }
                    e.reason = "generated";
                    p.due = due;
                    p.effort = effort;
                }
                ledger.append(e);
            }
        });
        std::fprintf(stderr, "\r%zu events", std::min(plan.size(), start + batch));
    }
    std::fprintf(stderr, "\n");
    return 0;
}
