// CommitmentStore::list's SQL against the rule it repeats: its filters as predicates, its order
// as listed_before then id, over random histories.

#include "storage_history.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace kept;
using namespace kept::test;

namespace {

bool in(const std::vector<std::string>& values, const std::string& value) {
    return values.empty() || std::find(values.begin(), values.end(), value) != values.end();
}

bool state_matches(ListFilter::States states, State state) {
    switch (states) {
    case ListFilter::States::open:
        return state == State::open;
    case ListFilter::States::delivered:
        return state == State::delivered;
    case ListFilter::States::dropped:
        return state == State::dropped;
    case ListFilter::States::closed:
        return state != State::open;
    case ListFilter::States::all:
        break;
    }
    return true;
}

bool matches(const ListFilter& f, const Commitment& c) {
    bool tagged = f.tags.empty() || std::any_of(c.tags.begin(), c.tags.end(),
                                                [&](const auto& t) { return in(f.tags, t); });
    return in(f.owners, c.owner) && in(f.clients, c.client) && state_matches(f.states, c.state) &&
           (!f.due_before || c.due < *f.due_before) && (!f.due_after || c.due > *f.due_after) &&
           tagged;
}

// The list by the rule: filtered, sorted by listed_before then id, maybe reversed, limited.
std::vector<std::int64_t> expected_ids(const std::vector<Commitment>& all, const ListFilter& f) {
    std::vector<Commitment> chosen;
    std::copy_if(all.begin(), all.end(), std::back_inserter(chosen),
                 [&](const Commitment& c) { return matches(f, c); });
    std::sort(chosen.begin(), chosen.end(), [&](const Commitment& a, const Commitment& b) {
        if (listed_before(a, b, f.sort)) {
            return true;
        }
        return !listed_before(b, a, f.sort) && a.id < b.id;
    });
    if (f.reverse) {
        std::reverse(chosen.begin(), chosen.end());
    }
    if (f.limit && chosen.size() > static_cast<std::size_t>(*f.limit)) {
        chosen.resize(static_cast<std::size_t>(*f.limit));
    }
    std::vector<std::int64_t> ids;
    for (const auto& c : chosen) {
        ids.push_back(c.id);
    }
    return ids;
}

std::vector<std::int64_t> listed_ids(Ledger& ledger, const ListFilter& f) {
    std::vector<std::int64_t> ids;
    for (const auto& c : ledger.commitments().list(f)) {
        ids.push_back(c.id);
    }
    return ids;
}

} // namespace

TEST_CASE("CommitmentStore::list: every order and filter agrees with the rule") {
    const ListSort sorts[] = {ListSort::due, ListSort::owner, ListSort::client, ListSort::created,
                              ListSort::effort};
    const ListFilter::States states[] = {ListFilter::States::open, ListFilter::States::delivered,
                                         ListFilter::States::dropped, ListFilter::States::closed,
                                         ListFilter::States::all};
    for (unsigned seed = 60; seed < 66; ++seed) {
        CAPTURE(seed);
        Ledger ledger = Ledger::in_memory();
        History history(seed);
        write_history(ledger, history, 120);
        const auto all = all_commitments(ledger);
        REQUIRE(all.size() > 20);
        const Date middle = all[all.size() / 2].due;
        for (const ListSort sort : sorts) {
            for (const ListFilter::States state : states) {
                for (int variant = 0; variant < 6; ++variant) {
                    ListFilter f;
                    f.sort = sort;
                    f.states = state;
                    f.reverse = variant % 2 == 1;
                    if (variant >= 2) {
                        f.limit = 7;
                    }
                    if (variant == 3) {
                        f.owners = {"ana", "cy"};
                        f.due_after = middle;
                    }
                    if (variant == 4) {
                        f.clients = {"zed", "acme"};
                        f.due_before = middle;
                    }
                    if (variant == 5) {
                        f.owners = {"bo"};
                        f.clients = {"billing"};
                        f.limit = 1;
                    }
                    CAPTURE(static_cast<int>(sort));
                    CAPTURE(static_cast<int>(state));
                    CAPTURE(variant);
                    CHECK(listed_ids(ledger, f) == expected_ids(all, f));
                }
            }
        }
    }
}

TEST_CASE("CommitmentStore::list: tags match any of those asked for") {
    Ledger ledger = Ledger::in_memory();
    const Date today = day("2026-03-02");
    auto add = [&](std::vector<std::string> tags) {
        NewCommitment n;
        n.title = "t";
        n.client = "acme";
        n.owner = "ana";
        n.due = today;
        n.effort = 60;
        n.tags = std::move(tags);
        Event e = draft(EventKind::added, new_uuid(), today);
        e.payload = added_payload(n, today);
        ledger.write([&] { ledger.events().append(e); });
    };
    add({"q4"});
    add({"web", "q4"});
    add({"web"});
    add({});
    ListFilter f;
    f.tags = {"q4"};
    CHECK(listed_ids(ledger, f) == std::vector<std::int64_t>{1, 2});
    f.tags = {"q4", "web"};
    CHECK(listed_ids(ledger, f) == std::vector<std::int64_t>{1, 2, 3});
    f.tags = {"none"};
    CHECK(listed_ids(ledger, f).empty());
    CHECK(ledger.commitments().owners() == std::vector<std::string>{"ana"});
}

TEST_CASE("CommitmentStore::owners: every owner once, sorted, in any state") {
    Ledger ledger = Ledger::in_memory();
    History history(7);
    write_history(ledger, history, 80);
    std::vector<std::string> owners;
    for (const auto& c : all_commitments(ledger)) {
        owners.push_back(c.owner);
    }
    std::sort(owners.begin(), owners.end());
    owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
    CHECK(ledger.commitments().owners() == owners);
}
