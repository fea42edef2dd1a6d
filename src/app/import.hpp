#pragma once

// kept import's procedure: events (idempotent, each chain in order) or rows of new commitments
// (NDJSON or CSV), read a line at a time and written in one transaction.

#include "app/line_reader.hpp"
#include "kept/import.hpp"
#include "kept/ledger.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace kept::app {

/// Opens the ledger to write to, once the input has been read far enough to be worth it: a file
/// whose first lines are bad leaves a missing ledger missing.
using LedgerOpener = std::function<Ledger()>;

/// What an import of events did.
struct ImportedEvents {
    std::size_t added = 0; ///< events the ledger did not hold yet
    std::size_t read = 0;  ///< events the input held
};

/// Reads every event line of `lines` (blank lines skipped), sorts them in replay order and
/// imports them in one transaction. Throws BadValue "line N: ..." for a bad line or an event
/// the ledger refuses (nothing is written then).
ImportedEvents import_events(LineReader& lines, const LedgerOpener& open_ledger);

/// What an import of commitments did.
struct ImportedCommitments {
    std::int64_t count = 0;
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    std::vector<std::int64_t> ids; ///< every new id, in order, with keep_ids
};

/// Reads rows of new commitments and adds each as an `added` event stamped like `stamp` (its
/// timestamp, day and actor; fresh uuids), in one transaction, batch by batch. Throws BadValue
/// "line N: ..." for a bad row (nothing is written then).
ImportedCommitments import_commitments(LineReader& lines, const RowContext& rows,
                                       const Event& stamp, bool keep_ids,
                                       const LedgerOpener& open_ledger);

} // namespace kept::app
