#pragma once

// Learning from an owner's own history: how long their commitments really took, in working days,
// against what was promised. A second signal beside the accuracy ratios (evidence.hpp), which
// drive the confident dates; the report's calibration table shows both.

#include "kept/commitment.hpp"
#include "kept/date.hpp"
#include "kept/facts.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kept {

/// Fewer delivered commitments than this and the calibration is not used.
constexpr int calibration_min_samples = 5;

/// One owner's history, from their delivered commitments.
struct OwnerCalibration {
    std::string owner;
    int samples = 0;                   ///< delivered commitments it rests on
    std::vector<double> ratios;        ///< actual / promised working days, sorted ascending
    std::vector<double> effort_growth; ///< final effort / first promised effort, sorted
    double median = 1.0;
    double p80 = 1.0;
    double p90 = 1.0;
    double median_effort_growth = 1.0;

    bool usable() const { return samples >= calibration_min_samples; }
};

/// Percentile `p` (0..100) of sorted values, linearly interpolated; 1.0 when empty.
double percentile(const std::vector<double>& sorted, double p);

/// Calibrates owners from commitments fed one at a time (only delivered ones count), keeping
/// just their ratios. Duration ratio = working days from created to delivered over working days
/// from created to the first promised due date (both counted inclusively, at least 1); effort
/// growth = final effort over the effort first promised.
class Calibrator {
  public:
    explicit Calibrator(const WorkWeek& workweek) : workweek_(workweek) {}
    // A copy's last_ would point into the original's map; a move keeps the map's nodes.
    Calibrator(const Calibrator&) = delete;
    Calibrator& operator=(const Calibrator&) = delete;
    Calibrator(Calibrator&&) = default;
    Calibrator& operator=(Calibrator&&) = default;

    /// Counts one commitment, in any state.
    void add(const CommitmentFacts& commitment);
    /// Says that about `delivered` more of `owner`'s delivered commitments will come, so that
    /// their figures get the room they need at once (a ledger can hold hundreds of thousands).
    void expect(const std::string& owner, std::int64_t delivered);

    /// Every owner with at least one delivered commitment, by name, statistics computed.
    std::map<std::string, OwnerCalibration> build() &&;

  private:
    WorkWeek workweek_;
    std::map<std::string, OwnerCalibration> owners_;
    std::map<std::string, std::int64_t> expected_;
    OwnerCalibration* last_ = nullptr; // the entry of the owner added last
};

/// Calibrates every owner with delivered commitments (see Calibrator).
std::map<std::string, OwnerCalibration> calibrate(const std::vector<Commitment>& commitments,
                                                  const WorkWeek& workweek);

} // namespace kept
