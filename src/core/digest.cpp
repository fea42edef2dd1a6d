#include "kept/digest.hpp"

#include "kept/capacity.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

namespace kept {

namespace {

/// The owner's working days from `from` to `to`: positive when `to` is later.
int working_days_moved(const MemberCalendar& calendar, Date from, Date to) {
    const auto one_day = std::chrono::days{1};
    return to >= from ? calendar.available_days(from + one_day, to)
                      : -calendar.available_days(to + one_day, from);
}

/// Overdue (no talk-by day) first, then the earliest talk-by day.
bool talks_before(const DigestTalk& a, const DigestTalk& b) {
    auto key = [](const DigestTalk& t) {
        return std::make_tuple(t.talk_by.has_value(), t.talk_by.value_or(Date{}), t.due, t.id);
    };
    return key(a) < key(b);
}

} // namespace

std::optional<Date> DigestTalkGroup::talk_by() const {
    std::optional<Date> out;
    for (const DigestTalk& t : commitments) {
        if (!t.talk_by) {
            return std::nullopt;
        }
        out = out ? std::min(*out, *t.talk_by) : *t.talk_by;
    }
    return out;
}

void add_period_events(Digest& digest, const Config& config, const std::vector<Event>& events,
                       const std::map<std::int64_t, Commitment>& commitments) {
    const std::string since = format_date(digest.since);
    const std::string until = format_date(digest.until);
    std::vector<const Event*> in_period;
    for (const Event& e : events) {
        if (e.day >= since && e.day <= until && commitments.count(e.commitment_id) != 0) {
            in_period.push_back(&e);
        }
    }
    std::stable_sort(in_period.begin(), in_period.end(), [](const Event* a, const Event* b) {
        return a->day != b->day ? a->day < b->day : replays_before(*a, *b);
    });
    for (const Event* e : in_period) {
        const Commitment& c = commitments.at(e->commitment_id);
        const Date day = parse_iso_date(e->day).value_or(Date{});
        switch (e->kind) {
        case EventKind::added:
            digest.promised.push_back({c, day});
            break;
        case EventKind::renegotiated: {
            DigestMove& move = digest.moved.emplace_back();
            move.commitment = c;
            move.change = change_of(*e);
            move.actor = e->actor;
            if (move.change.due_before && move.change.due_after) {
                const std::string& owner = move.change.owner_after.value_or(c.owner);
                move.working_days =
                    working_days_moved(member_calendar(config, owner), *move.change.due_before,
                                       *move.change.due_after);
            }
            break;
        }
        case EventKind::closed: {
            const nlohmann::json& state = e->payload.at("state");
            DigestClose close{c, day, day, e->reason.value_or("")};
            if (auto on = e->payload.find("on"); on != e->payload.end()) {
                close.on = parse_iso_date(on->get<std::string>()).value_or(day);
            }
            (state.at("after") == "delivered" ? digest.delivered : digest.dropped)
                .push_back(std::move(close));
            break;
        }
        case EventKind::reopened:
        case EventKind::edited:
            // A reopening shows as the closed commitment's state now; an edit corrects what
            // was recorded and moves nothing.
            break;
        }
    }
}

std::vector<DigestTalkGroup> talk_groups(std::vector<DigestTalkItem> items) {
    std::sort(items.begin(), items.end(), [](const DigestTalkItem& a, const DigestTalkItem& b) {
        return std::tie(a.owner, a.client, a.talk.id) < std::tie(b.owner, b.client, b.talk.id);
    });
    std::vector<DigestTalkGroup> out;
    for (DigestTalkItem& item : items) {
        if (out.empty() || out.back().owner != item.owner || out.back().client != item.client) {
            out.push_back({item.owner, item.client, item.client_kind, {}});
        }
        std::vector<DigestTalk>& mine = out.back().commitments;
        if (!mine.empty() && mine.back().id == item.talk.id) {
            // The forecast's and triage's word on the same commitment.
            DigestTalk& both = mine.back();
            both.triaged = both.triaged || item.talk.triaged;
            if (item.talk.triaged) {
                both.proposed = item.talk.proposed;
                both.command = item.talk.command;
            }
            continue;
        }
        mine.push_back(std::move(item.talk));
    }
    for (DigestTalkGroup& group : out) {
        std::sort(group.commitments.begin(), group.commitments.end(), talks_before);
    }
    // Within an owner, the most urgent talk first: overdue, then the earliest talk-by day.
    std::stable_sort(
        out.begin(), out.end(), [](const DigestTalkGroup& a, const DigestTalkGroup& b) {
            auto key = [](const DigestTalkGroup& g) {
                std::optional<Date> by = g.talk_by();
                return std::make_tuple(std::cref(g.owner), by.has_value(), by.value_or(Date{}));
            };
            return key(a) < key(b);
        });
    return out;
}

} // namespace kept
