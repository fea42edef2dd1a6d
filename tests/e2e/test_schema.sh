#!/usr/bin/env bash
# Schema evolution: the fixture ledgers in tests/fixtures/ stay readable by this kept; the first
# write upgrades an older ledger in one transaction, after a backup copy next to it; a failed
# upgrade leaves the ledger as it was; a newer schema is refused naming both versions.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

FIXTURES="${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}/tests/fixtures"
CURRENT=10

# fixture_copy [N]: $LEDGER becomes a fresh copy of tests/fixtures/ledger-vN.db (default 1).
fixture_copy() {
    LEDGER="$TEST_DIR/fixture.db"
    rm -rf "$LEDGER" "$LEDGER-wal" "$LEDGER-shm" "$LEDGER".v*.bak*
    cp "$FIXTURES/ledger-v${1:-1}.db" "$LEDGER"
    chmod 0600 "$LEDGER"
}

# expect_fixture_content: what tests/fixtures/make_fixture.sh wrote, through the read commands.
expect_fixture_content() {
    kept list --state all --format json
    expect_rc 0
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.id, .title, .owner, .state, .due]]')" \
        '[[2,"Fix login","bob","delivered","2026-11-13"],[1,"Export API","alice","delivered","2026-11-27"],[3,"Quarterly review ✓","carol","open","2026-11-30"],[4,"SSO for the portal","bob","open","2026-12-11"]]' \
        "fixture: list"
    kept show 1 --format json
    expect_rc 0
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.original_due, .effort_hours, .original_effort_hours, .scope, .tags, .closed, .renegotiations]')" \
        '["2026-11-20",20,16,["csv","json","xml"],["q4"],"2026-11-26",1]' "fixture: show 1"
    kept show 2 --format json
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.client_kind, .late_renegotiations]')" \
        '["internal",1]' "fixture: show 2"
    kept log --format json
    expect_rc 0
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | [.seq, .kind, .commitment_id]]')" \
        '[[1,"added",1],[2,"added",2],[3,"added",3],[4,"added",4],[5,"renegotiated",1],[6,"renegotiated",2],[7,"closed",2],[8,"closed",3],[9,"reopened",3],[10,"renegotiated",4],[11,"closed",1]]' \
        "fixture: log"
    kept verify
    expect_rc 0
    expect_out "ok: 11 events, hash chain intact, database sound"
}

# 1. Every fixture ever committed opens and verifies; read commands leave it as it was.
for fixture in "$FIXTURES"/ledger-v*.db; do
    version=${fixture##*/ledger-v}
    version=${version%.db}
    fixture_copy "$version"
    sum=$(md5sum <"$LEDGER")
    expect_fixture_content
    expect_eq "$(md5sum <"$LEDGER")" "$sum" "ledger-v$version.db after the read commands"
    expect_eq "$(q 'PRAGMA user_version')" "$version" "ledger-v$version.db: version after reads"
    expect_eq "$(ls "$TEST_DIR" | grep -c '\.bak$')" 0 "backups made by reads"
done

# 2. The first write upgrades schema 1 to the current one, after a backup copy.
fixture_copy 1
fixture_events=$(q 'SELECT uuid, hash FROM events ORDER BY seq' | md5sum)
ok add "after the upgrade" --client acme --due 2026-12-04 --effort 1h
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "version after the first write"
expect_eq "$(q "SELECT value FROM meta WHERE key = 'schema_version'")" "$CURRENT" "meta schema_version"
expect_eq "$(q "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name)")" \
    "commitments_open_delete,commitments_open_insert,commitments_open_update,commitments_tally_delete,commitments_tally_insert,commitments_tally_update,event_signatures_no_delete,event_signatures_no_update,events_no_delete,events_no_update,replica_keys_no_delete,replica_keys_no_update" \
    "triggers after the upgrade"
expect_eq "$(q 'SELECT count(*) FROM events')" 12 "events after the upgrade and the add"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_index_info('events_by_day')")" \
    "day,commitment_id" "the day index of schema 3"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_index_info('commitments_by_owner')")" \
    "owner,state,due,created,effort_minutes" "the owner index of schema 3"
expect_verified
BACKUP="$LEDGER.v1.bak"
[ -f "$BACKUP" ] || fail "no backup $BACKUP"
expect_eq "$(stat -c %a "$BACKUP")" 600 "mode of the backup"
expect_eq "$(sqlite3 "$BACKUP" 'PRAGMA user_version')" 1 "version of the backup"
expect_eq "$(sqlite3 "$BACKUP" 'PRAGMA integrity_check')" ok "integrity of the backup"
expect_eq "$(sqlite3 "$BACKUP" 'SELECT uuid, hash FROM events ORDER BY seq' | md5sum)" \
    "$fixture_events" "events in the backup"
