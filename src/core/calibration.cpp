#include "kept/calibration.hpp"

#include <algorithm>
#include <cmath>

namespace kept {

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 1.0;
    }
    double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    auto low = static_cast<std::size_t>(std::floor(rank));
    std::size_t high = std::min(low + 1, sorted.size() - 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - static_cast<double>(low));
}

void Calibrator::add(const CommitmentFacts& c) {
    if (c.state != State::delivered || !c.closed) {
        return;
    }
    int promised = std::max(1, working_days_between(c.created, c.original_due, workweek_));
    int actual = std::max(1, working_days_between(c.created, *c.closed, workweek_));
    // Commitments often come grouped by owner (the ledger's index of delivered ones is).
    if (last_ == nullptr || last_->owner != c.owner) {
        last_ = &owners_[c.owner];
        if (last_->owner.empty()) {
            last_->owner = c.owner;
            if (auto it = expected_.find(c.owner); it != expected_.end()) {
                last_->ratios.reserve(static_cast<std::size_t>(it->second));
                last_->effort_growth.reserve(static_cast<std::size_t>(it->second));
            }
        }
    }
    OwnerCalibration& owner = *last_;
    ++owner.samples;
    owner.ratios.push_back(static_cast<double>(actual) / promised);
    owner.effort_growth.push_back(static_cast<double>(c.effort) /
                                  static_cast<double>(std::max<Minutes>(1, c.original_effort)));
}

void Calibrator::expect(const std::string& owner, std::int64_t delivered) {
    expected_[owner] += std::max<std::int64_t>(0, delivered);
}

std::map<std::string, OwnerCalibration> Calibrator::build() && {
    for (auto& [name, owner] : owners_) {
        std::sort(owner.ratios.begin(), owner.ratios.end());
        std::sort(owner.effort_growth.begin(), owner.effort_growth.end());
        owner.median = percentile(owner.ratios, 50);
        owner.p80 = percentile(owner.ratios, 80);
        owner.p90 = percentile(owner.ratios, 90);
        owner.median_effort_growth = percentile(owner.effort_growth, 50);
    }
    return std::move(owners_);
}

std::map<std::string, OwnerCalibration> calibrate(const std::vector<Commitment>& commitments,
                                                  const WorkWeek& workweek) {
    Calibrator calibrator(workweek);
    for (const auto& c : commitments) {
        calibrator.add(facts_of(c));
    }
    return std::move(calibrator).build();
}

} // namespace kept
