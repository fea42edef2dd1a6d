#include "kept/on_time_months.hpp"

#include <fmt/format.h>

namespace kept {

namespace {

int month_index(Date day) {
    std::chrono::year_month_day ymd{day};
    return static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month())) - 1;
}

} // namespace

std::string MonthOnTime::label() const {
    return fmt::format("{:04}-{:02}", year, month);
}

void OnTimeByMonth::add(const CommitmentFacts& commitment) {
    if (commitment.state != State::delivered || !commitment.closed) {
        return;
    }
    int index = month_index(*commitment.closed);
    MonthOnTime& m = by_month_[index];
    m.delivered += 1;
    m.on_time_last += *commitment.closed <= commitment.due ? 1 : 0;
    m.on_time_first += *commitment.closed <= commitment.original_due ? 1 : 0;
}

std::vector<MonthOnTime> OnTimeByMonth::months(Date last_day, int months) const {
    std::vector<MonthOnTime> out;
    int last = month_index(last_day);
    // From the first month with a delivery: a young ledger's line does not start in emptiness.
    int first = last - months + 1;
    auto from = by_month_.lower_bound(first);
    if (from == by_month_.end() || from->first > last) {
        return out;
    }
    for (int index = from->first; index <= last; ++index) {
        auto found = by_month_.find(index);
        MonthOnTime m = found == by_month_.end() ? MonthOnTime{} : found->second;
        m.year = index / 12;
        m.month = static_cast<unsigned>(index % 12 + 1);
        out.push_back(m);
    }
    return out;
}

} // namespace kept
