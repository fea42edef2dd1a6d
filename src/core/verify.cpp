#include "kept/verify.hpp"

#include <fmt/format.h>

namespace kept {

bool ChainChecker::feed(const Event& event) {
    return !first_bad_seq_ && link(event, compute_hash(event) == event.hash);
}

bool ChainChecker::feed(const Event& event, std::string_view payload_json) {
    if (first_bad_seq_) {
        return false;
    }
    bool matches = compute_hash(event, payload_json) == event.hash;
    if (!matches) {
        Event parsed = event;
        try {
            parsed.payload = nlohmann::json::parse(payload_json);
            matches = compute_hash(parsed) == event.hash;
        } catch (const nlohmann::json::exception&) {
            matches = false;
        }
    }
    return link(event, matches);
}

bool ChainChecker::link(const Event& event, bool hash_matches) {
    ++checked_;
    auto fail = [&](std::string why) {
        first_bad_seq_ = event.seq;
        problem_ = std::move(why);
        return false;
    };
    if (!hash_matches) {
        return fail("its content does not match its hash (edited)");
    }
    auto& last = last_hash_[event.origin];
    if (event.prev_hash != last) {
        return fail(last.empty() && !event.prev_hash.empty()
                        ? "it names a predecessor that is not in the ledger (deleted or reordered)"
                        : "it does not follow the previous event of its ledger (an event was "
                          "deleted, inserted or reordered)");
    }
    last = event.hash;
    return true;
}

} // namespace kept
