#include "kept/report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace kept {

std::string load_cell_text(const WeekLoad& w) {
    std::string text = w.utilization() ? fmt::format("{:.0f}%", *w.utilization()) : "-";
    if (w.late_minutes > schedule_epsilon) {
        long long late_hours = std::llround(hours(w.late_minutes));
        text +=
            late_hours == 0 ? std::string(" (<1h late)") : fmt::format(" ({}h late)", late_hours);
    }
    return text;
}

bool load_cell_marked(const WeekLoad& w, double ratio) {
    return w.overloaded(ratio) || w.late_minutes > schedule_epsilon;
}

ReportBuilder::ReportBuilder(const Config& config, Date today, int weeks,
                             std::vector<LateRenegotiation> late,
                             std::optional<std::string> only_owner)
    : config_(config), today_(today), weeks_(weeks), only_owner_(std::move(only_owner)),
      late_(std::move(late)), calibrator_(config.workweek) {
    for (const auto& l : late_) {
        late_ids_.push_back(l.commitment_id);
    }
    std::sort(late_ids_.begin(), late_ids_.end());
    late_ids_.erase(std::unique(late_ids_.begin(), late_ids_.end()), late_ids_.end());
    late_subjects_.resize(late_ids_.size());
}

void ReportBuilder::add(const CommitmentFacts& c) {
    if (ignores(c.owner)) {
        return;
    }
    reliability_.add(c);
    calibrator_.add(c);
    if (c.is_open()) {
        add_open(c);
    } else {
        add_late_subject(c);
    }
}

void ReportBuilder::add_open(const CommitmentFacts& c) {
    if (ignores(c.owner) || !c.is_open()) {
        return;
    }
    add_late_subject(c);
    add_open_work(c);
}

void ReportBuilder::add_open_work(const CommitmentFacts& c) {
    const ReportSettings& settings = config_.report;
    if (!flags_reserved_ && open_expected_ > 0) {
        // Room for the most flags there can be (each open commitment: overdue or risk and
        // heads-up, creep, chronic), so that no array is copied to a bigger one: growth by
        // doubling held the old and the new array at once. The part never written is address
        // space, not memory. Without tallies the count is not known.
        auto open = static_cast<std::size_t>(open_expected_);
        auto owners = reliability_.owners.size() + config_.members.size();
        flags_.reserve(2 * open + owners * static_cast<std::size_t>(weeks_) + late_.size() + 1,
                       2 * open);
        flags_reserved_ = true;
    }
    if (auto flag = overdue_of(c, today_)) {
        flags_.push_back(*flag, c.owner, "");
    }
    for (auto flag : {creep_flag(c, settings), chronic_flag(c, settings)}) {
        if (flag) {
            flags_.push_back(std::move(*flag));
        }
    }
    open_by_owner_[c.owner].push_back({c.id, c.due, c.effort});
    auto [client, added] =
        client_index_.try_emplace(c.client, static_cast<std::uint32_t>(clients_.size()));
    if (added) {
        clients_.push_back(c.client);
    }
    open_notes_.push_back({c.id, client->second, c.known_finish});
}

const ReportBuilder::OpenNote* ReportBuilder::open_note(std::int64_t id) const {
    auto it =
        std::lower_bound(open_notes_.begin(), open_notes_.end(), id,
                         [](const OpenNote& n, std::int64_t wanted) { return n.id < wanted; });
    return it != open_notes_.end() && it->id == id ? &*it : nullptr;
}

void ReportBuilder::add_tally(const ReliabilityTally& tally) {
    if (ignores(tally.owner)) {
        return;
    }
    reliability_.add(tally);
    open_expected_ += tally.commitments - tally.figures.delivered - tally.figures.dropped;
    calibrator_.expect(tally.owner, tally.figures.delivered);
}

void ReportBuilder::add_delivered(const CommitmentFacts& c) {
    if (!ignores(c.owner)) {
        calibrator_.add(c);
    }
}

