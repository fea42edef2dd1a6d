#pragma once

// The report's use case: gather a ledger's report (as it stands, or replayed to the end of
// --as-of) in one read transaction, and roll several teams' reports up into one. Plain
// arguments in, values out: no options, no printing.

#include "kept/config.hpp"
#include "kept/date.hpp"
#include "kept/flags.hpp"
#include "kept/ledger.hpp"
#include "kept/report.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kept::app {

/// The day, horizon and owner a report looks at.
struct ReportWindow {
    std::optional<Date> as_of; ///< replay the events up to the end of this day
    Date today;                ///< as_of when given, else today
    int weeks = 8;             ///< weeks of load
    std::optional<std::string> owner;
};

/// Called with every commitment's facts a report reads.
using FactVisitor = std::function<void(const CommitmentFacts&)>;

/// The report of `ledger` over `window`, every read in one read transaction (one snapshot: a
/// concurrent write cannot drop a commitment from it). Every commitment's facts also go to
/// `also`, when given. Throws the ledger's kept::Errors.
Report gather_report(Ledger& ledger, const Config& config, const ReportWindow& window,
                     const FactVisitor& also = {});

/// An org roll-up: each team's report, and a total whose load sums each person's work across
/// the teams (capacity from the first team's config). The total keeps only the flags that need
/// the sum, overload; its commitment ids are left out since ids are local to each ledger.
struct RollUp {
    std::vector<std::pair<std::string, Report>> teams;
    Report total;
};

/// Builds a roll-up one team at a time, so that each team's ledger is open only while read.
class RollUpBuilder {
  public:
    /// `first` and `window` are the first team's: the total's capacity and horizon.
    RollUpBuilder(const Config& first, const ReportWindow& window);
    /// Adds one team's report, gathered from its ledger over its own window.
    void add_team(std::string name, Ledger& ledger, const Config& config,
                  const ReportWindow& window);
    RollUp build() &&;

  private:
    ReportBuilder total_;
    RollUp out_;
};

/// Every flag of a roll-up, each detail naming its team ("all teams" for the total's), sorted.
FlagList roll_up_flags(const RollUp& roll_up);

/// The flags of these kinds, filtered in place: a big report's flags are not held twice.
FlagList fired(FlagList flags, const std::vector<FlagKind>& kinds);

/// The distinct kinds of `flags`, in order of first appearance, joined by ", ".
std::string joined_kinds(const FlagList& flags);

} // namespace kept::app
