#pragma once

// Reading an import file a line at a time, in constant memory: never more of it than the longest
// line kept accepts, and nothing after a line that is longer.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept::app {

class LineReader {
  public:
    /// Opens `file` ("-": standard input). Throws NotFound when it does not exist,
    /// Error(permission or io) when it cannot be read.
    explicit LineReader(const std::string& file);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Puts the next line in `line`, without its line end (LF, or CRLF) and, on line 1, without
    /// a UTF-8 byte order mark; false at the end of the input. Throws BadValue `line N: longer
    /// than 1048576 bytes (1 MiB), the longest line kept imports` as soon as a line passes
    /// max_import_line_bytes, without reading further; StorageError when reading fails.
    bool next(std::string& line);
    /// The number (1-based) of the line next() gave last.
    std::size_t number() const { return number_; }
    /// Whether that line ended with CRLF.
    bool ended_with_crlf() const { return crlf_; }
    /// The bytes of the lines given so far, with their line ends.
    std::uint64_t bytes_read() const { return bytes_read_; }
    /// The size of the input when it is a regular file (not a pipe or a terminal).
    std::optional<std::uint64_t> file_bytes() const { return file_bytes_; }

  private:
    /// Reads more input into the buffer; false at the end.
    bool fill();
    /// Sets file_bytes_ when fd_ is a regular file.
    void note_file_size();

    std::string name_;
    int fd_ = -1;
    bool owned_ = false;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t number_ = 0;
    bool crlf_ = false;
    std::uint64_t bytes_read_ = 0;
    std::optional<std::uint64_t> file_bytes_;
};

} // namespace kept::app
