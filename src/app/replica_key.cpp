#include "app/replica_key.hpp"

#include "kept/error.hpp"
#include "util/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view key_header = "kept-ed25519-private-key ";

} // namespace

fs::path key_path(const fs::path& ledger) {
    return fs::path(ledger.string() + ".key");
}

KeyPair load_or_create_key(const fs::path& ledger) {
    fs::path path = key_path(ledger);
    if (!fs::exists(fs::symlink_status(path))) {
        KeyPair key = new_key_pair();
        std::string text = fmt::format("{}{}\n", key_header, key.private_key);
        int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
            ::fsync(fd) != 0) {
            if (fd >= 0) {
                ::close(fd);
            }
            throw StorageError(fmt::format("sync: cannot write the key file {}", path.string()));
        }
        ::close(fd);
        return key;
    }
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        throw StorageError(
            fmt::format("sync: the key file {} is not a regular file", path.string()));
    }
    if ((info.st_mode & 077) != 0 && ::chmod(path.c_str(), 0600) != 0) {
        throw StorageError(fmt::format("sync: cannot make the key file {} private", path.string()));
    }
    auto text = util::read_file(path);
    if (!text) {
        throw StorageError(fmt::format("sync: cannot read the key file {}", path.string()));
    }
    std::string_view body(*text);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) {
        body.remove_suffix(1);
    }
    if (body.substr(0, key_header.size()) != key_header) {
        throw BadValue(fmt::format("sync: the key file {} does not hold a kept key (it starts "
                                   "\"{}\")",
                                   path.string(), key_header));
    }
    try {
        return key_pair_from_private(body.substr(key_header.size()));
    } catch (const BadValue& error) {
        throw BadValue(fmt::format("sync: the key file {}: {}", path.string(), error.what()));
    }
}

} // namespace kept::app
