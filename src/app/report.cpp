#include "app/report.hpp"

#include "app/read_beside.hpp"

#include "kept/conflicts.hpp"
#include "kept/facts.hpp"
#include "kept/replica.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <future>

namespace kept::app {

namespace {

/// conflict: an open commitment changed concurrently on two replicas (two changes based on the
/// same event). Only ledgers holding other replicas' events can have one.
void add_conflict_flags(Ledger& ledger, const ReportWindow& w, Report& report) {
    if (!ledger.events().has_foreign_events()) {
        return;
    }
    ConflictFinder finder;
    auto feed = [&](const Event& event) { finder.feed(event); };
    if (w.as_of) {
        EventQuery query;
        query.until = w.as_of;
        ledger.events().for_each_event(query, feed);
    } else {
        // Only an open commitment is flagged, and only one changed on two replicas can conflict:
        // their events, not every event of a synced ledger (seconds at a million events).
        for (std::int64_t id : ledger.reads().open_commitments_of_several_replicas()) {
            EventQuery query;
            query.commitment_id = id;
            ledger.events().for_each_event(query, feed);
        }
    }
    bool added = false;
    for (const auto& conflict : finder.conflicts()) {
        auto c = ledger.commitments().find_by_uuid(conflict.commitment_uuid);
        if (!c || (w.owner && c->owner != *w.owner)) {
            continue;
        }
        bool open = c->is_open();
        if (w.as_of) {
            HistoryReplay replay(w.today, w.today);
            EventQuery mine;
            mine.commitment_id = c->id;
            mine.until = w.as_of;
            mine.replay_order = true;
            ledger.events().for_each_event(mine, [&](const Event& e) { replay.feed(e); });
            auto facts = replay.facts();
            open = !facts.empty() && facts.front().is_open();
        }
        if (!open) {
            continue;
        }
        Flag flag;
        flag.kind = FlagKind::conflict;
        flag.severity = severity_of(flag.kind);
        flag.owner = c->owner;
        flag.commitments = {c->id};
        flag.detail =
            fmt::format("#{} changed concurrently on {} replicas by {}; the later change "
                        "in the replay order wins: check the result (kept log {})",
                        c->id, conflict.events.size(), fmt::join(conflict.actors, ", "), c->id);
        flag.magnitude = static_cast<double>(conflict.events.size());
        report.flags.push_back(std::move(flag));
        added = true;
    }
    if (added) {
        report.flags.sort();
    }
}

/// sync: a replica file the last sync stopped importing at a bad line (a team-wide flag).
void add_sync_flags(Ledger& ledger, Report& report) {
    bool added = false;
    for (const auto& file : ledger.replica_files().all()) {
        if (!file.problem) {
            continue;
        }
        Flag flag;
        flag.kind = FlagKind::sync;
        flag.severity = severity_of(flag.kind);
        flag.detail = fmt::format(
            "replica {}{} line {}: {}; its later events are not imported (kept sync says more)",
            file.origin,
            file.problem_part > 0 ? fmt::format(" chunk {}", chunk_file_name(file.problem_part))
                                  : "",
            file.problem->line, file.problem->reason);
        report.flags.push_back(std::move(flag));
        added = true;
    }
    if (added) {
        report.flags.sort();
    }
}

// Below this many delivered commitments a second connection costs more than it saves.
constexpr std::int64_t delivered_worth_a_thread = 20'000;

/// Feeds `builder`, given the tallies of a ledger that keeps reliability tallied, the open and
/// the delivered commitments and the closed ones late renegotiations concern, instead of every
/// commitment the ledger holds. Many delivered ones are read beside the open ones, on a second
/// connection (each read is a tenth of a second at 100,000 open and 270,000 delivered).
void feed_in_parts(Ledger& ledger, const ReportWindow& w, std::int64_t delivered,
                   ReportBuilder& builder) {
    auto read_delivered = [&](Ledger& from) {
        from.reads().for_each_delivered(
            w.owner, [&](const CommitmentFacts& c) { builder.add_delivered(c); });
    };
    std::future<bool> beside = delivered >= delivered_worth_a_thread
                                   ? read_beside(ledger, read_delivered)
                                   : std::future<bool>();
    auto open = [&](const CommitmentFacts& c) { builder.add_open(c); };
    if (w.owner) {
        ledger.reads().for_each_fact(w.owner, true, open); // through the owner index
    } else {
        ledger.reads().for_each_open(open);
    }
    if (!beside.valid() || !beside.get()) {
        read_delivered(ledger);
    }
    for (std::int64_t id : builder.unseen_late_subjects()) {
        if (auto c = ledger.commitments().find(id)) {
            builder.add_late_subject(facts_of(*c));
        }
    }
}

/// A visitor that adds each commitment's facts to `builder` and passes them on to `also`.
FactVisitor adding_to(ReportBuilder& builder, const FactVisitor& also) {
    return [&builder, &also](const CommitmentFacts& c) {
        builder.add(c);
        if (also) {
            also(c);
        }
    };
}

/// The report as the ledger stands now.
Report gather_current(Ledger& ledger, const Config& config, const ReportWindow& w, Date since,
                      const FactVisitor& also) {
    ReportBuilder builder(config, w.today, w.weeks,
                          ledger.reads().late_renegotiations(since, w.today), w.owner);
    std::int64_t delivered = 0;
    bool tallied = !also && ledger.tallies().for_each_tally(w.owner, [&](const auto& tally) {
        builder.add_tally(tally);
        delivered += tally.figures.delivered;
    });
    if (tallied) {
        feed_in_parts(ledger, w, delivered, builder);
    } else {
        ledger.reads().for_each_fact(w.owner, false, adding_to(builder, also));
    }
    return builder.build();
}

/// The report replayed to the end of --as-of. A commitment without events after that day stood
/// then as it stands now: its facts come from the commitments table. Only the others are
/// replayed, from their events up to that day. (verify checks that the table is its events'
/// replay; docs/report.md, "--as-of".)
Report gather_as_of(Ledger& ledger, const Config& config, const ReportWindow& w, Date since,
                    const FactVisitor& also) {
    HistoryReplay replay(since, w.today);
    EventQuery query;
    query.until = w.today;
    query.changed_after = w.today;
    query.replay_order = true;
    ledger.events().for_each_event(query, [&](const Event& event) { replay.feed(event); });
    std::vector<std::int64_t> changed = ledger.events().commitments_changed_after(w.today);
    ReportBuilder builder(config, w.today, w.weeks,
                          ledger.reads().late_renegotiations(since, w.today), w.owner);
    FactVisitor feed = adding_to(builder, also);
    ledger.reads().for_each_fact(w.owner, false, [&](const CommitmentFacts& c) {
        if (!std::binary_search(changed.begin(), changed.end(), c.id)) {
            feed(c);
        }
    });
    for (const auto& c : replay.facts()) {
        feed(c);
    }
    return builder.build();
}

} // namespace

Report gather_report(Ledger& ledger, const Config& config, const ReportWindow& window,
                     const FactVisitor& also) {
    Date since = window.today - std::chrono::days{late_window_days - 1};
    std::optional<Report> report;
    ledger.read([&] {
        report = window.as_of ? gather_as_of(ledger, config, window, since, also)
                              : gather_current(ledger, config, window, since, also);
        add_conflict_flags(ledger, window, *report);
        add_sync_flags(ledger, *report);
    });
    return std::move(*report);
}

RollUpBuilder::RollUpBuilder(const Config& first, const ReportWindow& window)
    : total_(first, window.today, window.weeks, {}, window.owner) {}

void RollUpBuilder::add_team(std::string name, Ledger& ledger, const Config& config,
                             const ReportWindow& window) {
    out_.teams.emplace_back(std::move(name),
                            gather_report(ledger, config, window, [&](const CommitmentFacts& c) {
                                CommitmentFacts anonymous = c;
                                anonymous.id = 0;
                                total_.add(anonymous);
                            }));
}

RollUp RollUpBuilder::build() && {
    out_.total = total_.build();
    constexpr std::array overload = {FlagKind::overload};
    out_.total.flags.keep_kinds(overload);
    std::vector<Flag> flags = out_.total.flags.to_vector();
    for (auto& flag : flags) {
        flag.commitments.clear();
    }
    out_.total.flags = FlagList(std::move(flags));
    return std::move(out_);
}

FlagList roll_up_flags(const RollUp& roll_up) {
    std::vector<Flag> flags;
    auto take = [&](const std::string& team, const Report& report) {
        for (Flag flag : report.flags) {
            flag.detail = fmt::format("[{}] {}", team, detail_of(flag));
            flags.push_back(std::move(flag));
        }
    };
    for (const auto& [team, report] : roll_up.teams) {
        take(team, report);
    }
    take("all teams", roll_up.total);
    FlagList out(std::move(flags));
    out.sort();
    return out;
}

FlagList fired(FlagList flags, const std::vector<FlagKind>& kinds) {
    flags.keep_kinds(kinds);
    return flags;
}

std::string joined_kinds(const FlagList& flags) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < flags.size(); ++i) {
        std::string name(to_string(flags.kind_at(i)));
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

} // namespace kept::app
