#pragma once

// The report as data: flags (worst first), the load table and the reliability figures. The CLI
// renders it; nothing here reads a ledger or a clock.

#include "kept/calibration.hpp"
#include "kept/capacity.hpp"
#include "kept/flag_list.hpp"
#include "kept/flags.hpp"
#include "kept/reliability.hpp"
#include "kept/schedule.hpp"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kept {

/// One cell of the load table.
struct LoadCell {
    std::string owner;
    WeekLoad load;
};

struct Report {
    Date as_of{};
    int weeks = 0;
    double overload_ratio = 1.0;
    std::vector<IsoWeek> horizon; ///< the weeks of the load table, in order
    FlagList flags;               ///< worst first
    std::vector<LoadCell> load;   ///< by owner, then week
    Reliability reliability;
    std::vector<OwnerCalibration> calibration; ///< by owner: those with delivered commitments
};

/// What one cell of the load table says: the percent of the week's capacity the schedule fills
/// ("-" without capacity), and "(Nh late)" for the hours of it done after their commitments'
/// due dates.
std::string load_cell_text(const WeekLoad& load);
/// Whether the load table marks the cell ("!"): the week is overloaded at `ratio`, or holds
/// late work.
bool load_cell_marked(const WeekLoad& load, double ratio);

/// How many days back the late flag looks: renegotiations made in [as_of - 6, as_of].
constexpr int late_window_days = 7;

/// Builds a report from commitments fed one at a time, so that closed ones (which only count
/// towards reliability) need not be kept in memory.
class ReportBuilder {
  public:
    /// `late`: the late renegotiations made in the late window. `only_owner`: ignore the
    /// commitments of everyone else. `weeks`: the horizon of the load table and overload flag.
    ReportBuilder(const Config& config, Date today, int weeks, std::vector<LateRenegotiation> late,
                  std::optional<std::string> only_owner = std::nullopt);

    /// Counts one commitment, in any state, into every part of the report.
    void add(const CommitmentFacts& commitment);

    // A ledger that keeps reliability tallied feeds the report in parts instead of every
    // commitment: each open one, the tallies, the delivered ones, and the closed commitments
    // that late renegotiations concern.

    /// An open commitment: its load and flags.
    void add_open(const CommitmentFacts& commitment);
    /// The reliability of one group of commitments.
    void add_tally(const ReliabilityTally& tally);
    /// A delivered commitment, for calibration. It changes nothing but the calibration, so it
    /// may run on another thread beside add_open (not beside add, add_tally or build).
    void add_delivered(const CommitmentFacts& commitment);
    /// The ids of the commitments that late renegotiations concern and that were not fed yet.
    std::vector<std::int64_t> unseen_late_subjects() const;
    /// A commitment a late renegotiation concerns: only its late flag needs it.
    void add_late_subject(const CommitmentFacts& commitment);

    /// Applies every rule and returns the report.
    Report build();

  private:
    bool ignores(const std::string& owner) const { return only_owner_ && owner != *only_owner_; }
    /// The slot of late commitment `id` in late_subjects_; nullptr when no late renegotiation
    /// concerns it.
    CommitmentFacts* late_subject_slot(std::int64_t id);
    /// What the load rules keep of an open commitment: the rules of one commitment alone
    /// (overdue, creep, chronic) have run when it was fed.
    void add_open_work(const CommitmentFacts& commitment);
    void owner_rows(const std::string& owner, std::vector<QueuedWork> open, Report& report) const;

    const Config& config_;
    Date today_;
    int weeks_;
    std::optional<std::string> only_owner_;
    std::vector<LateRenegotiation> late_;
    std::vector<std::int64_t> late_ids_;         // sorted, without repeats
    std::vector<CommitmentFacts> late_subjects_; // of late_ids_, in the same order
    std::map<std::string, std::vector<QueuedWork>> open_by_owner_; // by name
    // What the heads-up rule reads of each open commitment beyond its queued work: its client
    // (an index into clients_: a team has few) and the finish known when last renegotiated.
    struct OpenNote {
        std::int64_t id = 0;
        std::uint32_t client = 0;
        std::optional<Date> known_finish;
    };
    std::vector<OpenNote> open_notes_; // by id once build() sorts them
    std::vector<std::string> clients_;
    std::unordered_map<std::string, std::uint32_t> client_index_;
    const OpenNote* open_note(std::int64_t id) const;
    FlagList flags_;                 // overdue, creep, chronic: found as commitments come
    bool flags_reserved_ = false;    // room made for all of them
    std::int64_t open_expected_ = 0; // open commitments the tallies count, when fed any
    Reliability reliability_;
    Calibrator calibrator_;
};

} // namespace kept
