#include "kept/reliability.hpp"

#include <algorithm>

namespace kept {

namespace {

std::optional<double> percent(int part, int whole) {
    if (whole == 0) {
        return std::nullopt;
    }
    return 100.0 * part / whole;
}

std::optional<double> mean(long long total, int count) {
    if (count == 0) {
        return std::nullopt;
    }
    return static_cast<double>(total) / count;
}

ReliabilityFigures& group_of(std::unordered_map<std::string, ReliabilityFigures>& groups,
                             const char* group, const std::string& name) {
    auto it = groups.find(name);
    if (it == groups.end()) {
        it = groups.emplace(name, ReliabilityFigures{group, name}).first;
    }
    return it->second;
}

} // namespace

void ReliabilityFigures::add(const CommitmentFacts& c) {
    proactive_renegotiations += c.renegotiations - c.late_renegotiations;
    late_renegotiations += c.late_renegotiations;
    if (c.state == State::dropped) {
        ++dropped;
        return;
    }
    if (c.state != State::delivered || !c.closed) {
        return;
    }
    ++delivered;
    on_time_first += *c.closed <= c.original_due ? 1 : 0;
    on_time_last += *c.closed <= c.due ? 1 : 0;
    slip_days += std::max<long long>(0, (*c.closed - c.original_due).count());
    late_days += std::max<long long>(0, (*c.closed - c.due).count());
}

void ReliabilityFigures::add(const ReliabilityFigures& other) {
    delivered += other.delivered;
    dropped += other.dropped;
    on_time_first += other.on_time_first;
    on_time_last += other.on_time_last;
    slip_days += other.slip_days;
    late_days += other.late_days;
    proactive_renegotiations += other.proactive_renegotiations;
    late_renegotiations += other.late_renegotiations;
}

bool same_counts(const ReliabilityFigures& a, const ReliabilityFigures& b) {
    auto counts = [](const ReliabilityFigures& f) {
        return std::tie(f.delivered, f.dropped, f.on_time_first, f.on_time_last, f.slip_days,
                        f.late_days, f.proactive_renegotiations, f.late_renegotiations);
    };
    return counts(a) == counts(b);
}

void Tallier::add(const CommitmentFacts& c) {
    auto& [commitments, figures] = groups_[{c.owner, c.client, c.client_kind}];
    ++commitments;
    figures.add(c);
}

std::vector<ReliabilityTally> Tallier::tallies() const {
    std::vector<ReliabilityTally> out;
    for (const auto& [key, counts] : groups_) {
        out.push_back(
            {std::get<0>(key), std::get<1>(key), std::get<2>(key), counts.first, counts.second});
    }
    return out;
}

std::int64_t tally_differences(const std::vector<ReliabilityTally>& a,
                               const std::vector<ReliabilityTally>& b) {
    auto key = [](const ReliabilityTally& t) { return std::tie(t.owner, t.client, t.client_kind); };
    std::int64_t differences = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() || j != b.end()) {
        if (j == b.end() || (i != a.end() && key(*i) < key(*j))) {
            ++differences, ++i;
        } else if (i == a.end() || key(*j) < key(*i)) {
            ++differences, ++j;
        } else {
            differences +=
                i->commitments == j->commitments && same_counts(i->figures, j->figures) ? 0 : 1;
            ++i, ++j;
        }
    }
    return differences;
}

std::optional<double> ReliabilityFigures::on_time_first_rate() const {
    return percent(on_time_first, delivered);
}

std::optional<double> ReliabilityFigures::on_time_last_rate() const {
    return percent(on_time_last, delivered);
}

std::optional<double> ReliabilityFigures::mean_slip_days() const {
    return mean(slip_days, delivered);
}

std::optional<double> ReliabilityFigures::mean_late_days() const {
    return mean(late_days, delivered);
}

/// Counts `counted` (a commitment or a tally) into every group it belongs to.
template <typename Counted>
void count_in_groups(Reliability& r, const std::string& owner, const std::string& client,
                     ClientKind kind, const Counted& counted) {
    r.team.add(counted);
    (kind == ClientKind::internal ? r.internal : r.external).add(counted);
    group_of(r.owners, "owner", owner).add(counted);
    group_of(r.clients, "client", client).add(counted);
}

void Reliability::add(const CommitmentFacts& c) {
    count_in_groups(*this, c.owner, c.client, c.client_kind, c);
}

void Reliability::add(const ReliabilityTally& tally) {
    count_in_groups(*this, tally.owner, tally.client, tally.client_kind, tally.figures);
}

std::vector<const ReliabilityFigures*> Reliability::rows() const {
    std::vector<const ReliabilityFigures*> out = {&team, &internal, &external};
    for (const auto* groups : {&owners, &clients}) {
        auto first = out.size();
        for (const auto& [name, figures] : *groups) {
            out.push_back(&figures);
        }
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                  [](const auto* a, const auto* b) { return a->name < b->name; });
    }
    return out;
}

} // namespace kept
