#include "kept/suggest.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <vector>

namespace kept {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return util::lowercase(x) == util::lowercase(y);
           });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           equal_ignoring_case(text.substr(0, prefix.size()), prefix);
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programme: the swap of two neighbours looks two back.
    std::vector<std::size_t> before(b.size() + 1);
    std::vector<std::size_t> last(b.size() + 1);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        last[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = util::lowercase(a[i - 1]) == util::lowercase(b[j - 1]) ? 0 : 1;
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
            if (i > 1 && j > 1 && util::lowercase(a[i - 1]) == util::lowercase(b[j - 2]) &&
                util::lowercase(a[i - 2]) == util::lowercase(b[j - 1])) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        std::swap(before, last);
        std::swap(last, row);
    }
    return last[b.size()];
}

std::optional<std::string> closest_name(std::string_view word, std::span<const std::string> names) {
    if (word.empty()) {
        return std::nullopt;
    }
    for (const std::string& name : names) {
        if (equal_ignoring_case(word, name)) {
            return name;
        }
    }
    if (word.size() >= 2) {
        std::optional<std::string> only;
        int count = 0;
        for (const std::string& name : names) {
            if (starts_with_ignoring_case(name, word)) {
                only = name;
                ++count;
            }
        }
        if (count == 1) {
            return only;
        }
        if (count > 1) {
            return std::nullopt; // ambiguous: "re" could be several
        }
    }
    constexpr std::size_t most_edits = 2;
    std::optional<std::string> best;
    std::size_t best_distance = most_edits + 1;
    bool tie = false;
    for (const std::string& name : names) {
        std::size_t longer = std::max(name.size(), word.size());
        std::size_t shorter = std::min(name.size(), word.size());
        if (longer - shorter > most_edits) {
            continue;
        }
        std::size_t d = edit_distance(word, name);
        // A word of a few letters is changed beyond recognition by two edits.
        if (d > most_edits || d >= word.size()) {
            continue;
        }
        if (d < best_distance) {
            best = name;
            best_distance = d;
            tie = false;
        } else if (d == best_distance) {
            tie = true;
        }
    }
    return tie ? std::nullopt : best;
}

} // namespace kept
