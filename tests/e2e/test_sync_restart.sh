#!/usr/bin/env bash
# A sync can be killed at any point and the next one converges without a person: a git wrapper
# on PATH kills kept (and git) at git step N, for every N, before the step and after it; then
# the states a kill leaves in the working copy are made by hand (locks, a rebase in progress,
# uncommitted and partly written files, a detached HEAD). Each time the next sync exits 0, both
# replicas hold the same events and verify passes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b
command -v setsid >/dev/null || { echo "setsid (util-linux) is not installed: skipping"; exit 77; }


# The wrapper counts git runs in $TEST_DIR/steps; at step $KILL_AT it kills kept's whole process
# group (as Ctrl-C does) before running git ("before"), after it ("after"), or while git runs
# ("during": git started, then killed with kept a moment later). The remote stands for another
# machine: the git that serves it on this one runs in a session of its own, so the kill stops
# the client mid-step but not the server (which, seeing its client gone, removes its own locks).
real_git=$(command -v git)
mkdir -p bin
cat > bin/git <<WRAPPER
#!/usr/bin/env bash
n=\$(( \$(cat "$TEST_DIR/steps" 2>/dev/null || echo 0) + 1 ))
echo "\$n" > "$TEST_DIR/steps"
if [ "\$n" != "\${KILL_AT:-0}" ]; then exec "$real_git" "\$@"; fi
group=\$(ps -o pgid= \$\$ | tr -d ' ')
case "\$KILL_MODE" in
before) kill -9 -- "-\$group" ;;
after) "$real_git" "\$@"; kill -9 -- "-\$group" ;;
during) setsid "$real_git" "\$@" & sleep 0.02; kill -9 "\$!"; kill -9 -- "-\$group" ;;
esac
WRAPPER
chmod +x bin/git

# killed_sync N MODE: a's sync through the wrapper, killed at step N.
killed_sync() {
    rm -f steps
    # In the background and waited for: bash reports no "Killed" line for it.
    KILL_AT=$1 KILL_MODE=$2 PATH="$TEST_DIR/bin:$PATH" setsid "$KEPT" --ledger a.db sync \
        >/dev/null 2>&1 &
    wait $! 2>/dev/null
}

# converges WHAT [ARGS]: the next syncs of a (with ARGS) and b succeed and leave them identical
# and verified.
converges() {
    a sync "${@:2}"
    [ "$RC" = 0 ] || fail "$1: the next sync of a exited $RC: $ERR"
    b sync
    [ "$RC" = 0 ] || fail "$1: the sync of b exited $RC: $ERR"
    for r in a b; do
        sqlite3 "$r.db" "SELECT uuid FROM events ORDER BY uuid" > "$r.events"
        "$r" verify
        [ "$RC" = 0 ] || fail "$1: verify of $r exited $RC: $ERR"
    done
    cmp -s a.events b.events || fail "$1: a and b hold different events"
}

add a "First"
a sync --remote "$TEST_DIR/remote.git"
b sync --remote "$TEST_DIR/remote.git"

# How many git steps one sync with something to import and to push takes.
add b "Counted"
b sync
add a "Counting"
rm -f steps
PATH="$TEST_DIR/bin:$PATH" a sync
expect_rc 0
steps=$(cat steps)
[ "$steps" -ge 8 ] || fail "a sync ran only $steps git steps"

kills=0
for mode in before after during; do
    for n in $(seq 1 "$steps"); do
        add b "b $mode $n"
        b sync
        add a "a $mode $n"
        killed_sync "$n" "$mode"
        kills=$((kills + 1))
        converges "killed $mode git step $n"
    done
done
expect_eq "$(wc -l < a.events)" $((3 + 2 * kills)) "events after $kills killed syncs"

# The states a kill leaves, made by hand.
copy=a.db.sync
mine="events/$(uuid_of a)/000001.ndjson" # inside the copy
ours="$copy/$mine"

add a "Stale locks"
touch "$copy/.git/index.lock" "$copy/.git/HEAD.lock" "$copy/.git/refs/heads/main.lock"
converges "stale git locks"

# A lock a killed server left in the remote is not the client's to remove: after a few attempts
# the sync says which file it is, and once a person removes it the next sync pushes.
add a "Remote lock"
touch "$TEST_DIR/remote.git/refs/heads/main.lock"
a sync
expect_rc 74
expect_err_has "remote's lock file $TEST_DIR/remote.git/./refs/heads/main.lock stayed through 4 attempts"
rm "$TEST_DIR/remote.git/refs/heads/main.lock"
converges "a lock left in the remote"

add a "Partial line"
printf '{"uuid": "truncated' >> "$ours"
converges "a partly written line"

add a "Uncommitted"
echo '{"junk": 1}' >> "$ours"
(cd "$copy" && git add -A) >/dev/null 2>&1
converges "staged but uncommitted changes"

add a "Stray file"
echo 'half' > "$copy/events/00000000-0000-4000-8000-000000000000.ndjson"
converges "an untracked, partly written file"

add a "Detached"
(cd "$copy" && git checkout -q --detach HEAD~1) || fail "could not detach HEAD"
converges "a detached HEAD"

# A rebase stopped on a conflict, as a killed rebase of an older kept left it.
add a "Rebase"
(
    cd "$copy" || exit 1
    git checkout -q -b side HEAD~1 && echo x >> "$mine" &&
        git -c user.name=t -c user.email=t@t commit -q -am side &&
        git checkout -q main && echo y >> "$mine" &&
        git -c user.name=t -c user.email=t@t commit -q -am main &&
        git -c user.name=t -c user.email=t@t rebase -q side
) >/dev/null 2>&1
[ -d "$copy/.git/rebase-merge" ] || [ -d "$copy/.git/rebase-apply" ] || fail "no rebase in progress"
converges "a rebase in progress"

add a "Unpushed commit"
(cd "$copy" && echo '{"junk": 2}' >> "$mine" &&
    git -c user.name=t -c user.email=t@t commit -q -am junk) >/dev/null 2>&1
converges "a local commit the remote lacks"

add a "Broken repository"
rm -f "$copy/.git/HEAD"
converges "a working copy whose .git lost its HEAD"

add a "No repository"
rm -rf "$copy"
converges "no working copy at all" --remote "$TEST_DIR/remote.git"

finish
