#include "kept/statement.hpp"

#include "kept/facts.hpp"

#include <algorithm>

namespace kept {

namespace {

std::optional<Date> date_in(const nlohmann::json& change, const char* side) {
    return parse_iso_date(change.at(side).get<std::string>());
}

bool in_period(const Commitment& c, std::optional<Date> since) {
    return !since || c.is_open() || c.created >= *since || (c.closed && *c.closed >= *since);
}

} // namespace

StatementChange change_of(const Event& e) {
    const nlohmann::json& p = e.payload;
    StatementChange out;
    out.day = parse_iso_date(e.day).value_or(Date{});
    if (auto due = p.find("due"); due != p.end()) {
        out.due_before = date_in(*due, "before");
        out.due_after = date_in(*due, "after");
    }
    if (auto effort = p.find("effort_minutes"); effort != p.end()) {
        out.effort_before = effort->at("before").get<Minutes>();
        out.effort_after = effort->at("after").get<Minutes>();
    }
    if (auto scope = p.find("scope"); scope != p.end()) {
        out.scope_added = scope->at("added").get<std::vector<std::string>>();
        out.scope_dropped = scope->at("dropped").get<std::vector<std::string>>();
    }
    if (auto fee = p.find("fee"); fee != p.end()) {
        auto cents = [](const nlohmann::json& value) {
            return value.is_string() ? fee_from_decimal(value.get<std::string>()) : std::nullopt;
        };
        out.fee_changed = true;
        out.fee_before = cents(fee->at("before"));
        out.fee_after = cents(fee->at("after"));
    }
    if (auto owner = p.find("owner"); owner != p.end()) {
        out.owner_before = owner->at("before").get<std::string>();
        out.owner_after = owner->at("after").get<std::string>();
    }
    out.requested_by = p.value("requested_by", "team");
    out.reason = e.reason.value_or("");
    out.late = p.value("late", false);
    return out;
}

Statement make_statement(std::string team, std::string client,
                         const std::vector<Commitment>& commitments,
                         const std::map<std::int64_t, std::vector<Event>>& events,
                         const std::map<std::int64_t, StatementForecast>& forecasts,
                         std::optional<Date> since, Date today) {
    Statement s;
    s.team = std::move(team);
    s.client = std::move(client);
    s.since = since;
    s.until = today;
    s.record.group = "client";
    s.record.name = s.client;
    std::vector<const Commitment*> sorted;
    for (const Commitment& c : commitments) {
        sorted.push_back(&c);
    }
    std::sort(sorted.begin(), sorted.end(), [](const Commitment* a, const Commitment* b) {
        return a->due != b->due ? a->due < b->due : a->id < b->id;
    });
    for (const Commitment* c : sorted) {
        s.client_kind = c->client_kind;
        if (!in_period(*c, since)) {
            continue;
        }
        StatementLine line;
        line.commitment = *c;
        if (auto found = events.find(c->id); found != events.end()) {
            for (const Event& e : found->second) {
                if (e.kind == EventKind::renegotiated && (!since || e.day >= format_date(*since))) {
                    line.changes.push_back(change_of(e));
                }
            }
        }
        if (c->is_open()) {
            if (auto f = forecasts.find(c->id); f != forecasts.end()) {
                line.forecast = f->second;
            }
            s.open.push_back(std::move(line));
            continue;
        }
        s.record.add(facts_of(*c));
        (c->state == State::delivered ? s.delivered : s.dropped).push_back(std::move(line));
    }
    return s;
}

} // namespace kept
