#!/usr/bin/env bash
# Help like git's: `kept help` and `kept help CMD`; a mistyped command or option is named with
# the one most likely meant (exit 64, nothing written); CLI11's raw wording becomes plain words
# that name the option.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# usage MESSAGE ARGS...: kept ARGS exits 64 with exactly "kept: MESSAGE", prints nothing on
# stdout and creates no ledger.
usage() {
    local message=$1
    shift
    kept "$@"
    expect_rc 64
    expect_err "kept: $message"
    expect_out ""
    [ ! -e "$LEDGER" ] || fail "kept $* created the ledger"
}

# 1. kept help, kept help CMD: the same text as --help, exit 0.
kept_raw help
expect_rc 0
main_help=$OUT
kept_raw --help
expect_eq "$main_help" "$OUT" "kept help against kept --help"
expect_out_has "kept help <command>"
for command in add renegotiate close list report check when forecast backup sync; do
    kept_raw help "$command"
    expect_rc 0
    help=$OUT
    kept_raw "$command" --help
    expect_eq "$help" "$OUT" "kept help $command against kept $command --help"
done
kept_raw help ren
expect_rc 64
expect_err 'kept: unknown command "ren" (did you mean "renegotiate"?)'

# 2. Mistyped commands and options.
usage 'unknown command "ren" (did you mean "renegotiate"?)' ren 1 --due fri --reason x
usage 'unknown command "lst" (did you mean "list"?)' lst
usage 'unknown command "Report" (did you mean "report"?)' Report
usage 'unknown command "re"; kept help lists them' re
usage 'unknown command "frobnicate"; kept help lists them' frobnicate
usage 'unknown option "--owenr" for add (did you mean "--owner"?)' \
    add "T" --client acme --owenr bob --due fri --effort 1h
usage 'unknown option "--zzzzzz" for add; kept help add lists them' \
    add "T" --client acme --zzzzzz --due fri --effort 1h
usage 'unknown option "--colour" for list (did you mean "--color"?)' list --colour never
kept_raw --ledgr "$LEDGER" list
expect_rc 64
expect_err 'kept: unknown option "--ledgr" (did you mean "--ledger"?)'
# A value that begins with "-" is a value, not an option.
ok add "T" --client acme --due fri --effort 2h
ok renegotiate 1 --effort -1h --reason "smaller"
rm -f "$LEDGER"

# 3. CLI11's wording in plain words.
usage '--due given 2 times; give it once (see kept add --help)' \
    add "T" --client acme --due fri --due mon --effort 1h
usage '--state needs a value (see kept list --help)' list --state
usage 'unexpected arguments "extra" "words" (see kept add --help)' \
    add "T" extra words --client acme --due fri --effort 1h
usage 'no command given; kept help lists them (see kept --help)' --ledger "$LEDGER"

finish
