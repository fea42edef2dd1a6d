#include "app/read_beside.hpp"

#include "kept/error.hpp"

#include <optional>

namespace kept::app {

std::future<bool> read_beside(Ledger& ledger, std::function<void(Ledger&)> read) {
    std::int64_t last = ledger.events().last_seq();
    return std::async(std::launch::async, [&ledger, last, read = std::move(read)] {
        std::optional<Ledger> other;
        try {
            other = ledger.reader();
        } catch (const Error&) {
            return false; // a second connection only saves time: without one the caller reads
        }
        bool same = false;
        if (other) {
            other->read([&] {
                same = other->events().last_seq() == last;
                if (same) {
                    read(*other);
                }
            });
        }
        return same;
    });
}

} // namespace kept::app
