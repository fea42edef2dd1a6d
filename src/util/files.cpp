#include "util/files.hpp"

#include <algorithm>
#include <array>
#include <fstream>

namespace kept::util {

std::optional<std::string> read_file(const std::filesystem::path& file, std::int64_t offset,
                                     std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string text;
    if (offset > 0 && !in.seekg(offset)) {
        return text;
    }
    std::array<char, 16 * 1024> chunk{};
    while (text.size() < limit && in) {
        std::size_t want = std::min(chunk.size(), limit - text.size());
        in.read(chunk.data(), static_cast<std::streamsize>(want));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

} // namespace kept::util
