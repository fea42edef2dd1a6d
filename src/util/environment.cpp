#include "util/environment.hpp"

#include <cstdlib>

namespace kept::util {

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

std::optional<std::filesystem::path> xdg_home(const char* variable, const char* under_home) {
    if (auto xdg = env(variable); xdg && xdg->front() == '/') {
        return std::filesystem::path(*xdg);
    }
    if (auto home = env("HOME")) {
        return std::filesystem::path(*home) / under_home;
    }
    return std::nullopt;
}

} // namespace kept::util
