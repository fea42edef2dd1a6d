#include "app/line_reader.hpp"

#include "kept/error.hpp"
#include "kept/import.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace kept::app {

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

} // namespace

LineReader::LineReader(const std::string& file) : name_(file), buffer_(chunk_bytes) {
    if (file == "-") {
        fd_ = STDIN_FILENO;
        name_ = "standard input";
        note_file_size();
        return;
    }
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        int err = errno;
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            throw NotFound(fmt::format("no file {}", file));
        }
        throw Error(err == EACCES ? ExitCode::permission : ExitCode::io,
                    fmt::format("cannot read {}: {}", file, std::strerror(err)));
    }
    owned_ = true;
    note_file_size();
}

void LineReader::note_file_size() {
    struct stat status {};
    if (::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode)) {
        file_bytes_ = static_cast<std::uint64_t>(status.st_size);
    }
}

LineReader::~LineReader() {
    if (owned_) {
        ::close(fd_);
    }
}

bool LineReader::fill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) {
        buffer_.resize(buffer_.size() * 2);
    }
    for (;;) {
        ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
        if (got >= 0) {
            end_ += static_cast<std::size_t>(got);
            return got > 0;
        }
        if (errno != EINTR) {
            throw StorageError(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
        }
    }
}

bool LineReader::next(std::string& line) {
    const auto too_long = [this] {
        return BadValue(fmt::format("line {}: longer than {} bytes (1 MiB), the longest line kept "
                                    "imports",
                                    number_ + 1, max_import_line_bytes));
    };
    std::size_t scanned = 0; // bytes after begin_ known to hold no line end
    const char* found = nullptr;
    for (;;) {
        const char* start = buffer_.data() + begin_;
        found =
            static_cast<const char*>(std::memchr(start + scanned, '\n', end_ - begin_ - scanned));
        if (found != nullptr) {
            break;
        }
        scanned = end_ - begin_;
        // One byte of slack for the CR of a CRLF line end.
        if (scanned > max_import_line_bytes + 1) {
            throw too_long();
        }
        if (!fill()) {
            break;
        }
    }
    const char* start = buffer_.data() + begin_;
    std::size_t length = found != nullptr ? static_cast<std::size_t>(found - start) : end_ - begin_;
    if (found == nullptr && length == 0) {
        return false; // the end, after a last line end
    }
    crlf_ = length > 0 && start[length - 1] == '\r';
    std::size_t text_length = crlf_ ? length - 1 : length;
    if (text_length > max_import_line_bytes) {
        throw too_long();
    }
    ++number_;
    line.assign(start, text_length);
    std::size_t consumed = found != nullptr ? length + 1 : length;
    begin_ += consumed;
    bytes_read_ += consumed;
    crlf_ = crlf_ && found != nullptr;
    if (number_ == 1 && line.compare(0, byte_order_mark.size(), byte_order_mark) == 0) {
        line.erase(0, byte_order_mark.size());
    }
    return true;
}

} // namespace kept::app
