#!/usr/bin/env bash
# The zsh and fish completions: both parse (zsh -n, fish -n), and fish, which can complete a
# line without a terminal, offers the expected values. Skipped unless both shells are installed
# (.ci/install-deps --test installs them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion_lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
for shell in zsh fish; do
    command -v "$shell" >/dev/null || skip "$shell is not installed"
done

zsh -n "$KEPT_SOURCE_DIR/completions/_kept" || fail "zsh -n rejects completions/_kept"
head -n 1 "$KEPT_SOURCE_DIR/completions/_kept" | grep -qx '#compdef kept' ||
    fail "_kept does not start with #compdef kept"

fish_file="$KEPT_SOURCE_DIR/completions/kept.fish"
fish -n "$fish_file" || fail "fish -n rejects completions/kept.fish"

mkdir -p bin
ln -s "$KEPT" bin/kept
export PATH="$TEST_DIR/bin:$PATH"
ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
ok add "Fix login" --client billing --owner bob --due fri --effort 6h

# fish_offers LINE: the candidates fish offers (without descriptions), sorted.
fish_offers() {
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$fish_file" "$1" |
        cut -f 1
}
expect_fish() {
    local line=$1
    shift
    expect_candidates "fish completing \"$line\"" "$(fish_offers "$line")" "$@"
}
expect_fish "kept ren" renegotiate
expect_fish "kept list --state " open closed all
expect_fish "kept export --format " ndjson json csv tsv ics
expect_fish "kept list --color " auto always never
expect_fish "kept --ledger $LEDGER show " 1 2
expect_fish "kept --ledger $LEDGER list --owner " alice bob
expect_fish "kept --ledger $LEDGER list --client " acme billing
finish
