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

void Reliability::add(const CommitmentFacts& c) {
    team.add(c);
    (c.client_kind == ClientKind::internal ? internal : external).add(c);
    group_of(owners, "owner", c.owner).add(c);
    group_of(clients, "client", c.client).add(c);
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