std::vector<std::int64_t> ReportBuilder::unseen_late_subjects() const {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < late_ids_.size(); ++i) {
        if (late_subjects_[i].id == 0) {
            out.push_back(late_ids_[i]);
        }
    }
    return out;
}

void ReportBuilder::add_late_subject(const CommitmentFacts& c) {
    if (ignores(c.owner)) {
        return;
    }
    if (CommitmentFacts* slot = late_subject_slot(c.id)) {
        *slot = c;
    }
}

CommitmentFacts* ReportBuilder::late_subject_slot(std::int64_t id) {
    auto it = std::lower_bound(late_ids_.begin(), late_ids_.end(), id);
    if (it == late_ids_.end() || *it != id) {
        return nullptr;
    }
    return &late_subjects_[static_cast<std::size_t>(it - late_ids_.begin())];
}

void ReportBuilder::owner_rows(const std::string& owner, std::vector<QueuedWork> open,
                               Report& report) const {
    MemberCalendar calendar = member_calendar(config_, owner);
    CapacityLine line(calendar, today_);
    std::vector<Projection> schedule = project(line, std::move(open));
    for (const WeekLoad& w : week_loads(line, schedule, weeks_)) {
        report.load.push_back({owner, w});
        if (auto flag = overload_flag(owner, w, schedule, config_.report.overload_ratio)) {
            report.flags.push_back(std::move(*flag));
        }
    }
    for (const Projection& p : schedule) {
        if (auto flag = risk_of(p, line)) {
            report.flags.push_back(*flag, owner, "");
            const OpenNote* note = open_note(p.work.id);
            std::string_view client = note ? std::string_view(clients_[note->client]) : "";
            if (auto told = heads_up_of(p, line, note ? note->known_finish : std::nullopt)) {
                report.flags.push_back(*told, owner, client);
            }
        }
    }
}

Report ReportBuilder::build() {
    const ReportSettings& settings = config_.report;
    Report report;
    report.as_of = today_;
    report.weeks = weeks_;
    report.overload_ratio = settings.overload_ratio;
    Date monday = monday_on_or_before(today_);
    for (int i = 0; i < weeks_; ++i) {
        report.horizon.push_back(iso_week(monday + std::chrono::days{7 * i}));
    }

    for (const auto& [name, member] : config_.members) {
        if (!only_owner_) {
            open_by_owner_.try_emplace(name);
        }
    }
    if (only_owner_) {
        open_by_owner_.try_emplace(*only_owner_);
    }
    // The flags of single commitments are in already; make room for the rest, unless the
    // tallies said how many there could be.
    report.flags = std::move(flags_);
    if (!flags_reserved_) {
        std::size_t open_count = 0;
        for (const auto& [owner, open] : open_by_owner_) {
            open_count += open.size();
        }
        report.flags.reserve(open_by_owner_.size() * weeks_ + late_.size() + 1, 2 * open_count);
    }
    auto by_id = [](const OpenNote& a, const OpenNote& b) { return a.id < b.id; };
    if (!std::is_sorted(open_notes_.begin(), open_notes_.end(), by_id)) {
        std::sort(open_notes_.begin(), open_notes_.end(), by_id);
    }
    for (auto& [owner, open] : open_by_owner_) {
        owner_rows(owner, std::move(open), report);
    }
    for (const auto& l : late_) {
        const CommitmentFacts& subject = *late_subject_slot(l.commitment_id);
        if (subject.id != 0) {
            report.flags.push_back(late_flag(l, subject));
        }
    }
    if (auto flag = internal_neglect_flag(reliability_, settings)) {
        report.flags.push_back(std::move(*flag));
    }
    report.flags.sort();
    report.reliability = std::move(reliability_);
    for (auto& [name, owner] : std::move(calibrator_).build()) {
        report.calibration.push_back(std::move(owner));
    }
    return report;
}

} // namespace kept
