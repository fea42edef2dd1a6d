// Fuzzes what `kept import --commitments` reads: the first byte picks the form, the rest is either
// one NDJSON line (parse_json_line, commitment_from_json) or a CSV file (read_csv, the header
// check, commitment_from_csv for each row). An accepted row must be a commitment `kept add` would
// accept: a title, a client, an owner, an effort of at least a minute.

#include "fuzz.hpp"
#include "kept/import.hpp"

namespace {

kept::RowContext row_context() {
    kept::RowContext context;
    context.today = kept::Date(std::chrono::year(2026) / 11 / 23);
    context.default_owner = "fuzzer";
    context.config.clients["billing"] = kept::ClientKind::internal;
    return context;
}

void expect_addable(const kept::NewCommitment& row) {
    kept::fuzz::expect(!row.title.empty() && !row.client.empty() && !row.owner.empty());
    kept::fuzz::expect(row.effort > 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kept;
    if (size == 0) {
        return 0;
    }
    static const RowContext context = row_context();
    bool csv = data[0] & 1;
    std::string_view input = fuzz::text(data + 1, size - 1);
    fuzz::refusing_allowed([&] {
        if (!csv) {
            expect_addable(commitment_from_json(parse_json_line(input), context));
            return;
        }
        auto records = read_csv(input);
        if (records.empty()) {
            return;
        }
        check_commitment_header(records.front().fields);
        for (std::size_t i = 1; i < records.size(); ++i) {
            expect_addable(commitment_from_csv(records.front().fields, records[i].fields, context));
        }
    });
    return 0;
}
