#include "kept/replica.hpp"

#include "kept/error.hpp"
#include "kept/import.hpp"
#include "kept/verify.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace kept {

namespace {

bool is_scheme_char(char c, bool first) {
    auto byte = static_cast<unsigned char>(c);
    return std::isalpha(byte) ||
           (!first && (std::isdigit(byte) || c == '+' || c == '-' || c == '.'));
}

/// The length of the URL scheme-like word `url` starts with (0 when none).
std::size_t scheme_length(std::string_view url) {
    std::size_t n = 0;
    while (n < url.size() && is_scheme_char(url[n], n == 0)) {
        ++n;
    }
    return n;
}

} // namespace

void check_remote_url(std::string_view url) {
    auto refuse = [&](std::string_view why) {
        throw UsageError(fmt::format("sync: remote {:?} is refused: {}", url, why));
    };
    if (url.empty()) {
        refuse("it is empty");
    }
    if (url.front() == '-') {
        refuse("it starts with '-'");
    }
    if (std::any_of(url.begin(), url.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        refuse("it holds a control character");
    }
    std::size_t scheme = scheme_length(url);
    std::string_view rest = url.substr(scheme);
    if (scheme > 0 && rest.substr(0, 2) == "::") {
        refuse("git transport helpers (name::address) can run programs; use ssh, https, git or "
               "a path");
    }
    if (scheme > 0 && rest.substr(0, 3) == "://") {
        static constexpr std::array allowed = {"ssh", "git+ssh", "ssh+git", "https", "git", "file"};
        std::string name = util::lowercase(url.substr(0, scheme));
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            refuse(fmt::format("transport {:?} is not one of ssh, https, git, file", name));
        }
    }
    // Anything else is [user@]host:path (ssh) or a local path, which git reads as such.
}

bool is_local_remote(std::string_view url) {
    std::size_t scheme = scheme_length(url);
    if (scheme > 0 && url.substr(scheme, 3) == "://") {
        return url.substr(0, scheme) == "file";
    }
    // git's rule for scp-like ssh: a colon before the first slash.
    auto colon = url.find(':');
    return colon == std::string_view::npos || url.find('/') < colon;
}

std::string chunk_file_name(std::int64_t number) {
    return fmt::format("{:06}.ndjson", number);
}

std::optional<std::int64_t> chunk_number(std::string_view name) {
    constexpr std::string_view suffix = ".ndjson";
    if (name.size() != 6 + suffix.size() || name.substr(6) != suffix ||
        !std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t number = std::stoll(std::string(name.substr(0, 6)));
    return number > 0 ? std::optional<std::int64_t>(number) : std::nullopt;
}

bool lost_push_race(std::string_view output) {
    static constexpr std::array signs = {
        "non-fast-forward",    "fetch first",    "cannot lock ref",  "failed to update ref",
        "incorrect old value", "failed to lock", "Unable to create", "stale info",
    };
    return std::any_of(signs.begin(), signs.end(), [&](const char* sign) {
        return output.find(sign) != std::string_view::npos;
    });
}

std::string lock_file_in_the_way(std::string_view output) {
    constexpr std::string_view before = "Unable to create '";
    constexpr std::string_view after = "': File exists";
    auto start = output.find(before);
    if (start == std::string_view::npos) {
        return "";
    }
    start += before.size();
    auto end = output.find(after, start);
    auto line_end = output.find('\n', start);
    if (end == std::string_view::npos || end > line_end) {
        return "";
    }
    return std::string(output.substr(start, end - start));
}

std::chrono::milliseconds retry_delay(int attempt, double jitter) {
    int doublings = std::clamp(attempt - 1, 0, 5);
    double full = 100.0 * static_cast<double>(1 << doublings);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(full * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0))));
}

ReplicaChain read_replica_chain(std::string_view text, const std::string& origin,
                                const ChainStart& start) {
    ReplicaChain chain;
    ChainChecker links;
    links.resume(origin, start.prev_hash);
    std::int64_t last_clock = start.prev_clock;
    for (const auto& line : non_blank_lines(text)) {
        auto number = start.line - 1 + static_cast<std::int64_t>(line.line);
        auto stop = [&](std::string reason) {
            chain.problem = ReplicaProblem{number, std::move(reason)};
        };
        Event e;
        try {
            e = event_from_line(line.text);
        } catch (const BadValue& error) {
            stop(error.what());
            break;
        }
        if (e.origin != origin) {
            stop(fmt::format("written by another replica ({})", e.origin));
            break;
        }
        e.seq = number;
        if (!links.feed(e)) {
            stop("hash chain broken: " + links.problem());
            break;
        }
        if (e.clock <= last_clock || e.clock > max_imported_clock) {
            stop(e.clock > max_imported_clock
                     ? fmt::format("clock {} is over the limit of 2^40", e.clock)
                     : fmt::format("clock {} does not exceed the clock of the line before ({})",
                                   e.clock, last_clock));
            break;
        }
        last_clock = e.clock;
        e.seq = 0;
        chain.events.push_back(std::move(e));
        chain.lines.push_back(number);
        chain.offsets.push_back(start.offset + (line.text.data() - text.data()));
    }
    return chain;
}

} // namespace kept
