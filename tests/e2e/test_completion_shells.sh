#!/usr/bin/env bash
# The zsh and fish completions: both parse (zsh -n, fish -n), and offer the expected values
# (fish through complete -C, zsh in tmux when it is installed); ids come in numeric order, and
# every value offered is one kept accepts. Skipped unless both shells are installed
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

expect_fish() {
    local line=$1
    shift
    expect_candidates "fish completing \"$line\"" "$(fish_offers "$fish_file" "$line")" "$@"
}
expect_fish "kept ren" renegotiate
expect_fish "kept list --state " open closed all
expect_fish "kept export --format " ndjson json csv tsv ics
expect_fish "kept list --color " auto always never
expect_fish "kept --ledger $LEDGER show " 1 2
expect_fish "kept --ledger $LEDGER list --owner " alice bob
expect_fish "kept --ledger $LEDGER list --client " acme billing
expect_fish "kept report --section " flags load reliability calibration all
expect_fish "kept check --as" --as-of --as

# Ids in numeric order (10 after 9), in every shell; zsh interactively, in tmux.
for i in 3 4 5 6 7 8 9 10 11; do
    ok add "Task $i" --client acme --owner alice --due 2026-12-04 --effort 1h
done
ids=$(seq 1 11)
expect_eq "$(fish_offers "$fish_file" "kept --ledger $LEDGER show ")" "$ids" "fish: ids in numeric order"
expect_eq "$(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept --ledger $LEDGER show ")" \
    "$ids" "bash: ids in numeric order"
if command -v tmux >/dev/null; then
    zsh_start "$KEPT_SOURCE_DIR/completions"
    expect_eq "$(zsh_offers "kept --ledger $LEDGER show ")" "$ids" "zsh: ids in numeric order"
    expect_candidates "zsh: list --format" "$(zsh_offers "kept list --format ")" table json ndjson csv tsv
    expect_candidates "zsh: export --format" "$(zsh_offers "kept export --format ")" ndjson json csv tsv ics
    expect_candidates "zsh: --state" "$(zsh_offers "kept list --state ")" open closed all
    expect_candidates "zsh: close's ids" "$(zsh_offers "kept --ledger $LEDGER close 1")" 1 10 11
    expect_candidates "zsh: owners" "$(zsh_offers "kept --ledger $LEDGER list --owner ")" alice bob
    expect_candidates "zsh: add --due" "$(zsh_offers "kept add x --due a")" auto
    expect_candidates "zsh: close --on" "$(zsh_offers "kept close 1 --on e")" eow eom
    expect_candidates "zsh: --fail-on" "$(zsh_offers "kept report --fail-on ov")" overload overdue
fi

# Every value offered is one kept accepts.
for value in $(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept list --state "); do
    ok list --state "$value"
done
for value in $(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept report --section "); do
    ok report --section "$value"
done
for value in $(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept list --format "); do
    ok list --format "$value"
    ok report --format "$value"
done
for value in $(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept export --format "); do
    ok export --format "$value"
done
for value in $(bash_offers "$KEPT_SOURCE_DIR/completions/kept.bash" "kept check "); do
    kept check "$value"
    [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "kept check $value exited $RC: $ERR"
done
finish
