#include "app/import.hpp"

#include "kept/changes.hpp"
#include "kept/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <utility>

namespace kept::app {

namespace {

// Runs `step`, prefixing the line number to any BadValue it throws.
template <typename Step> auto at_line(std::size_t line, Step step) {
    try {
        return step();
    } catch (const BadValue& error) {
        throw BadValue(fmt::format("line {}: {}", line, error.what()));
    }
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

struct NumberedEvent {
    std::size_t line = 0;
    Event event;
};

struct NumberedRow {
    std::size_t line = 0;
    NewCommitment row;
};

/// The commitment rows of an import, read a row at a time: NDJSON when the first non-blank
/// character is `{`, CSV otherwise.
class RowReader {
  public:
    RowReader(LineReader& lines, const RowContext& rows) : lines_(lines), rows_(rows) {}

    /// The next row, checked; nullopt at the end. Throws BadValue "line N: ...".
    std::optional<NumberedRow> next() {
        if (!started_) {
            start();
        }
        if (json_) {
            while (std::exchange(pending_, false) || lines_.next(line_)) {
                if (!blank(line_)) {
                    return NumberedRow{lines_.number(), at_line(lines_.number(), [&] {
                                           return commitment_from_json(parse_json_line(line_),
                                                                       rows_);
                                       })};
                }
            }
            return std::nullopt;
        }
        auto record = next_record();
        if (!record) {
            return std::nullopt;
        }
        return NumberedRow{record->line, at_line(record->line, [&] {
                               return commitment_from_csv(header_, record->fields, rows_);
                           })};
    }

  private:
    void start() {
        started_ = true;
        std::size_t first = 0;
        while (lines_.next(line_)) {
            if (!blank(line_)) {
                first = lines_.number();
                break;
            }
        }
        if (first == 0) {
            done_ = true;
            return;
        }
        char c = line_[line_.find_first_not_of(" \t")];
        if (c == '[') {
            throw BadValue(fmt::format("line {}: a JSON array is not accepted: give one object per "
                                       "line (NDJSON, as kept export writes) or CSV",
                                       first));
        }
        if (c == '{') {
            json_ = true;
            pending_ = true;
            return;
        }
        pending_ = true;
        auto header = next_record();
        if (!header) {
            return;
        }
        header_ = std::move(header->fields);
        at_line(header->line, [&] {
            check_commitment_header(header_);
            return 0;
        });
    }

    /// The next CSV record: lines joined while a quoted field is open.
    std::optional<CsvRecord> next_record() {
        std::string text;
        std::size_t first = 0;
        bool open = false; // inside a quoted field at the end of the text so far
        for (;;) {
            // The line end inside a quoted field, kept as it was.
            const char* line_end = lines_.ended_with_crlf() ? "\r\n" : "\n";
            if (!pending_ && (done_ || !lines_.next(line_))) {
                done_ = true;
                break;
            }
            pending_ = false;
            if (first == 0) {
                if (line_.empty()) {
                    continue;
                }
                first = lines_.number();
            } else {
                text += line_end;
            }
            text += line_;
            if (text.size() > max_import_line_bytes) {
                throw BadValue(fmt::format("line {}: a CSV record longer than {} bytes (1 MiB), "
                                           "the longest kept imports",
                                           first, max_import_line_bytes));
            }
            open = open != csv_record_open(line_);
            if (!open) {
                break;
            }
        }
        if (first == 0) {
            return std::nullopt;
        }
        auto records = read_csv(text, first);
        return records.empty() ? std::nullopt : std::optional<CsvRecord>(std::move(records[0]));
    }

    LineReader& lines_;
    const RowContext& rows_;
    std::string line_;
    std::vector<std::string> header_;
    bool started_ = false;
    bool json_ = false;
    bool pending_ = false; ///< line_ holds a line not yet used
    bool done_ = false;
};

// Rows drafted into events before the ledger is opened (so that a file whose first rows are bad
// leaves a missing ledger missing), and then written in one transaction batch by batch.
constexpr std::size_t batch_rows = 4096;

/// How many rows an import brings, judged once its first `read` rows are read: all of them when
/// that was the whole input; else as many more as the rest of a file holds at the same length
/// (the rows read, from a pipe).
std::int64_t expected_rows(const LineReader& lines, std::size_t read) {
    auto rows = static_cast<std::int64_t>(read);
    auto total = lines.file_bytes();
    if (read < batch_rows || !total) {
        return rows;
    }
    return static_cast<std::int64_t>(static_cast<double>(rows) * static_cast<double>(*total) /
                                     static_cast<double>(lines.bytes_read()));
}

} // namespace

ImportedEvents import_events(LineReader& lines, const LedgerOpener& open_ledger) {
    std::vector<NumberedEvent> events;
    std::string line;
    while (lines.next(line)) {
        if (!blank(line)) {
            events.push_back(
                {lines.number(), at_line(lines.number(), [&] { return event_from_line(line); })});
        }
    }
    // Clocks grow along every origin's chain, so this keeps each chain in order and puts every
    // commitment's added event before the changes made to it, whatever order the files came in.
    std::stable_sort(events.begin(), events.end(),
                     [](const auto& a, const auto& b) { return replays_before(a.event, b.event); });
    Ledger ledger = open_ledger();
    std::size_t added = 0;
    ledger.write_changing(
        events.size(),
        [&] {
            added = 0;
            for (const auto& numbered : events) {
                if (at_line(numbered.line,
                            [&] { return ledger.events().import_event(numbered.event); })) {
                    ++added;
                }
            }
        },
        WriteSize::large);
    return {added, events.size()};
}

ImportedCommitments import_commitments(LineReader& lines, const RowContext& rows,
                                       const Event& stamp, bool keep_ids,
                                       const LedgerOpener& open_ledger) {
    RowReader reader(lines, rows);
    auto read_batch = [&] {
        std::vector<Event> drafts;
        while (drafts.size() < batch_rows) {
            auto numbered = reader.next();
            if (!numbered) {
                break;
            }
            Event event = stamp;
            event.commitment_uuid = new_uuid();
            event.uuid = new_uuid();
            event.payload =
                at_line(numbered->line, [&] { return added_payload(numbered->row, rows.today); });
            drafts.push_back(std::move(event));
        }
        return drafts;
    };
    std::vector<Event> drafts = read_batch();
    ImportedCommitments out;
    if (!drafts.empty()) {
        Ledger ledger = open_ledger();
        ledger.write_bulk(expected_rows(lines, drafts.size()), [&] {
            out = {};
            while (!drafts.empty()) {
                for (auto& draft : drafts) {
                    out.last_id = ledger.events().append(std::move(draft)).id;
                    if (out.count++ == 0) {
                        out.first_id = out.last_id;
                    }
                    if (keep_ids) {
                        out.ids.push_back(out.last_id);
                    }
                }
                drafts = read_batch();
            }
        });
    }
    return out;
}

} // namespace kept::app
