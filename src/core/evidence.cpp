#include "kept/evidence.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kept {

namespace {

constexpr std::chrono::days one_day{1};
constexpr int prior_quantiles = 200;

// The standard normal quantile, by bisection on the distribution function: run once, for the
// prior's table.
double normal_quantile(double p) {
    double low = -10.0;
    double high = 10.0;
    for (int i = 0; i < 200; ++i) {
        double mid = (low + high) / 2.0;
        if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
            low = mid;
        } else {
            high = mid;
        }
    }
    return (low + high) / 2.0;
}

std::uint64_t fnv1a(std::uint64_t hash, const void* bytes, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i) {
        hash = (hash ^ p[i]) * 1099511628211ULL;
    }
    return hash;
}

// SplitMix64's finaliser: a well-mixed 64-bit value from any key.
std::uint64_t mix(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::vector<double> sorted(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values;
}

int trials_needed(int percent, int trials) {
    return static_cast<int>((static_cast<long long>(percent) * trials + 99) / 100);
}

} // namespace

std::optional<double> accuracy_ratio(const CommitmentFacts& c) {
    if (c.state != State::delivered || c.original_effort < 1) {
        return std::nullopt;
    }
    Minutes actual = c.spent.value_or(c.effort);
    return static_cast<double>(std::max<Minutes>(actual, 1)) /
           static_cast<double>(c.original_effort);
}

std::string_view to_string(RatioSource source) {
    switch (source) {
    case RatioSource::owner:
        return "owner";
    case RatioSource::team:
        return "team";
    case RatioSource::prior:
        return "prior";
    }
    return "";
}

const std::vector<double>& prior_ratios() {
    static const std::vector<double> ratios = [] {
        std::vector<double> out;
        const double mu = std::log(prior_median_ratio);
        const double sigma = std::log(prior_spread_factor);
        for (int i = 0; i < prior_quantiles; ++i) {
            double p = (i + 0.5) / prior_quantiles;
            out.push_back(std::exp(mu + sigma * normal_quantile(p)));
        }
        return out;
    }();
    return ratios;
}

void AccuracyHistory::add(const CommitmentFacts& c) {
    if (auto ratio = accuracy_ratio(c)) {
        by_owner_[c.owner].push_back(*ratio);
        team_.push_back(*ratio);
    }
}

int AccuracyHistory::samples(const std::string& owner) const {
    auto it = by_owner_.find(owner);
    return it == by_owner_.end() ? 0 : static_cast<int>(it->second.size());
}

AccuracyRatios AccuracyHistory::for_owner(const std::string& owner) const {
    if (auto it = by_owner_.find(owner);
        it != by_owner_.end() && static_cast<int>(it->second.size()) >= evidence_min_samples) {
        return {sorted(it->second), RatioSource::owner, static_cast<int>(it->second.size())};
    }
    if (static_cast<int>(team_.size()) >= evidence_min_samples) {
        return {sorted(team_), RatioSource::team, static_cast<int>(team_.size())};
    }
    return {prior_ratios(), RatioSource::prior, 0};
}

MonteCarlo::MonteCarlo(const CapacityLine& line, std::span<const Projection> schedule,
                       const AccuracyRatios& ratios, std::string_view owner, int trials)
    : line_(line), schedule_(schedule), ratios_(ratios), trials_(std::max(1, trials)) {
    std::uint64_t hash = fnv1a(14695981039346656037ULL, owner.data(), owner.size());
    for (double value : ratios_.values) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        hash = fnv1a(hash, &bits, sizeof bits);
    }
    seed_ = hash;
    capacity_by_due_.reserve(schedule_.size());
    for (const Projection& p : schedule_) {
        capacity_by_due_.push_back(line_.through(p.work.due));
    }
}

std::uint64_t MonteCarlo::trial_key_of(int trial) const {
    return seed_ + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(trial) + 1);
}

double MonteCarlo::draw(std::uint64_t trial_key, std::uint64_t id_key) const {
    const auto& values = ratios_.values;
    if (values.empty()) {
        return 1.0;
    }
    // Multiply-and-shift maps 32 random bits onto the table (Lemire's method): no division,
    // and a bias below 1e-4 even for a table of a million ratios.
    auto bits = static_cast<std::uint32_t>(mix(trial_key ^ id_key) >> 32U);
    return values[static_cast<std::size_t>((static_cast<std::uint64_t>(bits) * values.size()) >>
                                           32U)];
}

double MonteCarlo::ratio(int trial, std::int64_t id) const {
    return draw(trial_key_of(trial), static_cast<std::uint64_t>(id) * id_multiplier);
}

