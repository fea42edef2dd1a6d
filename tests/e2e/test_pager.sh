#!/usr/bin/env bash
# The pager: a human table on a terminal goes through $KEPT_PAGER, else $PAGER, else less -FRX
# (LESS=FRX when unset); never into a pipe, never for a machine format or with --no-pager; an
# empty KEPT_PAGER or "cat" means none; a pager that cannot start means the table is printed
# directly, and one quit early costs no error and no exit code. kept waits for it.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || skip "script(1) is missing: the terminal checks cannot run"

ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
KEPT_TODAY=2026-11-16 KEPT_NOW=2026-11-16T09:00:00Z ok add "Fix login" --client acme --owner bob \
    --due 2026-11-20 --effort 6h

RAN="$TEST_DIR/pager.ran"
PAGER_SCRIPT="$TEST_DIR/pager.sh"
cat >"$PAGER_SCRIPT" <<SCRIPT
#!/bin/sh
echo "ran LESS=\$LESS" >>"$RAN"
sleep 1
cat
echo done >>"$RAN"
SCRIPT
chmod +x "$PAGER_SCRIPT"

# on_tty COMMAND: runs COMMAND on a terminal 60 columns wide (TERM=$TTY_TERM, else dumb: no
# color); prints what the terminal showed and then "rc=N", the command's exit code.
on_tty() {
    TERM=${TTY_TERM:-dumb} script -qec "stty cols 60 2>/dev/null; $*; echo rc=\$?" /dev/null </dev/null | tr -d '\r'
}
pager_ran() { [ -f "$RAN" ]; }
run="$KEPT --ledger $LEDGER"

# A pipe: never a pager.
KEPT_PAGER=$PAGER_SCRIPT ok list
pager_ran && fail "the pager ran for a pipe"
expect_out_has "Fix login"

# A terminal: the pager shows the table, kept waits for it, LESS is set for less.
out=$(KEPT_PAGER=$PAGER_SCRIPT on_tty "$run list")
expect_eq "$(cat "$RAN" 2>/dev/null)" "ran LESS=FRX
done" "the pager's record of list"
case "$out" in *"Fri 2026-11-20 !  bob"*"rc=0"*) ;; *) fail "list through the pager: $out" ;; esac
rm -f "$RAN"
out=$(LESS=R KEPT_PAGER=$PAGER_SCRIPT on_tty "$run report")
expect_eq "$(head -1 "$RAN" 2>/dev/null)" "ran LESS=R" "a LESS of the user's own is kept"
case "$out" in *"FLAGS ("*"rc=0"*) ;; *) fail "report through the pager: $out" ;; esac
rm -f "$RAN"
# The width and the color are the terminal's, not the pager's pipe.
out=$(TTY_TERM=xterm KEPT_PAGER=$PAGER_SCRIPT on_tty "$run list")
case "$out" in *$'\x1b[31m'*) ;; *) fail "no color through the pager: $out" ;; esac
pager_ran || fail "the pager did not run with color"
rm -f "$RAN"
out=$(KEPT_PAGER=$PAGER_SCRIPT on_tty "$run show 1")
pager_ran || fail "the pager did not run for show"
rm -f "$RAN"

# PAGER when KEPT_PAGER is unset; an empty KEPT_PAGER, or cat, is no pager.
out=$(unset KEPT_PAGER; PAGER=$PAGER_SCRIPT on_tty "$run log")
pager_ran || fail "PAGER was not used"
rm -f "$RAN"
for none in "" cat " cat "; do
    out=$(KEPT_PAGER=$none PAGER=$PAGER_SCRIPT on_tty "$run list")
    pager_ran && fail "KEPT_PAGER=\"$none\" still ran a pager"
    case "$out" in *"Fix lo"*"rc=0"*) ;; *) fail "KEPT_PAGER=\"$none\": $out" ;; esac
done

# Never with --no-pager, a machine format, or a command that changes the ledger.
for args in "--no-pager list" "list --no-pager" "list --format json" "list --format csv" \
    "add Later --client acme --due 2026-12-24 --effort 1h -q" "check overdue"; do
    out=$(KEPT_PAGER=$PAGER_SCRIPT on_tty "$run $args")
    pager_ran && fail "the pager ran for kept $args"
    rm -f "$RAN"
done
case "$out" in *"overdue"*"rc=1"*) ;; *) fail "check on a terminal: $out" ;; esac

# A pager that cannot start: the table is printed directly, nothing else said.
out=$(KEPT_PAGER="$TEST_DIR/no-such-pager -x" on_tty "$run list")
case "$out" in *"Fix lo"*"rc=0"*) ;; *) fail "a missing pager lost the table: $out" ;; esac
case "$out" in *kept:*) fail "a missing pager gave an error: $out" ;; esac

# A pager quit before the end of a long table: no error, the command's exit code.
{
    echo "title,client,owner,due,effort"
    for i in $(seq 1 3000); do echo "Task number $i with a title,client$i,alice,2026-12-04,1h"; done
} >"$TEST_DIR/many.csv"
ok import --commitments "$TEST_DIR/many.csv"
out=$(KEPT_PAGER="head -c 100" on_tty "$run list")
case "$out" in *"rc=0"*) ;; *) fail "a pager quit early changed the exit code: $out" ;; esac
case "$out" in *kept:*) fail "a pager quit early gave an error: $out" ;; esac
case "$out" in *"Task number 3000"*) fail "head -c 100 showed the whole table" ;; esac
out=$(KEPT_PAGER="true" on_tty "$run report")
case "$out" in *"rc=0"*) ;; *) fail "a pager that reads nothing changed the exit code: $out" ;; esac
case "$out" in *kept:*) fail "a pager that reads nothing gave an error: $out" ;; esac

# An error after the pager started still says so and keeps its exit code.
out=$(KEPT_PAGER=$PAGER_SCRIPT on_tty "$run show 99999")
case "$out" in *"kept: no commitment #99999"*"rc=66"*) ;; *) fail "show 99999 paged: $out" ;; esac
rm -f "$RAN"

# A pager is a program and its arguments, split at blanks: no shell.
out=$(KEPT_PAGER="$PAGER_SCRIPT  -x   -y" on_tty "$run list")
pager_ran || fail "a pager with arguments did not run"
case "$out" in *"Fri 2026-11-20 !"*"rc=0"*) ;; *) fail "a pager with arguments: $out" ;; esac

finish
