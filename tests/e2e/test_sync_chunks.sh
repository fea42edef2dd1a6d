#!/usr/bin/env bash
# A replica's history is split in chunks of 1000 events (events/<origin>/NNNNNN.ndjson): a sync
# appends to the last chunk and starts the next when it is full, so a commit changes one small
# file however long the history. A history in one file as earlier versions wrote it
# (events/<origin>.ndjson) is read first and continued in chunks.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b c

# rows N FIRST: a CSV of N commitments numbered from FIRST.
rows() {
    echo "title,client,owner,due,effort"
    seq "$2" $(($2 + $1 - 1)) | sed 's/.*/"Item &",acme,alice,2026-12-04,1h/'
}
lines_of() { wc -l < "$1" | tr -d ' '; }

# A git that logs each push's and fetch's arguments: a push of whole chunk files asks for no
# delta search (pack.window=0: deltas between chunks save nothing, and the search held 130 MiB
# at 1M events), and every git, the one serving a remote on this machine too, maps packs in
# bounded windows (unbounded, a checkout of 1M events mapped the 215 MiB pack whole).
mkdir -p "$TEST_DIR/bin"
printf '#!/bin/sh\ncase " $* " in *" push "*) echo "$*" >> "%s/pushes" ;; *" fetch "*) echo "$*" >> "%s/fetches" ;; esac\nexec %s "$@"\n' \
    "$TEST_DIR" "$TEST_DIR" "$(command -v git)" > "$TEST_DIR/bin/git"
chmod +x "$TEST_DIR/bin/git"
last_push() { tail -n 1 "$TEST_DIR/pushes"; }

# More events than one import batch (5000): a first sync imports them in several.
rows 5500 1 > first.csv
a import --commitments first.csv -q
PATH="$TEST_DIR/bin:$PATH" a sync --remote "$TEST_DIR/remote.git"
expect_rc 0
case "$(last_push)" in *"-c core.packedGitLimit=64m "*"-c pack.window=0 push "*) ;; *) fail "the first sync's push: $(last_push)" ;; esac
expect_out "synced: 0 new event(s) imported, 5500 pushed; this replica signs its events with key $(key_of a)"
mine="a.db.sync/events/$(uuid_of a)"
expect_eq "$(ls "$mine" | tr '\n' ' ')" "000001.ndjson 000002.ndjson 000003.ndjson 000004.ndjson 000005.ndjson 000006.ndjson " "a's chunks"
expect_eq "$(lines_of "$mine/000001.ndjson")" 1000 "lines in chunk 1"
expect_eq "$(lines_of "$mine/000006.ndjson")" 500 "lines in chunk 6"
PATH="$TEST_DIR/bin:$PATH" b sync --remote "$TEST_DIR/remote.git"
expect_out "synced: 5500 new event(s) imported, 0 pushed"
case "$(tail -n 1 "$TEST_DIR/fetches")" in
*"--upload-pack=git -c core.packedGitWindowSize=16m -c core.packedGitLimit=64m upload-pack"*) ;;
*) fail "b's fetch: $(tail -n 1 "$TEST_DIR/fetches")" ;;
esac
expect_eq "$(sqlite3 b.db "SELECT resume_part || ':' || resume_line FROM replica_files")" "6:500" \
    "b's record of a's files"

# One more event changes only the last chunk.
add a "one more"
PATH="$TEST_DIR/bin:$PATH" a sync
expect_rc 0
expect_eq "$(wc -l < "$TEST_DIR/pushes" | tr -d ' ')" 2 "pushes"
case "$(last_push)" in *pack.window*) fail "one event's push asks for no deltas: $(last_push)" ;; esac
expect_eq "$(git -C a.db.sync show --name-only --format= HEAD)" "events/$(uuid_of a)/000006.ndjson" \
    "files of the last commit"
expect_eq "$(lines_of "$mine/000006.ndjson")" 501 "lines in chunk 6 after one more"

# Filling the last chunk starts the next.
rows 500 2000 > second.csv
a import --commitments second.csv -q
a sync
expect_rc 0
expect_eq "$(lines_of "$mine/000006.ndjson")" 1000 "chunk 6 full"
expect_eq "$(lines_of "$mine/000007.ndjson")" 1 "chunk 7 begun"
b sync
expect_out "synced: 501 new event(s) imported, 0 pushed"
b verify
expect_rc 0

# A replica whose history is one file, as earlier versions wrote it: read, then continued.
add c "c one"
add c "c two"
c sync --remote "$TEST_DIR/remote.git"
rm -rf old && git clone -q -b main remote.git old
(
    cd old || exit 1
    git mv "events/$(uuid_of c)/000001.ndjson" "events/$(uuid_of c).ndjson"
    git -c user.name=o -c user.email=o@o commit -qm "as an earlier version wrote it"
    git push -q origin HEAD:main
) || fail "could not push the old layout"
b sync
expect_rc 0
add c "c three"
c sync
expect_rc 0
expect_eq "$(lines_of "c.db.sync/events/$(uuid_of c).ndjson")" 2 "c's old file is left as it is"
expect_eq "$(lines_of "c.db.sync/events/$(uuid_of c)/000001.ndjson")" 1 "c continues in chunk 1"
for r in a b c; do
    "$r" sync
    expect_rc 0
    "$r" verify
    expect_rc 0
    expect_out_has "2 replica file(s) intact"
    sqlite3 "$r.db" "SELECT uuid FROM events ORDER BY uuid" > "$r.events"
done
expect_eq "$(wc -l < a.events)" 6004 "events on a"
cmp -s a.events b.events || fail "a and b hold different events"
cmp -s a.events c.events || fail "a and c hold different events"

# A new replica's first sync merges the histories in replay order: a's change to c's commitment
# comes after c's add, from another replica's files.
id=$(sqlite3 a.db "SELECT id FROM commitments WHERE title = 'c one'")
a renegotiate "$id" --due 2026-12-11 --reason "moved"
a sync
LEDGER="$TEST_DIR/d.db" kept sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_out "synced: 6005 new event(s) imported, 0 pushed"
expect_eq "$(sqlite3 d.db "SELECT due FROM commitments WHERE title = 'c one'")" 2026-12-11 \
    "c one on the new replica"

finish
