#!/usr/bin/env bash
# Color: only in table output, only on a terminal (or with --color always); NO_COLOR and
# --color never turn it off; machine formats never hold an escape code.
. "$(dirname "$0")/lib.sh"
# script(1) gives kept a terminal; Debian's bsdutils (essential) has it.
command -v script >/dev/null || skip "script(1) is missing: the terminal checks cannot run"

ESC=$'\x1b'
has_escape() { case "$1" in *"$ESC"*) return 0 ;; *) return 1 ;; esac; }

ok add "Overdue soon" --client acme --owner alice --due 2026-11-24 --effort 2h
ok add "Later" --client acme --owner bob --due 2026-12-24 --effort 2h
ok renegotiate 2 --due 2026-12-31 --reason "moved"
ok close 1 --delivered

# Not a terminal: plain text, whatever the table holds.
for command in "list --state all" "show 2" "log"; do
    # shellcheck disable=SC2086
    ok $command
    has_escape "$OUT" && fail "kept $command wrote escape codes into a pipe"
done

# --color always: escape codes in the table, never in a machine format.
ok list --state all --color always
has_escape "$OUT" || fail "--color always wrote no escape code into the table"
ok show 2 --color always
has_escape "$OUT" || fail "--color always: show table has no escape code"
for format in json ndjson csv tsv; do
    for command in "list --state all" "show 2" "log" "export" "export --events"; do
        [ "$format" = tsv ] && [ "$command" = "export --events" ] && continue
        [ "$format" = csv ] && [ "$command" = "export --events" ] && continue
        # shellcheck disable=SC2086
        ok $command --format "$format" --color always
        has_escape "$OUT" && fail "kept $command --format $format --color always has escape codes"
    done
done
ok export --format ics --color always
has_escape "$OUT" && fail "ICS export has escape codes"

# --color never beats a terminal; NO_COLOR is honoured; --color always beats NO_COLOR.
on_tty() { script -qec "$*" /dev/null </dev/null; }
run="$KEPT --ledger $LEDGER list --state all"
out=$(TERM=xterm on_tty "$run")
has_escape "$out" || fail "no color on a terminal by default"
out=$(TERM=xterm on_tty "$run --color never")
has_escape "$out" && fail "--color never still colored a terminal"
out=$(TERM=xterm NO_COLOR=1 on_tty "$run")
has_escape "$out" && fail "NO_COLOR ignored on a terminal"
out=$(TERM=xterm NO_COLOR=1 on_tty "$run --color always")
has_escape "$out" || fail "--color always should win over NO_COLOR"
out=$(TERM=dumb on_tty "$run")
has_escape "$out" && fail "TERM=dumb still colored"
out=$(TERM=xterm on_tty "$run --format json")
has_escape "$out" && fail "JSON on a terminal has escape codes"

NO_COLOR=1 kept list --color always
has_escape "$OUT" || fail "--color always with NO_COLOR set"

rejects 65 '--color: "sometimes" is not one of auto, always, never' list --color sometimes
rejects 65 '--color: "x" is not one of auto, always, never' list --format json --color x

finish