backup_sum=$(md5sum <"$BACKUP")
ok add "second write" --client acme --due 2026-12-04 --effort 1h
expect_eq "$(md5sum <"$BACKUP")" "$backup_sum" "backup after a second write"
# The backup is a complete ledger of its own.
kept_raw --ledger "$BACKUP" verify
expect_rc 0
expect_out "ok: 11 events, hash chain intact, database sound"

# Schema 2 upgrades the same way: its backup, then the wider day index; the events untouched.
fixture_copy 2
fixture_events=$(q 'SELECT uuid, hash FROM events ORDER BY seq' | md5sum)
ok add "after the upgrade" --client acme --due 2026-12-04 --effort 1h
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema 2: version after the first write"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_index_info('events_by_day')")" \
    "day,commitment_id" "schema 2: the day index after the upgrade"
expect_eq "$(sqlite3 "$LEDGER.v2.bak" 'PRAGMA user_version')" 2 "schema 2: version of the backup"
expect_eq "$(sqlite3 "$LEDGER.v2.bak" 'SELECT uuid, hash FROM events ORDER BY seq' | md5sum)" \
    "$fixture_events" "schema 2: events in the backup"
expect_verified

# Schema 3 upgrades to 4: reliability tallied from the commitments it holds, and the partial
# indexes of delivered commitments and late renegotiations. The report reads the tallies then,
# and says what it said before the upgrade.
fixture_copy 3
KEPT_TODAY=2026-11-30 kept report --format json
report_before=$OUT
ok rebuild
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema 3: version after the first write"
expect_eq "$(q "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %' ORDER BY name)")" \
    "commitments_delivered,commitments_open,events_late" "schema 4: the partial indexes"
expect_eq "$(q "SELECT group_concat(owner || ':' || client || ':' || commitments || ':' || delivered || ':' || dropped || ':' || on_time_first || ':' || on_time_last || ':' || slip_days || ':' || late_days || ':' || renegotiations || ':' || late_renegotiations, ' ') FROM (SELECT * FROM reliability_counts ORDER BY owner, client)")" \
    "alice:acme:1:1:0:0:1:6:0:1:0 bob:acme:1:0:0:0:0:0:0:1:0 bob:billing:1:1:0:0:1:6:0:1:1 carol:board:1:0:0:0:0:0:0:0:0" \
    "schema 4: the tallies of the fixture"
expect_eq "$(q "SELECT group_concat(owner || ':' || due || ':' || effort_minutes || ':' || commitments || ':' || latest_created, ' ') FROM (SELECT * FROM open_work ORDER BY owner, due)")" \
    "bob:2026-12-11:2400:1:2026-11-04 carol:2026-11-30:90:1:2026-11-03" "schema 4: the open work of the fixture"
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$OUT" "$report_before" "schema 4: the report from the tallies"
expect_verified

# Schema 4 upgrades to 5: commitments gain spent_minutes (close --spent) and the delivered
# index carries it; existing rows have none, and the report says what it said before.
fixture_copy 4
KEPT_TODAY=2026-11-30 kept report --format json
report_before=$OUT
ok rebuild
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema 4: version after the first write"
expect_eq "$(q "SELECT count(*) FROM commitments WHERE spent_minutes IS NOT NULL")" 0 \
    "schema 5: no spent effort in the old rows"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_index_info('commitments_delivered')")" \
    "owner,created,original_due,closed,effort_minutes,original_effort_minutes,spent_minutes" \
    "schema 5: the delivered index"
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$OUT" "$report_before" "schema 5: the report after the upgrade"
KEPT_TODAY=2026-11-30 ok reopen 1 --reason "one more look"
KEPT_TODAY=2026-11-30 ok close 1 --delivered --spent 30h
expect_eq "$(q "SELECT spent_minutes FROM commitments WHERE id = 1")" 1800 "schema 5: spent recorded"
ok rebuild
expect_eq "$(q "SELECT spent_minutes FROM commitments WHERE id = 1")" 1800 "schema 5: spent replayed"

# Schema 5 upgrades to 6: an empty replica_files table (what sync has read of each replica
# file); the report says what it said before, and verify passes.
fixture_copy 5
KEPT_TODAY=2026-11-30 kept report --format json
report_before=$OUT
ok rebuild
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema 5: version after the first write"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_table_info('replica_files')")" \
    "origin,resume_part,resume_offset,resume_line,last_uuid,last_hash,last_clock,problem_part,problem_line,problem" \
    "schema 6: the replica_files table"
expect_eq "$(q "SELECT count(*) FROM replica_files")" 0 "schema 6: nothing read yet"
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$OUT" "$report_before" "schema 6: the report after the upgrade"
expect_verified

