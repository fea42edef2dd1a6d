#pragma once

// The statement: one document for one client, internal or external, saying what was promised,
// what changed and why, what was delivered and whether on time, what is open with its forecast,
// and the on-time record over the period.

#include "kept/commitment.hpp"
#include "kept/event.hpp"
#include "kept/reliability.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kept {

/// One renegotiation of a promise: what moved, who asked and why.
struct StatementChange {
    Date day{};
    std::optional<Date> due_before, due_after;
    std::optional<Minutes> effort_before, effort_after;
    std::vector<std::string> scope_added, scope_dropped;
    bool fee_changed = false;
    std::optional<Cents> fee_before, fee_after;           ///< when fee_changed; nullopt: none
    std::optional<std::string> owner_before, owner_after; ///< a handover
    std::string requested_by;                             ///< "client" or "team"
    std::string reason;
    bool late = false; ///< made after the due date then in force
};

/// What a `renegotiated` event changed, who asked and why.
StatementChange change_of(const Event& renegotiated);

/// What the schedule says of an open commitment.
struct StatementForecast {
    std::optional<Date> finish; ///< nullopt: never (no capacity)
    double on_time_percent = 0.0;
    std::string status; ///< "on track", "at risk", "will miss"
};

/// One commitment in the statement.
struct StatementLine {
    Commitment commitment;
    std::vector<StatementChange> changes;      ///< in the period, oldest first
    std::optional<StatementForecast> forecast; ///< open ones
};

/// The statement of one client.
struct Statement {
    std::string team;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::string currency; ///< [team] currency, for the fees; empty: none named
    std::optional<Date> since; ///< the period's first day; nullopt: from the first promise
    Date until{};              ///< today
    std::vector<StatementLine> open, delivered, dropped; ///< each by due date, then id
    ReliabilityFigures record; ///< of the commitments delivered or dropped in the period
};

/// The statement of `commitments` (the client's, in any state) and their events: a commitment
/// belongs to the period when it is open, or was made or closed on or after `since`; a change
/// when it was made on or after `since`. `forecasts` holds the open ones' by id.
Statement make_statement(std::string team, std::string client,
                         const std::vector<Commitment>& commitments,
                         const std::map<std::int64_t, std::vector<Event>>& events,
                         const std::map<std::int64_t, StatementForecast>& forecasts,
                         std::optional<Date> since, Date today);

/// "on time", or "3 days late": `closed` against `due`.
std::string statement_lateness(Date closed, Date due);
/// The current effort, with the first one when it changed: "13h (first 8h)".
std::string statement_effort(const Commitment& commitment);
/// What a change moved: "due Fri 4 Dec → Fri 11 Dec; effort 8h → 13h; scope + \"audit\"".
std::string statement_change_text(const StatementChange& change);
/// The fee for people: "1,200 EUR", "1,500 EUR (first 1,200 EUR)", or "-" without one.
std::string statement_fee(const Commitment& commitment, const std::string& currency);
/// An open line's forecast for people, "Tue 2026-12-01: on track" ("never: will miss" without
/// capacity), and its chance of being on time, "61%"; "-" for a closed one.
std::string statement_forecast(const StatementLine& line);
std::string statement_chance(const StatementLine& line);
/// Whether any of `lines` has a fee (the open table then shows a Fee column).
bool statement_has_fees(const std::vector<StatementLine>& lines);

/// The statement as Markdown, for mail.
std::string statement_markdown(const Statement& statement);
/// The statement as JSON (docs/formats.md, "Statement").
nlohmann::ordered_json statement_json(const Statement& statement);
/// The statement as one self-contained HTML page (inline CSS and SVG, no script, no fetch;
/// prints on A4).
std::string statement_html(const Statement& statement);

} // namespace kept
