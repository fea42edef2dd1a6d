#include "kept/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace kept {

namespace {

std::uint64_t fnv1a(std::uint64_t hash, std::string_view text) {
    for (unsigned char c : text) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return hash;
}

std::uint64_t seed_for(const OwnerCalibration& history) {
    std::uint64_t hash = fnv1a(14695981039346656037ULL, history.owner);
    for (double ratio : history.ratios) {
        hash = fnv1a(hash, std::to_string(ratio));
    }
    return hash;
}

Date date_at_percent(const std::vector<Date>& sorted, int percent) {
    auto n = static_cast<double>(sorted.size());
    auto index = static_cast<std::size_t>(std::ceil(n * percent / 100.0));
    return sorted[std::clamp<std::size_t>(index, 1, sorted.size()) - 1];
}

} // namespace

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
        last_->owner = c.owner;
    }
    OwnerCalibration& owner = *last_;
    ++owner.samples;
    owner.ratios.push_back(static_cast<double>(actual) / promised);
    owner.effort_growth.push_back(static_cast<double>(c.effort) /
                                  static_cast<double>(std::max<Minutes>(1, c.original_effort)));
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

Date nth_working_day(Date start, int n, const WorkWeek& workweek) {
    if (workweek.mask == 0) {
        return start;
    }
    Date day = start;
    for (int seen = workweek.contains(day) ? 1 : 0; seen < n;) {
        day += std::chrono::days(1);
        if (workweek.contains(day)) {
            ++seen;
        }
    }
    return day;
}

ConfidentDates confident_dates(Date start, Date capacity_date, const OwnerCalibration& history,
                               int confidence, const WorkWeek& workweek) {
    ConfidentDates dates{capacity_date, capacity_date, capacity_date, capacity_date, confidence};
    if (!history.usable() || history.ratios.empty()) {
        return dates;
    }
    int base = std::max(1, working_days_between(start, capacity_date, workweek));
    std::mt19937_64 random(seed_for(history));
    std::vector<Date> outcomes;
    outcomes.reserve(calibration_trials);
    for (int trial = 0; trial < calibration_trials; ++trial) {
        double ratio = std::max(1.0, history.ratios[random() % history.ratios.size()]);
        int days = static_cast<int>(std::ceil(base * ratio - 1e-9));
        outcomes.push_back(std::max(capacity_date, nth_working_day(start, days, workweek)));
    }
    std::sort(outcomes.begin(), outcomes.end());
    dates.p50 = date_at_percent(outcomes, 50);
    dates.at_confidence = date_at_percent(outcomes, confidence);
    dates.p90 = date_at_percent(outcomes, 90);
    dates.trials = calibration_trials;
    dates.calibrated = true;
    return dates;
}

} // namespace kept
