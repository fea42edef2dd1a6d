#!/usr/bin/env bash
# Each command's --help lists, under "Global options", the global options it honours (read from
# the command table): every one kept --help lists, less those the command has no use for.
. "$(dirname "$0")/lib.sh"

# globals_of COMMAND: the options under "Global options" in kept COMMAND --help.
globals_of() {
    "$KEPT" "$1" --help | sed -n '/^Global options/,/^$/p' | grep -oE '^  --[a-z-]+' | sed 's/^ *//'
}
# lists COMMAND OPTION...: its --help lists each OPTION under "Global options".
lists() {
    local command=$1 option listed
    shift
    listed=$(globals_of "$command")
    for option in "$@"; do
        printf '%s\n' "$listed" | grep -qx -- "$option" || fail "kept $command --help lacks $option"
    done
}
# omits COMMAND OPTION...: it lists none of them.
omits() {
    local command=$1 option listed
    shift
    listed=$(globals_of "$command")
    for option in "$@"; do
        printf '%s\n' "$listed" | grep -qx -- "$option" && fail "kept $command --help lists $option"
    done
}

lists add --config --team --ledger --format --color --as
lists list --config --team --ledger --format --color
omits list --as
lists export --config --team --ledger --format
omits export --color --as
lists import --config --team --ledger --as
omits import --format --color
lists verify --config --team --ledger
omits verify --format --color --as
lists sync --config --team --ledger --as
omits sync --format --color
# In kept --help's order.
expect_eq "$(globals_of add | tr '\n' ' ' | grep -oE -- '--config .*--as')" \
    "--config --team --ledger --format --color --as" "the order of add's global options"

# Each is shown as kept --help shows it: name, value and meaning.
kept_raw --help
top_format=$(printf '%s\n' "$OUT" | grep -E '^  --format ')
kept_raw list --help
expect_out_has "$top_format"
expect_out_has $'Global options (also before the command):\n  --config FILE'
# The example stays last.
expect_eq "$(printf '%s\n' "$OUT" | tail -n 2 | head -n 1)" "Example:" "the line before the example"

# Every command lists some, and only options kept --help lists.
kept_raw --help
top=$(printf '%s\n' "$OUT" | grep -oE '^  --[a-z-]+' | sed 's/^ *//')
for command in $("$KEPT" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
    listed=$(globals_of "$command")
    [ -n "$listed" ] || fail "kept $command --help lists no global option"
    for option in $listed; do
        printf '%s\n' "$top" | grep -qx -- "$option" || fail "kept $command --help lists $option, not a global option"
    done
done

finish
