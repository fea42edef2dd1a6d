#pragma once

// The digest: the team meeting's view of a period. What was promised, moved (earlier or later,
// with the reason and who asked), delivered and dropped; which clients each owner must talk to,
// and by when; and the load ahead. It gathers and presents: the schedule, the forecast and
// triage say what will miss and when to talk.

#include "kept/commitment.hpp"
#include "kept/config.hpp"
#include "kept/event.hpp"
#include "kept/forecast.hpp"
#include "kept/report.hpp"
#include "kept/statement.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kept {

/// A promise made in the period (an `added` event).
struct DigestPromise {
    Commitment commitment; ///< as it stands now
    Date day{};
};

/// A renegotiation made in the period.
struct DigestMove {
    Commitment commitment; ///< as it stands now
    StatementChange change;
    std::string actor; ///< who recorded it
    /// When the due date moved: the owner's working days between the old and the new date,
    /// positive when later, negative when earlier (0: no working day between them).
    std::optional<int> working_days;
};

/// A commitment closed in the period (a `closed` event).
struct DigestClose {
    Commitment commitment; ///< as it stands now: open again when reopened since
    Date day{};            ///< the day the close was recorded
    Date on{};             ///< the day it was delivered or dropped
    std::string reason;
};

/// One commitment to talk to its client about: the forecast says it will miss, or triage sets
/// it aside so that the owner's other commitments hold.
struct DigestTalk {
    std::int64_t id = 0;
    std::string uuid, title;
    Date due{};
    Minutes effort = 0;
    std::optional<Date> finish; ///< the schedule's finish; nullopt: never
    std::optional<int> slack;   ///< working days; nullopt: never
    ForecastStatus status = ForecastStatus::will_miss;
    std::optional<Date> talk_by;  ///< last_day_to_talk(); nullopt when overdue
    bool triaged = false;         ///< triage sets it aside
    std::optional<Date> proposed; ///< triage's date; nullopt when not triaged or no date exists
    std::string command;          ///< triage's `kept renegotiate` command; empty without a date
};

/// The commitments of one owner to one client to talk about.
struct DigestTalkGroup {
    std::string owner, client;
    ClientKind client_kind = ClientKind::external;
    std::vector<DigestTalk> commitments; ///< by talk-by day (overdue first), due date, id
    /// The earliest talk-by day of the group; nullopt when one is overdue.
    std::optional<Date> talk_by() const;
};

/// A DigestTalk with the commitment's owner and client, as the app gathers it.
struct DigestTalkItem {
    std::string owner, client;
    ClientKind client_kind = ClientKind::external;
    DigestTalk talk;
};

/// The digest of the period [since, until].
struct Digest {
    std::string team;
    Date since{}, until{};
    bool ledger_empty = false; ///< no event at all
    std::vector<DigestPromise> promised;
    std::vector<DigestMove> moved;
    std::vector<DigestClose> delivered, dropped;
    std::vector<DigestTalkGroup> talk; ///< by owner, then client
    int weeks = 0;
    double overload_ratio = 1.0;
    std::vector<IsoWeek> horizon; ///< the weeks of the load ahead
    std::vector<LoadCell> load;   ///< by owner, then week (the report's load rows)
};

/// The promised, moved, delivered and dropped parts of the digest: from `events` (any order;
/// those dated outside [since, until] and `edited` and `reopened` ones are left out), each in
/// the order it happened (day, then replay order), with `commitments` (by id) as they stand
/// now. A move's working days count on its owner's calendar (member_calendar).
void add_period_events(Digest& digest, const Config& config, const std::vector<Event>& events,
                       const std::map<std::int64_t, Commitment>& commitments);

/// `items` grouped by owner and client: by owner, then the group's talk-by day (a group with
/// overdue work first), then client. One commitment given twice (by the forecast and by
/// triage) is merged into one with both parts.
std::vector<DigestTalkGroup> talk_groups(std::vector<DigestTalkItem> items);

// The words the Markdown and the table share.

/// "3 working days later", "1 working day earlier", "no working day later" (a weekend
/// between), or "date kept" when the due date did not move.
std::string move_text(const DigestMove& move);
/// What else the renegotiation changed: "effort 8.0h → 16.0h; scope + \"SAML\"; owner bob →
/// alice"; "" for nothing.
std::string other_changes_text(const StatementChange& change);
/// "on time", or "3 days late" (calendar days) for work delivered on `on` against `due`.
std::string against_text(Date on, Date due);
/// "25.6h of 32.0h", with " (2h late)" for the hours done after their due dates; "-" for a
/// week without capacity.
std::string load_text(const WeekLoad& week);
/// "3 promised, 2 moved, 1 delivered (1 on time), 1 dropped; talk to 2 clients about 3
/// commitments."
std::string digest_summary(const Digest& digest);

/// The digest as Markdown.
std::string digest_markdown(const Digest& digest);
/// The digest as JSON (docs/formats.md, "Digest").
nlohmann::ordered_json digest_json(const Digest& digest);

} // namespace kept
