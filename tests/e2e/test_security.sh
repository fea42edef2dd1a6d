#!/usr/bin/env bash
# Security: SQL stays parameterised (an injection string in every stored text comes back intact),
# kept creates its ledger 0600 and its directories 0700, a config cannot make kept write anywhere
# but the ledger it names (and that ledger's -wal/-shm), and no command line reaches a shell.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

# 1. Injection strings in every text a command stores, and in every filter.
evil="'); DROP TABLE events;--"
evil2="\"); DELETE FROM commitments WHERE (1=1 OR \"x\"=\"x"
ok --as "$evil" add "$evil" --client "$evil" --owner "$evil" --scope "$evil" --tag "$evil" \
    --due 2026-12-04 --effort 2d
ok --as "$evil2" renegotiate 1 --owner "$evil2" --add-scope "$evil2" --drop-scope "$evil" \
    --reason "$evil"
ok close 1 --dropped --reason "$evil2"
ok reopen 1 --reason "$evil"
kept show 1 --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.title, .client, .owner, .scope, .tags]')" \
    "$(jq -nc --arg e "$evil" --arg f "$evil2" '[$e, $e, $f, [$f], [$e]]')" "show after injection"
kept log 1 --format json
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.actor, .reason]]')" \
    "$(jq -nc --arg e "$evil" --arg f "$evil2" '[[$e, null], [$f, $e], ["tester", $f], ["tester", $e]]')" \
    "actors and reasons in the log"
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].payload.title')" "$evil" "title in the added event"
for filter in "--owner" "--client" "--tag"; do
    value=$evil
    [ "$filter" = --owner ] && value=$evil2
    kept list --state all "$filter" "$value" --format json
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" "[1]" "list $filter with an injection string"
done
kept list --state all --owner "x' OR '1'='1" --format json
expect_out "[]"
expect_eq "$(q "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")" \
    "meta,events,commitments,reliability_counts,open_work,replica_files,event_signatures,replica_keys" "tables after the injection attempts"
expect_verified

# 2. Modes: with no config and no --ledger, kept creates $XDG_DATA_HOME/kept/default.db; every
# directory it creates is 0700 and the ledger and its -wal/-shm 0600, whatever the umask. (At
# rest the -wal and -shm are gone; they are looked at while another process holds the ledger.)
(
    umask 000
    "$KEPT" add "default ledger" --client c --due 2026-12-04 --effort 1h >/dev/null
) || fail "add on the default ledger failed"
expect_eq "$(stat -c %a "$XDG_DATA_HOME" "$XDG_DATA_HOME/kept")" "700
700" "modes of the directories kept created"
expect_eq "$(ls "$XDG_DATA_HOME/kept")" "default.db" "files beside the ledger at rest"
saved_umask=$(umask)
umask 000
hold_open "$XDG_DATA_HOME/kept/default.db"
"$KEPT" add "while held" --client c --due 2026-12-04 --effort 1h >/dev/null ||
    fail "add while the ledger is held open failed"
for file in default.db default.db-wal default.db-shm; do
    expect_eq "$(stat -c %a "$XDG_DATA_HOME/kept/$file")" 600 "mode of $file"
done
release_hold
umask "$saved_umask"
# A directory that already exists keeps its mode: kept does not chmod what it did not create.
# (An explicit --ledger in a missing directory is refused, test_ledger_paths.sh: the nested path
# is the default location's, under a new XDG_DATA_HOME.)
mkdir -m 0755 "$TEST_DIR/shared"
(
    umask 000
    cd "$HOME" &&
        XDG_DATA_HOME="$TEST_DIR/shared/deep" "$KEPT" add t --client c --due 2026-12-04 \
            --effort 1h >/dev/null
) || fail "add on a new nested ledger failed"
expect_eq "$(stat -c %a "$TEST_DIR/shared" "$TEST_DIR/shared/deep" "$TEST_DIR/shared/deep/kept" \
    "$TEST_DIR/shared/deep/kept/default.db")" \
    "755
700
700
600" "modes along a new nested ledger path"

# 3. A config decides only which file is the ledger. Everything kept writes is that file, its
# -wal and -shm, and the directories leading to it.
mkdir -p project/sub elsewhere
cat >project/kept.toml <<'EOF'
[team]
name = "platform"
ledger = "../elsewhere/books/team.db"
EOF
tree() { find "$TEST_DIR" -path "$TEST_DIR/.stderr" -prune -o -print | sort; }
before=$(tree)
(cd project/sub && "$KEPT" add t --client c --due 2026-12-04 --effort 1h >/dev/null) ||
    fail "add with the project config failed"
expect_eq "$(comm -13 <(echo "$before") <(tree))" "$TEST_DIR/elsewhere/books
$TEST_DIR/elsewhere/books/team.db" "files a write created (the -wal and -shm are gone at rest)"
# Read commands create nothing at all.
before=$(tree)
for args in "list" "log" "show 1" "verify" "config"; do
    # shellcheck disable=SC2086 # each string is the argument list of one command
    (cd project/sub && "$KEPT" $args >/dev/null) || fail "kept $args failed"
done
expect_eq "$(comm -13 <(echo "$before") <(tree))" "" "files the read commands created"
# A config naming a file that is not a ledger: refused, and the file and its directory untouched.
printf 'precious\n' >elsewhere/precious.txt
printf '[team]\nledger = "../elsewhere/precious.txt"\n' >project/kept.toml
before=$(tree)
(cd project && "$KEPT" add t --client c --due 2026-12-04 --effort 1h >/dev/null 2>&1)
expect_eq "$?" 74 "exit of add on a config naming a text file"
expect_eq "$(cat elsewhere/precious.txt)" "precious" "the text file named as ledger"
expect_eq "$(comm -13 <(echo "$before") <(tree))" "" "files created beside the text file"

# 4. No shell: the sources never call system(), popen(), wordexp() or name a shell; running a
# program (git, for sync, and the pager of a table on a terminal, each with an argument vector)
# may happen only in the files that do sync and the pager.
src=${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}
# (The completion generator names the shells it writes scripts for: text, not a command it runs.)
shell=$(grep -rnE '\b(system|popen|wordexp)[[:space:]]*\(|"(/bin/|/usr/bin/)?(ba|da)?sh"|\bsh -c\b' \
    --exclude='completions.cpp' "$src/src" "$src/include" || true)
expect_eq "$shell" "" "calls that would hand a command line to a shell"
spawn=$(grep -rlE '\b(exec[lv]p?e?|posix_spawnp?|fork|vfork)[[:space:]]*\(' "$src/src" \
    "$src/include" | grep -vE '/(sync|git|pager)[^/]*\.cpp$' || true)
expect_eq "$spawn" "" "files outside sync that start programs"
finish
