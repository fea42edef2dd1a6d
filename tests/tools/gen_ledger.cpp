// kept_gen_ledger: writes a large, valid ledger fast, for measuring verify and for crash tests of
// bulk import. Usage: kept_gen_ledger LEDGER EVENTS
// Each commitment gets four events (added, renegotiated twice, closed), written through the same
// Ledger::append path as the kept commands, 10,000 events to a transaction.

#include "kept/changes.hpp"
#include "kept/error.hpp"
#include "kept/ledger.hpp"

#include <charconv>
#include <cstdio>
#include <fmt/format.h>
#include <string_view>

namespace {

using namespace kept;

constexpr std::int64_t events_per_transaction = 10000;

Event draft(EventKind kind, std::string commitment_uuid, Date day) {
    Event e;
    e.uuid = new_uuid();
    e.commitment_uuid = std::move(commitment_uuid);
    e.timestamp = format_timestamp(Timestamp(day + std::chrono::hours(10)));
    e.day = format_date(day);
    e.actor = "generator";
    e.kind = kind;
    return e;
}

/// Appends the n-th event of the generated history (n from 0).
void append_event(Ledger& ledger, std::int64_t n, Commitment& current) {
    Date day = parse_iso_date("2026-01-05").value() + std::chrono::days(n / 400);
    switch (n % 4) {
    case 0: {
        NewCommitment c;
        c.title = fmt::format("Generated commitment {}", n / 4 + 1);
        c.client = fmt::format("client{}", n % 37);
        c.owner = fmt::format("owner{}", n % 11);
        c.due = day + std::chrono::days(14);
        c.effort = 60 * (1 + n % 16);
        c.scope = {"first item", "second item"};
        c.tags = {"generated"};
        Event e = draft(EventKind::added, new_uuid(), day);
        e.payload = added_payload(c, day);
        current = ledger.append(e);
        break;
    }
    case 1:
    case 2: {
        Renegotiation r;
        if (n % 4 == 1) {
            r.due = current.due + std::chrono::days(7);
        } else {
            r.effort = EffortChange{EffortChange::Mode::add, 60};
            r.add_scope = {"third item"};
        }
        Event e = draft(EventKind::renegotiated, current.uuid, day);
        e.payload = renegotiated_payload(current, r, day);
        e.reason = "generated change";
        current = ledger.append(e);
        break;
    }
    default: {
        Event e = draft(EventKind::closed, current.uuid, day);
        e.payload = closed_payload(current, State::delivered, day, day);
        current = ledger.append(e);
        break;
    }
    }
}

int run(std::string_view path, std::int64_t events) {
    Ledger ledger(std::string(path), OpenMode::write, 60000);
    Commitment current;
    for (std::int64_t start = 0; start < events; start += events_per_transaction) {
        ledger.write([&] {
            for (std::int64_t n = start; n < std::min(events, start + events_per_transaction);
                 ++n) {
                append_event(ledger, n, current);
            }
        });
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::int64_t events = 0;
    std::string_view count = argc == 3 ? argv[2] : "";
    auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), events);
    if (argc != 3 || ec != std::errc() || end != count.data() + count.size() || events < 1) {
        std::fputs("usage: kept_gen_ledger LEDGER EVENTS\n", stderr);
        return 64;
    }
    try {
        return run(argv[1], events);
    } catch (const kept::Error& error) {
        std::fprintf(stderr, "kept_gen_ledger: %s\n", error.what());
        return static_cast<int>(error.code());
    }
}
