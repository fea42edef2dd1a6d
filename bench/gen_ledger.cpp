// kept_gen_ledger: writes a synthetic ledger for the benchmark through the real Ledger::append
// path (payload validation, Lamport clocks, hash chain, derived commitments table), so that every
// command, verify included, sees a ledger it could have written itself.
//
//   kept_gen_ledger --out FILE --events N [--commitments C] [--open O] [--owners K]
//                   [--today YYYY-MM-DD] [--days D] [--seed S]
//
// C commitments (default 0.4 N) are added over the D days (default 3 years) before today; O of
// them (default min(100000, C/2)) are still open, the others closed; the remaining N - C - closed
// events are renegotiations spread at random. Events are appended in day order.

#include "kept/changes.hpp"
#include "kept/error.hpp"
#include "kept/ledger.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <random>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kept::Date;
using std::chrono::days;

struct Options {
    std::string out;
    std::int64_t events = 0;
    std::int64_t commitments = -1;
    std::int64_t open = -1;
    int owners = 50;
    Date today = kept::Date(std::chrono::year(2026) / 11 / 23);
    int span_days = 3 * 365;
    unsigned seed = 42;
};

enum class Step : std::uint8_t { add, renegotiate, close };

/// One scheduled event: appended in day order, a commitment's own events in the order made.
struct Planned {
    std::int32_t day; ///< days since the epoch
    std::int32_t commitment;
    Step step;
};

[[noreturn]] void usage(const std::string& why) {
    std::fprintf(stderr, "kept_gen_ledger: %s\n", why.c_str());
    std::fprintf(stderr, "usage: kept_gen_ledger --out FILE --events N [--commitments C] "
                         "[--open O] [--owners K] [--today YYYY-MM-DD] [--days D] [--seed S]\n");
    std::exit(64);
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view flag = argv[i];
        if (i + 1 >= argc) {
            usage(fmt::format("{} needs a value", flag));
        }
        std::string value = argv[++i];
        auto number = [&] {
            char* end = nullptr;
            long long n = std::strtoll(value.c_str(), &end, 10);
            if (end == value.c_str() || *end != '\0' || n < 0) {
                usage(fmt::format("{}: \"{}\" is not a count", flag, value));
            }
            return static_cast<std::int64_t>(n);
        };
        if (flag == "--out") {
            o.out = value;
        } else if (flag == "--events") {
            o.events = number();
        } else if (flag == "--commitments") {
            o.commitments = number();
        } else if (flag == "--open") {
            o.open = number();
        } else if (flag == "--owners") {
            o.owners = static_cast<int>(std::max<std::int64_t>(1, number()));
        } else if (flag == "--days") {
            o.span_days = static_cast<int>(std::max<std::int64_t>(2, number()));
        } else if (flag == "--seed") {
            o.seed = static_cast<unsigned>(number());
        } else if (flag == "--today") {
            auto day = kept::parse_iso_date(value);
            if (!day) {
                usage(fmt::format("--today: \"{}\" is not a date", value));
            }
            o.today = *day;
        } else {
            usage(fmt::format("unknown option {}", flag));
        }
    }
    if (o.out.empty() || o.events < 1) {
        usage("--out and --events are required");
    }
    if (o.commitments < 0) {
        o.commitments = std::max<std::int64_t>(1, o.events * 2 / 5);
    }
    o.commitments = std::min(o.commitments, o.events);
    if (o.open < 0) {
        o.open = std::min<std::int64_t>(100000, o.commitments / 2);
    }
    // Every commitment is added; a closed one needs a second event.
    std::int64_t closable =
        std::min(o.commitments - std::min(o.open, o.commitments), o.events - o.commitments);
    o.open = o.commitments - closable;
    return o;
}

class Generator {
  public:
    explicit Generator(const Options& o) : o_(o), random_(o.seed) {}

    std::vector<Planned> plan() {
        std::int64_t closed = o_.commitments - o_.open;
        std::int64_t renegotiations = o_.events - o_.commitments - closed;
        std::vector<int> reneg_count(static_cast<std::size_t>(o_.commitments), 0);
        for (std::int64_t i = 0; i < renegotiations; ++i) {
            ++reneg_count[pick(o_.commitments)];
        }
        std::int32_t today = day_number(o_.today);
        std::vector<Planned> plan;
        plan.reserve(static_cast<std::size_t>(o_.events));
        for (std::int64_t i = 0; i < o_.commitments; ++i) {
            auto id = static_cast<std::int32_t>(i);
            bool open = i >= closed;
            // Open work is recent; closed work spans the ledger's whole life.
            std::int32_t created = open ? today - static_cast<std::int32_t>(pick(90))
                                        : today - 2 - static_cast<std::int32_t>(pick(o_.span_days));
            std::int32_t last = open ? today : std::min(today, created + 1 + int(pick(90)));
            plan.push_back({created, id, Step::add});
            std::vector<std::int32_t> when;
            for (int k = 0; k < reneg_count[static_cast<std::size_t>(i)]; ++k) {
                when.push_back(created + static_cast<std::int32_t>(pick(last - created + 1)));
            }
            std::sort(when.begin(), when.end());
            for (auto d : when) {
                plan.push_back({d, id, Step::renegotiate});
            }
            if (!open) {
                plan.push_back({last, id, Step::close});
            }
        }
        std::stable_sort(plan.begin(), plan.end(),
                         [](const Planned& a, const Planned& b) { return a.day < b.day; });
        return plan;
    }

