#pragma once

// The report's, forecast's and schedule check's reads: only the columns their rules need.

#include "kept/facts.hpp"
#include "kept/schedule.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// What the forecast shows of an open commitment.
struct OpenCommitment {
    std::int64_t id = 0;
    std::string uuid;
    std::string title;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::string owner;
    Date due{};
    Minutes effort = 0;
};

/// The lean reads of one ledger (Ledger::reads()). Every failure is a kept::Error; StorageError
/// when a row holds a date or state that is not one.
class ReportReads {
  public:
    explicit ReportReads(Connection& connection) : c_(connection) {}

    /// Visits the report facts of each commitment, in id order: only `owner`'s when given, only
    /// open ones when `open_only`. scope_items only where a rule reads it (open commitments whose
    /// scope grew; 0 elsewhere).
    void for_each_fact(const std::optional<std::string>& owner, bool open_only,
                       const std::function<void(const CommitmentFacts&)>& visit);
    /// The open commitments, in id order, with every fact the load and flag rules read
    /// (scope_items as for_each_fact).
    void for_each_open(const std::function<void(const CommitmentFacts&)>& visit);
    /// The delivered commitments (only `owner`'s when given) with what calibration and accuracy
    /// ratios read: owner, state, effort, original effort, effort spent, and with `with_dates`
    /// created, original due and closed (left unset without: accuracy needs no dates).
    void for_each_delivered(const std::optional<std::string>& owner,
                            const std::function<void(const CommitmentFacts&)>& visit,
                            bool with_dates = true);
    /// The open work of `owner` but commitment `except_id`, as the schedule reads it (id, due
    /// date, remaining effort), in the schedule's order: the check every add and renegotiate
    /// makes. With `from_due`, the work due before it comes summed into one item (id
    /// summed_work_id, due when the last of it is due), which it schedules alike: a change due
    /// on or after `from_due` cannot move it.
    std::vector<QueuedWork> open_queue(const std::string& owner, std::int64_t except_id = 0,
                                       std::optional<Date> from_due = std::nullopt);
    /// open_queue's rows due before `until_due` alone (what its sum stands for), in order.
    std::vector<QueuedWork> open_queue_before(const std::string& owner, std::int64_t except_id,
                                              Date until_due);
    /// The open commitments (only `owner`'s when given) with what the forecast shows.
    std::vector<OpenCommitment> open_commitments(const std::optional<std::string>& owner);
    /// The renegotiations made after the due date then in force, on days in [since, until], in
    /// replay order.
    std::vector<LateRenegotiation> late_renegotiations(Date since, Date until);
    /// The ids of the open commitments whose events come from more than one replica, ascending:
    /// the only ones that can hold a conflict now.
    std::vector<std::int64_t> open_commitments_of_several_replicas();

  private:
    Connection& c_;
};

} // namespace kept
