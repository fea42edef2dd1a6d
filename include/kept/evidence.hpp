#pragma once

// Evidence-based dates (FogBugz's evidence-based scheduling, on effort rather than duration):
// each owner's accuracy ratios (actual effort ÷ first estimate of their delivered commitments)
// drive a Monte Carlo over the schedule. Each trial multiplies the remaining effort of every
// open commitment, and of new work, by a ratio drawn from the owner's history and runs the
// schedule; the share of trials in which a commitment finishes by its due date is its chance of
// being on time. docs/calibration.md gives the method and the prior.

#include "kept/facts.hpp"
#include "kept/schedule.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// Fewer delivered commitments than this and an owner borrows the team's ratios; a team with
/// fewer uses the prior.
constexpr int evidence_min_samples = 5;
/// Monte Carlo trials per answer.
constexpr int evidence_trials = 1000;
/// The prior, a lognormal of actual ÷ estimated effort: its median, and the factor one standard
/// deviation of its logarithm spans.
constexpr double prior_median_ratio = 1.3;
constexpr double prior_spread_factor = 2.0;

/// Actual effort (what close --spent recorded, else the last agreed effort) over the effort
/// first promised, for a delivered commitment; nullopt for any other.
std::optional<double> accuracy_ratio(const CommitmentFacts& commitment);

/// Where a set of ratios comes from.
enum class RatioSource { owner, team, prior };
/// "owner", "team", "prior".
std::string_view to_string(RatioSource source);

/// The ratios a Monte Carlo draws from.
struct AccuracyRatios {
    std::vector<double> values; ///< sorted ascending
    RatioSource source = RatioSource::prior;
    int samples = 0; ///< delivered commitments behind them (0 for the prior)
};

/// The prior's ratios: 200 evenly spaced quantiles of the lognormal.
const std::vector<double>& prior_ratios();

/// Accuracy ratios by owner, from commitments fed one at a time (only delivered ones count).
class AccuracyHistory {
  public:
    void add(const CommitmentFacts& commitment);
    /// The owner's own ratios with at least evidence_min_samples of them, else the team's, else
    /// the prior.
    AccuracyRatios for_owner(const std::string& owner) const;
    /// Delivered commitments of `owner` with a ratio.
    int samples(const std::string& owner) const;

  private:
    std::map<std::string, std::vector<double>> by_owner_;
    std::vector<double> team_;
};

/// The Monte Carlo over one member's schedule. Seeded by the owner and the ratios (the ledger's
/// content), and each commitment's draws keyed by its id, so the same ledger gives the same
/// answers, and a commitment's chances do not move when unrelated work is added.
class MonteCarlo {
  public:
    MonteCarlo(const CapacityLine& line, std::span<const Projection> schedule,
               const AccuracyRatios& ratios, std::string_view owner, int trials = evidence_trials);

    /// For each commitment of the schedule, the percent of trials in which it finishes by its
    /// due date.
    std::vector<double> on_time_percent() const;

    /// Confident due dates for new work, one per asked percent (each 1..99).
    struct Dates {
        std::vector<std::optional<Date>> at; ///< in the order asked; nullopt: none found
    };
    /// For each percent P: the earliest day D >= `lower`, a day the member works, on which new
    /// work of `effort` minutes (not started before `release`) queued with due date D meets D
    /// in at least P% of trials and in the schedule itself, without pushing any commitment that
    /// was on time in at least P% of trials below P%.
    Dates confident_dates(Minutes effort, Date release, Date lower,
                          std::span<const int> percents) const;

    int trials() const { return trials_; }

  private:
    static constexpr std::uint64_t id_multiplier = 0xD1B54A32D192ED03ULL;
    /// The draw of commitment `id` in `trial`: the same in every answer of one ledger.
    double ratio(int trial, std::int64_t id) const;
    /// The ratio drawn for the keys of a trial and of a commitment (ratio's parts).
    double draw(std::uint64_t trial_key, std::uint64_t id_key) const;
    std::uint64_t trial_key_of(int trial) const;

    const CapacityLine& line_;
    std::span<const Projection> schedule_;
    const AccuracyRatios& ratios_;
    std::uint64_t seed_ = 0;
    int trials_ = evidence_trials;
    std::vector<double> capacity_by_due_; // capacity from today through each due date
};

} // namespace kept
