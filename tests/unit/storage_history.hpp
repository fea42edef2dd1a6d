#pragma once

// Random histories written through a Ledger, for the storage unit tests: seeded, so that a
// failing history can be replayed from its seed.

#include "kept/changes.hpp"
#include "kept/error.hpp"
#include "kept/ledger.hpp"
#include "kept/reliability.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace kept::test {

inline Date day(const char* text) {
    return *parse_iso_date(text);
}

/// A draft event of `kind` for `commitment_uuid`, made on `today`.
inline Event draft(EventKind kind, const std::string& commitment_uuid, Date today) {
    Event e;
    e.uuid = new_uuid();
    e.commitment_uuid = commitment_uuid;
    e.day = format_date(today);
    e.timestamp = e.day + "T12:00:00Z";
    e.actor = "tester";
    e.kind = kind;
    return e;
}

/// Writes random changes into a ledger: adds, renegotiations (due, effort, scope, owner; early
/// or late), closes (delivered early, on time or late; dropped), reopens and edits (client,
/// client kind, tags; open or closed), on days that move forward from 2026-03-02.
class History {
  public:
    explicit History(unsigned seed) : random_(seed) {}

    /// An `added` draft for a new commitment made on the current day.
    Event add() {
        NewCommitment n;
        n.title = "t" + std::to_string(pick(1000));
        n.client = clients_[pick(clients_.size())];
        n.client_kind = pick(3) == 0 ? ClientKind::internal : ClientKind::external;
        n.owner = owners_[pick(owners_.size())];
        n.due = today_ + std::chrono::days{static_cast<int>(pick(30))};
        n.effort = static_cast<Minutes>(30 + 30 * pick(16));
        for (std::size_t i = pick(3); i > 0; --i) {
            n.scope.push_back("s" + std::to_string(i));
        }
        Event e = draft(EventKind::added, new_uuid(), today_);
        e.payload = added_payload(n, today_);
        return e;
    }

    /// A change to `c` made on the current day, or nothing when the one picked does not apply.
    std::optional<Event> change(const Commitment& c) {
        try {
            if (pick(5) == 0) {
                return edit(c);
            }
            if (!c.is_open()) {
                Event e = draft(EventKind::reopened, c.uuid, today_);
                e.payload = reopened_payload(c);
                return e;
            }
            if (pick(2) == 0) {
                Renegotiation r;
                switch (pick(4)) {
                case 0:
                    r.due = today_ + std::chrono::days{static_cast<int>(pick(20))};
                    break;
                case 1:
                    r.effort = EffortChange{EffortChange::Mode::add, 60};
                    break;
                case 2:
                    r.add_scope = {"x" + std::to_string(pick(100))};
                    break;
                default:
                    r.owner = owners_[pick(owners_.size())];
                    break;
                }
                r.requested_by = pick(2) == 0 ? "client" : "team";
                Event e = draft(EventKind::renegotiated, c.uuid, today_);
                e.payload = renegotiated_payload(c, r, today_);
                return e;
            }
            State outcome = pick(4) == 0 ? State::dropped : State::delivered;
            auto span = static_cast<int>((today_ - c.created).count());
            Date on = c.created + std::chrono::days{static_cast<int>(pick(span + 1))};
            std::optional<Minutes> spent;
            if (pick(2) == 0 && outcome == State::delivered) {
                spent = static_cast<Minutes>(30 + 30 * pick(10));
            }
            Event e = draft(EventKind::closed, c.uuid, today_);
            e.payload = closed_payload(c, outcome, on, today_, spent);
            return e;
        } catch (const BadValue&) {
            return std::nullopt;
        }
    }

    /// A correction of `c`'s client, client kind or tags, in any state. Throws BadValue when the
    /// one picked changes nothing.
    Event edit(const Commitment& c) {
        Edit r;
        switch (pick(3)) {
        case 0:
            r.client = clients_[pick(clients_.size())];
            break;
        case 1:
            r.client_kind =
                c.client_kind == ClientKind::internal ? ClientKind::external : ClientKind::internal;
            break;
        default:
            r.add_tags = {"g" + std::to_string(pick(100))};
            break;
        }
        Event e = draft(EventKind::edited, c.uuid, today_);
        e.payload = edited_payload(c, r);
        return e;
    }

    /// Moves the current day forward by 0 to 3 days.
    void pass_time() { today_ += std::chrono::days{static_cast<int>(pick(4))}; }

    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

  private:
    std::mt19937 random_;
    Date today_ = day("2026-03-02");
    std::vector<std::string> owners_{"ana", "bo", "cy"};
    std::vector<std::string> clients_{"acme", "billing", "zed"};
};

/// Writes `steps` random events into `ledger`, a few in each write transaction.
inline void write_history(Ledger& ledger, History& history, int steps) {
    std::vector<std::string> uuids;
    for (int step = 0; step < steps;) {
        ledger.write([&] {
            for (int i = 0; i < 5 && step < steps; ++i, ++step) {
                if (uuids.empty() || history.pick(3) == 0) {
                    uuids.push_back(ledger.events().append(history.add()).uuid);
                } else if (auto c = ledger.commitments().find_by_uuid(
                               uuids[history.pick(uuids.size())])) {
                    if (auto e = history.change(*c)) {
                        ledger.events().append(*e);
                    }
                }
            }
        });
        history.pass_time();
    }
}

/// Every commitment of the ledger, in any state.
inline std::vector<Commitment> all_commitments(Ledger& ledger) {
    ListFilter everything;
    everything.states = ListFilter::States::all;
    return ledger.commitments().list(everything);
}

/// The tallies the ledger keeps (its triggers, or a bulk write's fills).
inline std::vector<ReliabilityTally> kept_tallies(Ledger& ledger) {
    std::vector<ReliabilityTally> out;
    ledger.tallies().for_each_tally(std::nullopt,
                                    [&](const ReliabilityTally& t) { out.push_back(t); });
    return out;
}

/// The tallies by the C++ rule (ReliabilityFigures::add through Tallier) over the rows.
inline std::vector<ReliabilityTally> rule_tallies(Ledger& ledger) {
    Tallier tallier;
    for (const auto& c : all_commitments(ledger)) {
        tallier.add(facts_of(c));
    }
    return tallier.tallies();
}

/// Whether two commitment rows hold the same values.
inline bool same_commitment(const Commitment& a, const Commitment& b) {
    auto fields = [](const Commitment& c) {
        return std::tie(c.id, c.uuid, c.title, c.client, c.client_kind, c.owner, c.state, c.due,
                        c.original_due, c.effort, c.original_effort, c.scope, c.tags, c.created,
                        c.closed, c.spent, c.renegotiations, c.late_renegotiations, c.scope_added,
                        c.scope_dropped, c.last_clock);
    };
    return fields(a) == fields(b);
}

/// Rebuilds the commitments from the events and says whether every row came back the same.
inline bool rebuild_keeps_rows(Ledger& ledger) {
    auto before = all_commitments(ledger);
    if (ledger.commitments().rebuild() != static_cast<std::int64_t>(before.size())) {
        return false;
    }
    auto after = all_commitments(ledger);
    return std::equal(before.begin(), before.end(), after.begin(), after.end(), same_commitment);
}

/// Every event of the ledger, in ledger order.
inline std::vector<Event> all_events(Ledger& ledger) {
    std::vector<Event> out;
    ledger.events().for_each_event({}, [&](const Event& e) { out.push_back(e); });
    return out;
}

} // namespace kept::test
