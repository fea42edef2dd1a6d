#!/usr/bin/env bash
# Concurrent edits of one commitment on two replicas: sync merges them field by field (the later
# in replay order wins, tags added on both sides survive), both replicas end with the same state,
# the report flags the conflict, and verify and rebuild agree.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b

sync_ok() { "$1" sync "${@:2}"; [ "$RC" = 0 ] || fail "$1 sync exited $RC: $ERR"; }

a add "Expot API" --client acem --owner alice --due 2026-12-04 --effort 8h --tag q4 -q
sync_ok a --remote "$TEST_DIR/remote.git"
sync_ok b --remote "$TEST_DIR/remote.git"

# Both correct the title before seeing each other's edit; a also the client, b the tags.
export KEPT_TODAY=2026-11-25 KEPT_NOW=2026-11-25T09:00:00Z
a edit 1 --title "Export API" --client acme --tag urgent --reason "a: typos"
expect_rc 0
b edit 1 --title "Export API v2" --tag sso --untag q4 --reason "b: the new name"
expect_rc 0
sync_ok a
sync_ok b
sync_ok a

# Both edits have clock 2: the one whose origin sorts last is applied last and wins the title.
if [[ "$(uuid_of a)" > "$(uuid_of b)" ]]; then title="Export API"; else title="Export API v2"; fi
for r in a b; do
    "$r" show 1 --format json
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.title, .client, (.tags | sort)]')" \
        "[\"$title\",\"acme\",[\"sso\",\"urgent\"]]" "merged edits on $r"
    "$r" report --format json
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | select(.kind == "conflict") | .commitments]')" \
        '[[1]]' "conflict flag on $r"
    "$r" verify --full
    expect_rc 0
    "$r" list --state all --format json
    state=$OUT
    "$r" rebuild
    expect_rc 0
    "$r" list --state all --format json
    expect_eq "$OUT" "$state" "rebuild keeps the merged state on $r"
done
a check conflict
expect_rc 1
expect_out_has "changed concurrently on 2 replicas by tester, tester"

# An edit made after seeing the other's is no conflict.
b edit 1 --title "Export API (final)" --reason "settled"
sync_ok b
sync_ok a
a show 1 --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .title)" "Export API (final)" "a sequential edit wins on a"
a report --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.flags[] | select(.kind == "conflict")] | length')" 1 \
    "the sequential edit adds no conflict"

finish