# Schema 6 upgrades to 7: the four upsert triggers of the derived tables in their frozen wording
# (a fixture made at schema 6 already has it; the schema 4 and 5 fixtures do not); the report
# says what it said before, and the tallies still count what they counted.
for version in 5 6; do
    fixture_copy "$version"
    KEPT_TODAY=2026-11-30 kept report --format json
    report_before=$OUT
    tallies_before=$(q "SELECT * FROM reliability_counts ORDER BY 1, 2, 3")
    ok rebuild
    expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema $version: version after the first write"
    expect_eq "$(q "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
                    AND sql LIKE '%commitments = commitments + excluded.commitments%'")" 4 \
        "schema $version: the upsert triggers' frozen wording"
    expect_eq "$(q "SELECT * FROM reliability_counts ORDER BY 1, 2, 3")" "$tallies_before" \
        "schema $version: the tallies after the upgrade"
    KEPT_TODAY=2026-11-30 kept report --format json
    expect_eq "$OUT" "$report_before" "schema $version: the report after the upgrade"
    expect_verified
done
expect_verified

# Schema 7 upgrades to 8: empty event_signatures and replica_keys tables (the replicas' keys and
# their events' signatures, which sync fills); the report says what it said before.
fixture_copy 7
KEPT_TODAY=2026-11-30 kept report --format json
report_before=$OUT
ok rebuild
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "schema 7: version after the first write"
expect_eq "$(q "SELECT group_concat(name) FROM pragma_table_info('replica_keys')")" \
    "origin,since_seq,public_key" "schema 8: the replica_keys table"
expect_eq "$(q "SELECT count(*) FROM event_signatures")" 0 "schema 8: nothing signed yet"
KEPT_TODAY=2026-11-30 kept report --format json
expect_eq "$OUT" "$report_before" "schema 8: the report after the upgrade"
expect_verified

# 3. An upgrade that fails midway (the second of its two triggers already exists) is rolled back.
fixture_copy 1
sqlite3 "$LEDGER" "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END"
kept add "never" --client acme --due 2026-12-04 --effort 1h
expect_rc 74
expect_err "kept: $LEDGER: cannot upgrade the ledger from schema 1 to $CURRENT (trigger events_no_delete already exists); it was left unchanged"
expect_eq "$(q 'PRAGMA user_version')" 1 "version after the failed upgrade"
expect_eq "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'events_no_update'")" 0 \
    "first trigger rolled back"
expect_eq "$(q 'SELECT count(*) FROM events')" 11 "events after the failed upgrade"
[ ! -e "$LEDGER.v1.bak" ] || fail "a failed upgrade left its backup"
expect_verified

# 4. A backup that cannot be written stops the upgrade before it starts.
fixture_copy 1
mkdir "$LEDGER.v1.bak"
kept add "never" --client acme --due 2026-12-04 --effort 1h
expect_rc 74
expect_err "kept: cannot create the backup $LEDGER.v1.bak: Is a directory"
expect_eq "$(q 'PRAGMA user_version')" 1 "version when the backup failed"
[ -d "$LEDGER.v1.bak" ] || fail "the directory in the backup's place was removed"
rmdir "$LEDGER.v1.bak"

# 5. Writers racing to upgrade the same ledger: one upgrades, all of them write.
fixture_copy 1
for w in 1 2 3 4; do
    "$KEPT" --ledger "$LEDGER" add "racer $w" --client acme --due 2026-12-04 --effort 1h \
        >/dev/null 2>"$TEST_DIR/racer$w.err" &
done
wait
expect_eq "$(cat "$TEST_DIR"/racer*.err)" "" "stderr of the racing writers"
expect_eq "$(q 'SELECT count(*) FROM events')" 15 "events after the race"
expect_eq "$(q 'PRAGMA user_version')" "$CURRENT" "version after the race"
expect_eq "$(sqlite3 "$LEDGER.v1.bak" 'SELECT count(*) FROM events')" 11 "the backup holds schema 1"
expect_verified

# 6. A ledger from a newer kept is refused by every command, naming both versions.
fixture_copy 1
sqlite3 "$LEDGER" 'PRAGMA user_version = 99'
sum=$(md5sum <"$LEDGER")
for args in "list" "show 1" "log" "verify" "add t --client c --due 2026-12-04 --effort 1h"; do
    # shellcheck disable=SC2086 # each string is the argument list of one command
    kept $args
    expect_rc 78
    expect_err "kept: $LEDGER: ledger schema 99 is newer than this kept supports ($CURRENT); upgrade kept to use it"
done
expect_eq "$(md5sum <"$LEDGER")" "$sum" "the newer ledger after the refusals"
finish
