#pragma once

// The process environment, knowing nothing of kept.

#include <filesystem>
#include <optional>
#include <string>

namespace kept::util {

/// The value of environment variable `name`; nullopt when it is unset or empty.
std::optional<std::string> env(const char* name);

/// An XDG base directory: `variable` (XDG_CONFIG_HOME, XDG_DATA_HOME) when it is an absolute
/// path, else $HOME/`under_home` (".config", ".local/share"); nullopt when neither is set.
std::optional<std::filesystem::path> xdg_home(const char* variable, const char* under_home);

} // namespace kept::util
