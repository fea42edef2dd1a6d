#!/usr/bin/env bash
# kept backup FILE: a consistent copy of the ledger while writers run, mode 0600 whatever the
# umask, written whole or not at all, verified before it reports success; it refuses to
# overwrite without --force and refuses the ledger itself. A restored copy is the ledger.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

command -v sqlite3 >/dev/null || { echo "skipped: needs sqlite3 (.ci/install-deps installs it)"; exit 77; }

# no_partials: the directory holds no half-written backup.
no_partials() {
    local left
    left=$(find "$TEST_DIR" -name '.*.kept-backup-*' | wc -l)
    expect_eq "$left" 0 "partial backups left behind"
}

ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
ok add "Fix login" --client billing --owner bob --due 2026-11-27 --effort 6h
ok renegotiate 1 --due 2026-12-11 --reason "client asked for SSO first"

# 1. A copy, verified, 0600 even under umask 000, with the ledger's content.
(umask 000 && "$KEPT" --ledger "$LEDGER" backup copy.db >out.txt 2>err.txt)
expect_eq "$(cat out.txt)" "backed up 3 events to copy.db; the copy verifies" "backup's line"
expect_eq "$(cat err.txt)" "" "backup's stderr"
expect_eq "$(stat -c %a copy.db)" 600 "mode of the copy"
kept_raw --ledger copy.db verify
expect_rc 0
expect_out "ok: 3 events, hash chain intact, database sound"
kept list --format json
original=$OUT
kept_raw --ledger copy.db list --format json
expect_eq "$OUT" "$original" "the copy lists what the ledger lists"
no_partials

# 2. It refuses to overwrite without --force, and leaves the old file as it was.
ok add "Third" --client acme --owner alice --due 2026-12-18 --effort 1h
before=$(sha256sum copy.db)
kept backup copy.db
expect_rc 73
expect_err "kept: copy.db exists; --force replaces it"
expect_out ""
expect_eq "$(sha256sum copy.db)" "$before" "copy.db after a refused backup"
kept backup copy.db --force
expect_rc 0
expect_out "backed up 4 events to copy.db; the copy verifies"
no_partials

# 3. Targets it refuses, writing nothing.
kept backup "$LEDGER" --force
expect_rc 65
expect_err "kept: FILE: $LEDGER is the ledger itself; name another file"
kept backup "$LEDGER-wal" --force
expect_rc 65
mkdir adir
kept backup adir
expect_rc 73
expect_err "kept: cannot write adir: it is a directory; name a file"
kept backup missing/dir/copy.db
expect_rc 73
expect_err "kept: cannot create missing/dir/copy.db: No such file or directory"
kept_raw --ledger "$TEST_DIR/nothing.db" backup fresh.db
expect_rc 66
[ ! -e fresh.db ] && [ ! -e "$TEST_DIR/nothing.db" ] || fail "a backup of no ledger wrote a file"
no_partials

# 4. A ledger that does not verify is not backed up: exit 1, no file.
cp "$LEDGER" bad.db
sqlite3 bad.db "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload,
    'Fix login', 'Fix logout') WHERE seq = 2;"
kept_raw --ledger bad.db backup bad-copy.db
expect_rc 1
expect_err_has "hash chain broken at event seq 2"
[ ! -e bad-copy.db ] || fail "a ledger that does not verify was backed up"
no_partials

# 5. While four writers add, every backup is one consistent state: it verifies, and holds
# between the events before and after it.
writer() {
    local i
    for ((i = 1; i <= 40; i++)); do
        "$KEPT" --ledger "$LEDGER" add "w$1 item $i" --client acme --owner "w$1" \
            --due 2027-03-01 --effort 1h -q >/dev/null 2>&1 || echo "writer $1: add $i failed"
    done
}
start=$(event_count)
pids=()
for w in 1 2 3 4; do
    writer "$w" >"writer-$w.log" &
    pids+=($!)
done
copies=0
while [ "$copies" -lt 12 ]; do
    copies=$((copies + 1))
    low=$(event_count)
    kept backup "during-$copies.db"
    expect_rc 0
    high=$(event_count)
    kept_raw --ledger "during-$copies.db" verify
    expect_rc 0
    n=$(sqlite3 "during-$copies.db" "SELECT count(*) FROM events")
    ((n >= low && n <= high)) || fail "backup $copies holds $n events, outside $low..$high"
    expect_eq "$(stat -c %a "during-$copies.db")" 600 "mode of backup $copies"
done
wait "${pids[@]}"
expect_eq "$(cat writer-*.log)" "" "writers' failures"
kept backup after.db
expect_rc 0
expect_out "backed up $((start + 160)) events to after.db; the copy verifies"
no_partials

# 6. Restore: with no kept running, copy the backup back over the ledger.
cp after.db "$LEDGER"
kept verify
expect_rc 0
expect_out "ok: $((start + 160)) events, hash chain intact, database sound"

finish
