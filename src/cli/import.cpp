#include "app/import.hpp"
#include "cli/command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace kept::cli {

namespace {

struct ImportOptions {
    std::string file = "-";
    bool commitments = false;
    bool quiet = false;
};

int import_events(Context& context, app::LineReader& lines, bool quiet) {
    app::ImportedEvents imported =
        app::import_events(lines, [&] { return context.open_ledger(OpenMode::write); });
    std::size_t added = imported.added;
    if (!quiet) {
        context.out() << fmt::format("imported {} event{} ({} already present)\n", added,
                                     added == 1 ? "" : "s", imported.read - added);
    }
    return 0;
}

int import_commitments(Context& context, app::LineReader& lines, bool quiet) {
    RowContext rows{context.today(), context.config(), context.actor()};
    app::ImportedCommitments imported =
        app::import_commitments(lines, rows, context.draft_event(EventKind::added, ""), quiet,
                                [&] { return context.open_ledger(OpenMode::write); });
    std::int64_t count = imported.count;
    std::int64_t first_id = imported.first_id;
    std::int64_t last_id = imported.last_id;
    auto& out = context.out();
    if (quiet) {
        for (auto id : imported.ids) {
            out << id << '\n';
        }
        return 0;
    }
    if (count == 0) {
        out << "imported 0 commitments\n";
    } else {
        out << fmt::format("imported {} commitment{} (#{}{})\n", count, count == 1 ? "" : "s",
                           first_id, count == 1 ? "" : fmt::format(" to #{}", last_id));
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
        app::LineReader lines(o->file);
        return o->commitments ? import_commitments(context, lines, o->quiet)
                              : import_events(context, lines, o->quiet);
    };
}

} // namespace kept::cli
