#include "kept/import.hpp"
#include "cli/command.hpp"
#include "kept/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

namespace kept::cli {

namespace fs = std::filesystem;

namespace {

struct ImportOptions {
    std::string file = "-";
    bool commitments = false;
    bool quiet = false;
};

std::string read_input(const std::string& file) {
    if (file == "-") {
        std::string text{std::istreambuf_iterator<char>(std::cin),
                         std::istreambuf_iterator<char>()};
        if (std::cin.bad()) {
            throw StorageError("cannot read standard input");
        }
        return text;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        int err = errno;
        std::error_code ec;
        if (!fs::exists(file, ec)) {
            throw NotFound(fmt::format("no file {}", file));
        }
        throw Error(err == EACCES ? ExitCode::permission : ExitCode::io,
                    fmt::format("cannot read {}: {}", file, std::strerror(err)));
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        throw StorageError(fmt::format("cannot read {}", file));
    }
    return text;
}

// Runs `step`, prefixing the line number to any BadValue it throws.
template <typename Step> auto at_line(std::size_t line, Step step) {
    try {
        return step();
    } catch (const BadValue& error) {
        throw BadValue(fmt::format("line {}: {}", line, error.what()));
    }
}

struct NumberedEvent {
    std::size_t line = 0;
    Event event;
};

int import_events(Context& context, std::string_view text, bool quiet) {
    std::vector<NumberedEvent> events;
    for (const auto& line : non_blank_lines(text)) {
        events.push_back(
            {line.line, at_line(line.line, [&] { return event_from_line(line.text); })});
    }
    // Clocks grow along every origin's chain, so this keeps each chain in order and puts every
    // commitment's added event before the changes made to it, whatever order the files came in.
    std::stable_sort(events.begin(), events.end(),
                     [](const auto& a, const auto& b) { return replays_before(a.event, b.event); });
    Ledger ledger = context.open_ledger(OpenMode::write);
    std::size_t added = 0;
    ledger.write([&] {
        added = 0;
        for (const auto& numbered : events) {
            if (at_line(numbered.line, [&] { return ledger.import_event(numbered.event); })) {
                ++added;
            }
        }
    });
    if (!quiet) {
        context.out() << fmt::format("imported {} event{} ({} already present)\n", added,
                                     added == 1 ? "" : "s", events.size() - added);
    }
    return 0;
}

struct NumberedRow {
    std::size_t line = 0;
    NewCommitment row;
};

std::vector<NumberedRow> read_rows(std::string_view text, const RowContext& rows) {
    std::vector<NumberedRow> out;
    auto lines = non_blank_lines(text);
    if (lines.empty()) {
        return out;
    }
    char first = lines.front().text[lines.front().text.find_first_not_of(" \t")];
    if (first == '[') {
        throw BadValue(fmt::format("line {}: a JSON array is not accepted: give one object per "
                                   "line (NDJSON, as kept export writes) or CSV",
                                   lines.front().line));
    }
    if (first == '{') {
        for (const auto& line : lines) {
            out.push_back({line.line, at_line(line.line, [&] {
                               return commitment_from_json(parse_json_line(line.text), rows);
                           })});
        }
        return out;
    }
    auto records = read_csv(text);
    if (records.empty()) {
        return out;
    }
    const auto& header = records.front();
    at_line(header.line, [&] {
        check_commitment_header(header.fields);
        return 0;
    });
    for (std::size_t i = 1; i < records.size(); ++i) {
        out.push_back({records[i].line, at_line(records[i].line, [&] {
                           return commitment_from_csv(header.fields, records[i].fields, rows);
                       })});
    }
    return out;
}

int import_commitments(Context& context, std::string_view text, bool quiet) {
    RowContext rows{context.today(), context.config(), context.actor()};
    std::vector<NumberedRow> parsed = read_rows(text, rows);
    std::vector<Event> drafts;
    for (const auto& numbered : parsed) {
        Event event = context.draft_event(EventKind::added, new_uuid());
        event.payload =
            at_line(numbered.line, [&] { return added_payload(numbered.row, rows.today); });
        drafts.push_back(std::move(event));
    }
    Ledger ledger = context.open_ledger(OpenMode::write);
    std::vector<std::int64_t> ids;
    ledger.write([&] {
        ids.clear();
        for (const auto& draft : drafts) {
            ids.push_back(ledger.append(draft).id);
        }
    });
    auto& out = context.out();
    if (quiet) {
        for (auto id : ids) {
            out << id << '\n';
        }
    } else if (ids.empty()) {
        out << "imported 0 commitments\n";
    } else {
        out << fmt::format("imported {} commitment{} (#{}{})\n", ids.size(),
                           ids.size() == 1 ? "" : "s", ids.front(),
                           ids.size() == 1 ? "" : fmt::format(" to #{}", ids.back()));
    }
    return 0;
}

} // namespace

Run attach_import(CLI::App& sub) {
    auto o = std::make_shared<ImportOptions>();
    sub.add_option("FILE", o->file, "NDJSON or CSV to read; - or nothing reads standard input");
    sub.add_flag("--commitments", o->commitments,
                 "Rows of new commitments (NDJSON or CSV with the add fields), not events");
    sub.add_flag("-q,--quiet", o->quiet,
                 "Print nothing (events) or only the new ids, one a line (commitments)");
    return [o](Context& context) {
        std::string text = read_input(o->file);
        return o->commitments ? import_commitments(context, text, o->quiet)
                              : import_events(context, text, o->quiet);
    };
}

} // namespace kept::cli
