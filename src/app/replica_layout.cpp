#include "app/replica_layout.hpp"

#include "app/sync.hpp"
#include "kept/error.hpp"
#include "kept/import.hpp"
#include "util/files.hpp"

#include <algorithm>

namespace kept::app {

namespace fs = std::filesystem;

namespace {

/// The bytes of `file` from `offset` on ("" when it is shorter).
std::string read_from(const fs::path& file, std::int64_t offset) {
    return util::read_file(file, offset).value_or("");
}

/// The last line number of `text` that holds anything (0 for none).
std::int64_t last_line_of(std::string_view text) {
    auto lines = non_blank_lines(text);
    return lines.empty() ? 0 : static_cast<std::int64_t>(lines.back().line);
}

} // namespace

std::map<std::string, std::vector<ReplicaPart>> replica_parts(const fs::path& events_dir) {
    std::map<std::string, std::vector<ReplicaPart>> parts;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(events_dir, ec)) {
        const fs::path& path = entry.path();
        if (entry.is_regular_file() && path.extension() == ".ndjson") {
            parts[path.stem().string()].push_back({0, path});
        } else if (entry.is_directory()) {
            auto& chunks = parts[path.filename().string()];
            for (const auto& chunk : fs::directory_iterator(path, ec)) {
                if (auto number = chunk_number(chunk.path().filename().string());
                    number && chunk.is_regular_file()) {
                    chunks.push_back({*number, chunk.path()});
                }
            }
        }
    }
    for (auto it = parts.begin(); it != parts.end();) {
        std::sort(it->second.begin(), it->second.end(),
                  [](const auto& a, const auto& b) { return a.number < b.number; });
        it = it->second.empty() ? parts.erase(it) : std::next(it);
    }
    return parts;
}

fs::path chunk_path(const fs::path& events_dir, const std::string& origin, std::int64_t number) {
    return events_dir / origin / chunk_file_name(number);
}

ReplicaStream::ReplicaStream(std::string origin, std::vector<ReplicaPart> parts,
                             const ReplicaFileState& from)
    : origin_(std::move(origin)), parts_(std::move(parts)) {
    if (from.resume_line == 0) {
        return;
    }
    auto at = std::find_if(parts_.begin(), parts_.end(),
                           [&](const auto& p) { return p.number == from.resume_part; });
    if (at == parts_.end()) {
        return;
    }
    std::string rest = read_from(at->path, from.resume_offset);
    auto end = rest.find('\n');
    try {
        if (end != std::string::npos &&
            event_from_line(std::string_view(rest).substr(0, end)).hash == from.last_hash) {
            part_ = static_cast<std::size_t>(at - parts_.begin());
            start_ = {from.resume_line + 1, from.resume_offset + static_cast<std::int64_t>(end) + 1,
                      from.last_hash, from.last_clock};
            first_text_ = rest.substr(end + 1);
            resumed_ = true;
        }
    } catch (const BadValue&) {
        // Rewritten where the last event taken was: read it all again.
    }
}

void ReplicaStream::load_next_part() {
    events_.clear();
    positions_.clear();
    next_ = 0;
    if (part_ >= parts_.size() || problem_) {
        ended_ = true;
        return;
    }
    const ReplicaPart& part = parts_[part_];
    bool resuming = resumed_ && first_load_;
    first_load_ = false;
    std::string text = resuming ? std::move(first_text_) : read_replica_text(part.path);
    std::int64_t lines_before = resuming ? start_.line - 1 : 0;
    if (!resuming) {
        start_.line = 1;
        start_.offset = 0;
    }
    ReplicaChain chain = read_replica_chain(text, origin_, start_);
    for (std::size_t k = 0; k < chain.events.size(); ++k) {
        positions_.push_back({part.number, chain.lines[k], chain.offsets[k]});
    }
    if (!chain.events.empty()) {
        start_.prev_hash = chain.events.back().hash;
        start_.prev_clock = chain.events.back().clock;
    }
    events_ = std::move(chain.events);
    last_part_ = part.number;
    last_part_lines_ = lines_before + last_line_of(text);
    if (chain.problem) {
        problem_ = chain.problem;
        problem_path_ = part.path;
        problem_part_ = part.number;
    }
    ++part_;
}

const Event* ReplicaStream::peek() {
    while (next_ >= events_.size()) {
        if (ended_) {
            return nullptr;
        }
        load_next_part();
    }
    return &events_[next_];
}

Event ReplicaStream::take() {
    peek();
    return std::move(events_[next_++]);
}

} // namespace kept::app