std::vector<double> MonteCarlo::on_time_percent() const {
    // The hot loop of a forecast (commitments x trials draws): each draw's key is the trial's
    // part and the commitment's part, both made once.
    const std::size_t n = schedule_.size();
    std::vector<std::uint64_t> id_keys(n);
    std::vector<double> efforts(n);
    for (std::size_t j = 0; j < n; ++j) {
        id_keys[j] = static_cast<std::uint64_t>(schedule_[j].work.id) * id_multiplier;
        efforts[j] = static_cast<double>(schedule_[j].work.effort);
    }
    std::vector<int> on_time(n, 0);
    for (int t = 0; t < trials_; ++t) {
        const std::uint64_t trial_key = trial_key_of(t);
        double work = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            work += efforts[j] * draw(trial_key, id_keys[j]);
            on_time[j] += work <= capacity_by_due_[j] + schedule_epsilon ? 1 : 0;
        }
    }
    std::vector<double> out;
    out.reserve(on_time.size());
    for (int count : on_time) {
        out.push_back(100.0 * count / trials_);
    }
    return out;
}

MonteCarlo::Dates MonteCarlo::confident_dates(Minutes effort, Date release, Date lower,
                                              std::span<const int> percents) const {
    const MemberCalendar& calendar = line_.calendar();
    const std::size_t n = schedule_.size();
    const Date start = std::max(release, line_.today());
    const double before_start = line_.through(start - one_day);
    const auto work = static_cast<double>(effort);
    Dates out;
    out.at.assign(percents.size(), std::nullopt);
    if (!calendar.has_capacity()) {
        return out;
    }

    // Each commitment's on-time count without the new work and with it queued ahead.
    std::vector<int> alone(n, 0);
    std::vector<int> pushed(n, 0);
    std::vector<double> extra(static_cast<std::size_t>(trials_));
    for (int t = 0; t < trials_; ++t) {
        extra[static_cast<std::size_t>(t)] = work * ratio(t, new_work_id);
        double queued = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            const QueuedWork& w = schedule_[j].work;
            queued += static_cast<double>(w.effort) * ratio(t, w.id);
            bool ok = queued <= capacity_by_due_[j] + schedule_epsilon;
            bool still = queued <= before_start + schedule_epsilon
                             ? ok
                             : queued + extra[static_cast<std::size_t>(t)] <=
                                   capacity_by_due_[j] + schedule_epsilon;
            alone[j] += ok ? 1 : 0;
            pushed[j] += still ? 1 : 0;
        }
    }
    std::vector<Date> floor(percents.size(), std::max(lower, start));
    std::vector<int> needed(percents.size());
    for (std::size_t i = 0; i < percents.size(); ++i) {
        needed[i] = trials_needed(percents[i], trials_);
        for (std::size_t j = 0; j < n; ++j) {
            if (alone[j] >= needed[i] && pushed[j] < needed[i]) {
                floor[i] = std::max(floor[i], schedule_[j].work.due);
            }
        }
    }

    // Sweep the member's working days from the lowest floor, queueing ahead of the new work,
    // in every trial, the commitments due by the day.
    std::vector<double> ahead(static_cast<std::size_t>(trials_), 0.0);
    std::size_t ahead_count = 0;
    double planned_ahead = 0.0;
    std::size_t left = percents.size();
    std::optional<Date> day =
        calendar.nth_available(*std::min_element(floor.begin(), floor.end()), 1);
    while (day && left > 0) {
        while (ahead_count < n && schedule_[ahead_count].work.due <= *day) {
            const QueuedWork& w = schedule_[ahead_count].work;
            for (int t = 0; t < trials_; ++t) {
                ahead[static_cast<std::size_t>(t)] +=
                    static_cast<double>(w.effort) * ratio(t, w.id);
            }
            planned_ahead = schedule_[ahead_count].through();
            ++ahead_count;
        }
        std::optional<Date> planned = line_.done_after(start, planned_ahead, work);
        if (!planned) {
            break;
        }
        if (*planned <= *day) {
            const double capacity = line_.through(*day) + schedule_epsilon;
            int met = 0;
            for (int t = 0; t < trials_; ++t) {
                auto i = static_cast<std::size_t>(t);
                met += std::max(before_start, ahead[i]) + extra[i] <= capacity ? 1 : 0;
            }
            for (std::size_t i = 0; i < percents.size(); ++i) {
                if (!out.at[i] && *day >= floor[i] && met >= needed[i]) {
                    out.at[i] = day;
                    --left;
                }
            }
            day = calendar.nth_available(*day + one_day, 1);
        } else {
            day = calendar.nth_available(*planned, 1);
        }
    }
    return out;
}

} // namespace kept
