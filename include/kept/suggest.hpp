#pragma once

// "Did you mean": the name a person most likely meant when they typed one that does not exist.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kept {

/// The one of `names` that `word` most likely stands for: the same but for case; else the only
/// name it begins (at least two letters); else the only nearest within two edits (a letter
/// added, dropped, changed, or two neighbours swapped), counting only names whose length is
/// within two of the word. nullopt when none is clearly meant.
std::optional<std::string> closest_name(std::string_view word, std::span<const std::string> names);

/// The edit distance closest_name uses (optimal string alignment: insert, delete, substitute,
/// swap two adjacent letters), on bytes, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace kept