    void write(kept::Ledger& ledger, const std::vector<Planned>& plan) {
        state_.resize(static_cast<std::size_t>(o_.commitments));
        constexpr std::size_t batch = 100000;
        for (std::size_t start = 0; start < plan.size(); start += batch) {
            std::size_t end = std::min(plan.size(), start + batch);
            ledger.write(
                [&] {
                    for (std::size_t i = start; i < end; ++i) {
                        append(ledger, plan[i], i);
                    }
                },
                kept::WriteSize::huge);
        }
    }

  private:
    std::size_t pick(std::int64_t n) {
        return static_cast<std::size_t>(std::uniform_int_distribution<std::int64_t>(
            0, std::max<std::int64_t>(0, n - 1))(random_));
    }

    static std::int32_t day_number(Date d) {
        return static_cast<std::int32_t>(d.time_since_epoch().count());
    }

    std::string owner() { return fmt::format("owner{:02}", 1 + pick(o_.owners)); }

    void append(kept::Ledger& ledger, const Planned& p, std::size_t n) {
        Date day{days(p.day)};
        kept::Commitment& c = state_[static_cast<std::size_t>(p.commitment)];
        kept::Event e;
        e.uuid = kept::new_uuid();
        e.timestamp = kept::format_timestamp(std::chrono::sys_seconds(day) + std::chrono::hours(8) +
                                             std::chrono::seconds(n % 36000));
        e.day = kept::format_date(day);
        switch (p.step) {
        case Step::add: {
            kept::NewCommitment r;
            std::size_t client = pick(200);
            r.title = fmt::format("Deliverable {} for client{:03}", p.commitment + 1, client);
            r.client = fmt::format("client{:03}", client);
            r.client_kind = client < 40 ? kept::ClientKind::internal : kept::ClientKind::external;
            r.owner = owner();
            r.due = day + days(3 + pick(120));
            r.effort = static_cast<kept::Minutes>(30 * (1 + pick(80)));
            for (std::size_t k = 0, items = pick(4); k < items; ++k) {
                r.scope.push_back(fmt::format("item-{}", k + 1));
            }
            static constexpr std::string_view tags[] = {"q1", "q2", "q3", "q4", "infra", "billing"};
            if (pick(2) == 0) {
                r.tags.emplace_back(tags[pick(6)]);
            }
            e.commitment_uuid = kept::new_uuid();
            e.actor = r.owner;
            e.kind = kept::EventKind::added;
            e.payload = kept::added_payload(r, day);
            break;
        }
        case Step::renegotiate: {
            kept::Renegotiation r;
            r.due = c.due + days(1 + pick(21));
            if (pick(3) == 0) {
                r.effort = kept::EffortChange{kept::EffortChange::Mode::add, 120};
            }
            if (pick(5) == 0) {
                r.add_scope.push_back(fmt::format("extra-{}", c.renegotiations + 1));
            }
            if (pick(20) == 0) {
                r.owner = owner();
            }
            r.requested_by = pick(2) == 0 ? "client" : "team";
            e.commitment_uuid = c.uuid;
            e.actor = c.owner;
            e.kind = kept::EventKind::renegotiated;
            e.payload = kept::renegotiated_payload(c, r, day);
            e.reason = "the client asked for more";
            break;
        }
        case Step::close:
            e.commitment_uuid = c.uuid;
            e.actor = c.owner;
            e.kind = kept::EventKind::closed;
            e.payload = kept::closed_payload(
                c, pick(10) == 0 ? kept::State::dropped : kept::State::delivered, day, day);
            break;
        }
        c = ledger.events().append(std::move(e));
    }

    const Options& o_;
    std::mt19937_64 random_;
    std::vector<kept::Commitment> state_;
};

/// Leaves the ledger as a long-lived one is between commands: the WAL folded into the file.
void checkpoint(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
    sqlite3_close(db);
}

} // namespace

int main(int argc, char** argv) {
    Options o = parse_options(argc, argv);
    try {
        auto started = std::chrono::steady_clock::now();
        std::remove(o.out.c_str());
        Generator generator(o);
        auto plan = generator.plan();
        {
            kept::Ledger ledger(o.out, kept::OpenMode::write, 5000);
            generator.write(ledger, plan);
        }
        checkpoint(o.out);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::int64_t closed = o.commitments - o.open;
        std::printf("{\"events\": %zu, \"commitments\": %lld, \"open\": %lld, \"closed\": %lld, "
                    "\"owners\": %d, \"seconds\": %.3f}\n",
                    plan.size(), static_cast<long long>(o.commitments),
                    static_cast<long long>(o.open), static_cast<long long>(closed), o.owners,
                    seconds);
        return 0;
    } catch (const kept::Error& error) {
        std::fprintf(stderr, "kept_gen_ledger: %s\n", error.what());
        return static_cast<int>(error.code());
    }
}
