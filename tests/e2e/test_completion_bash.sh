#!/usr/bin/env bash
# The bash completion, loaded in a real bash: what it offers for partial command lines,
# including ids, owners and clients read from the ledger named on the line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion_lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"

# Completion runs `kept` from PATH, as it will once installed.
mkdir -p bin
ln -s "$KEPT" bin/kept
export PATH="$TEST_DIR/bin:$PATH"

ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
ok add "Fix login" --client billing --owner bob --due fri --effort 6h
ok add "Audit" --client acme --owner carol --due fri --effort 1h
ok close 3 --delivered

# offers LINE: what the committed bash completion offers at the end of LINE (bash_offers).
offers() {
    bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "$1"
}

# expect_offers LINE EXPECTED...: the completion offers exactly EXPECTED (in any order).
expect_offers() {
    local line=$1
    shift
    expect_candidates "completing \"$line\"" "$(offers "$line")" "$@"
}

expect_offers "kept re" renegotiate reopen report rebuild
expect_offers "kept ex" export
expect_offers "kept --ver" --version
expect_offers "kept list --st" --state
expect_offers "kept verify --f" --format --full
expect_offers "kept list --state " open closed all
expect_offers "kept list --format " table json ndjson csv tsv
expect_offers "kept export --format " ndjson json csv tsv ics
expect_offers "kept --format=" table json ndjson csv tsv
expect_offers "kept list --color a" auto always
expect_offers "kept renegotiate 1 --requested-by " client team
expect_offers "kept import --comm" --commitments
expect_offers "kept add x --due e" eow eom
expect_offers "kept report --fail-on overdue,l" overdue,late
expect_offers "kept check ov" overload overdue

# Values read from the ledger given on the line.
expect_offers "kept --ledger $LEDGER show " 1 2 3
expect_offers "kept --ledger $LEDGER close " 1 2
expect_offers "kept --ledger $LEDGER reopen " 3
expect_offers "kept --ledger $LEDGER list --owner " alice bob carol
expect_offers "kept --ledger $LEDGER list --client a" acme
# No ledger there: nothing, and no error text on the terminal.
expect_offers "kept --ledger $TEST_DIR/none.db show "

# Files for import and --ledger.
touch rows.csv
expect_offers "kept import ro" rows.csv

finish
