#include "app/triage.hpp"

#include "app/owner_queues.hpp"
#include "kept/capacity.hpp"

#include <fmt/format.h>

namespace kept::app {

namespace {

/// `text` as one word for a POSIX shell: bare when it is safe, else in single quotes.
std::string shell_word(const std::string& text) {
    bool bare = !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                        "0123456789-_.,:/+@") == std::string::npos;
    if (bare) {
        return text;
    }
    std::string out = "'";
    for (char ch : text) {
        out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    }
    return out + "'";
}

} // namespace

std::string renegotiate_command(const TriageLine& line) {
    const ToRenegotiate& r = line.renegotiation;
    if (!r.proposed) {
        return {};
    }
    std::string reason = fmt::format("agreed with {}: the workload cannot carry {}",
                                     line.commitment.client, format_date(r.work.due));
    return fmt::format("kept renegotiate {} --due {} --requested-by team --reason {}",
                       line.commitment.id, format_date(*r.proposed), shell_word(reason));
}

std::vector<TriageLine> gather_triage(Ledger& ledger, const Config& config, Date today,
                                      const std::optional<std::string>& owner) {
    std::vector<OpenCommitment> open;
    ledger.read([&] { open = ledger.reads().open_commitments(owner); });
    std::vector<TriageLine> out;
    for (const OwnerQueue& queue : owner_queues(open)) {
        MemberCalendar calendar = member_calendar(config, queue.owner);
        CapacityLine line(calendar, today);
        for (ToRenegotiate& r : triage(line, queue.work())) {
            out.push_back({queue.find(r.work.id), std::move(r)});
        }
    }
    return out;
}

} // namespace kept::app
