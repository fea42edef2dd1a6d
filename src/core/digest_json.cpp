// The digest as JSON (docs/formats.md, "Digest").

#include "kept/digest.hpp"

#include "kept/records.hpp"
#include "kept/render.hpp"

namespace kept {

namespace {

using Json = nlohmann::ordered_json;

template <typename T, typename F> Json array_of(const std::vector<T>& items, F record) {
    Json out = Json::array();
    for (const T& item : items) {
        out.push_back(record(item));
    }
    return out;
}

Json promise_json(const DigestPromise& p) {
    const Commitment& c = p.commitment;
    Json out = Json::object();
    put_identity(out, c);
    out["state"] = to_string(c.state);
    out["day"] = format_date(p.day);
    out["due"] = format_date(c.due);
    out["first_due"] = format_date(c.original_due);
    out["effort_hours"] = hours_value(c.effort);
    out["scope"] = c.scope;
    return out;
}

Json close_json(const DigestClose& close, bool delivered) {
    const Commitment& c = close.commitment;
    Json out = Json::object();
    put_identity(out, c);
    out["state"] = to_string(c.state);
    out["day"] = format_date(close.day);
    out["on"] = format_date(close.on);
    out["due"] = format_date(c.due);
    out["first_due"] = format_date(c.original_due);
    out["on_time"] = delivered ? Json(close.on <= c.due) : Json(nullptr);
    out["on_time_first"] = delivered ? Json(close.on <= c.original_due) : Json(nullptr);
    out["reason"] = close.reason.empty() ? Json(nullptr) : Json(close.reason);
    return out;
}

Json move_json(const DigestMove& m) {
    const Commitment& c = m.commitment;
    const StatementChange& ch = m.change;
    Json out = Json::object();
    put_identity(out, c);
    out["day"] = format_date(ch.day);
    out["actor"] = m.actor;
    out["requested_by"] = ch.requested_by;
    out["reason"] = ch.reason;
    out["late"] = ch.late;
    out["due"] = change_or_null(ch.due_before, ch.due_after, format_date);
    out["working_days"] = m.working_days ? Json(*m.working_days) : Json(nullptr);
    out["effort_hours"] = change_or_null(ch.effort_before, ch.effort_after, hours_value);
    out["scope_added"] = ch.scope_added;
    out["scope_dropped"] = ch.scope_dropped;
    out["owner_change"] =
        change_or_null(ch.owner_before, ch.owner_after, [](const std::string& o) { return o; });
    return out;
}

Json talk_json(const DigestTalkGroup& g) {
    Json out = Json::object();
    out["owner"] = g.owner;
    out["client"] = g.client;
    out["client_kind"] = to_string(g.client_kind);
    out["talk_by"] = date_or_null(g.talk_by());
    Json commitments = Json::array();
    for (const DigestTalk& t : g.commitments) {
        Json one = Json::object();
        one["id"] = t.id;
        one["uuid"] = t.uuid;
        one["title"] = t.title;
        one["due"] = format_date(t.due);
        one["effort_hours"] = hours_value(t.effort);
        one["finish"] = date_or_null(t.finish);
        one["slack_days"] = t.slack ? Json(*t.slack) : Json(nullptr);
        one["status"] = to_string(t.status);
        one["talk_by"] = date_or_null(t.talk_by);
        one["triaged"] = t.triaged;
        one["proposed"] = date_or_null(t.proposed);
        one["command"] = t.command.empty() ? Json(nullptr) : Json(t.command);
        commitments.push_back(std::move(one));
    }
    out["commitments"] = std::move(commitments);
    return out;
}

} // namespace

nlohmann::ordered_json digest_json(const Digest& d) {
    Json out = Json::object();
    out["team"] = d.team;
    out["since"] = format_date(d.since);
    out["until"] = format_date(d.until);
    out["weeks"] = d.weeks;
    out["promised"] = array_of(d.promised, promise_json);
    out["moved"] = array_of(d.moved, move_json);
    out["delivered"] =
        array_of(d.delivered, [](const DigestClose& close) { return close_json(close, true); });
    out["dropped"] =
        array_of(d.dropped, [](const DigestClose& close) { return close_json(close, false); });
    out["talk"] = array_of(d.talk, talk_json);
    out["load"] = array_of(d.load, [&](const LoadCell& c) {
        Json one = load_record(c);
        one["overloaded"] = c.load.overloaded(d.overload_ratio);
        return one;
    });
    return out;
}

} // namespace kept
