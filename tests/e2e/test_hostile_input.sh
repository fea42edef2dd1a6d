#!/usr/bin/env bash
# Hostile input: huge titles, NUL bytes, invalid UTF-8, a config with every key of the wrong type,
# ids past 2^63, ledgers that are not SQLite or are truncated, an empty config. Each is refused with
# one line on stderr and the right exit code, and nothing is written (or, for the huge title,
# stored intact).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

ok add "first" --client acme --owner alice --due 2026-12-04 --effort 2d
ok add "second" --client acme --owner bob --due 2026-12-04 --effort 1h

# 1. The longest title argv can carry (Linux caps one argument at 128 KiB) is stored intact.
# (Longer text cannot reach kept through argv at all: execve refuses it with E2BIG.)
title=$(head -c 131071 /dev/zero | tr '\0' 'x')
ok add "$title" --client acme --due 2026-12-04 --effort 1h -q
id=$OUT
kept show "$id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -j .title | md5sum)" "$(printf '%s' "$title" | md5sum)" \
    "128 KiB title round trip"
kept log "$id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -j '.[0].payload.title' | md5sum)" \
    "$(printf '%s' "$title" | md5sum)" "128 KiB title in the event"

# A 1 MB title can only arrive through import (on a line of at most 1 MiB), and is stored intact.
big=$(head -c 1048000 /dev/zero | tr '\0' 'y')
printf '{"title":"%s","client":"acme","due":"2026-12-04","effort":"1h"}\n' "$big" \
    >"$TEST_DIR/big.ndjson"
ok import --commitments "$TEST_DIR/big.ndjson" -q
id=$OUT
kept show "$id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -j .title | md5sum)" "$(printf '%s' "$big" | md5sum)" \
    "1 MB title through import"

# 2. Invalid UTF-8 in every text a write stores: 65 naming the field, nothing written.
bad=$'caf\xe9'
rejects 65 "title: the text is not valid UTF-8" add "$bad" --client c --due 2026-12-04 --effort 1h
rejects 65 "--client: the text is not valid UTF-8" add t --client "$bad" --due 2026-12-04 --effort 1h
rejects 65 "--owner: the text is not valid UTF-8" \
    add t --client c --owner "$bad" --due 2026-12-04 --effort 1h
rejects 65 "--scope: the text is not valid UTF-8" \
    add t --client c --scope "$bad" --due 2026-12-04 --effort 1h
rejects 65 "--tag: the text is not valid UTF-8" \
    add t --client c --tag "$bad" --due 2026-12-04 --effort 1h
rejects 65 "--reason: the text is not valid UTF-8" renegotiate 1 --due 2026-12-09 --reason "$bad"
rejects 65 "--add-scope: the text is not valid UTF-8" \
    renegotiate 1 --add-scope "$bad" --reason r
rejects 65 "--owner: the text is not valid UTF-8" renegotiate 1 --owner "$bad" --reason r
rejects 65 "--reason: the text is not valid UTF-8" close 1 --delivered --reason "$bad"
rejects 65 "--as: the text is not valid UTF-8" --as "$bad" close 1 --delivered
before=$(event_count)
OUT=$(KEPT_USER="$bad" "$KEPT" --ledger "$LEDGER" close 1 --delivered 2>&1)
expect_eq "$?|$OUT" "65|kept: KEPT_USER: the text is not valid UTF-8" "invalid UTF-8 in KEPT_USER"
expect_eq "$(event_count)" "$before" "events after the KEPT_USER attempt"
# Overlong and surrogate encodings are invalid UTF-8 too.
rejects 65 "title: the text is not valid UTF-8" add $'\xc0\xaf' --client c --due 2026-12-04 --effort 1h
rejects 65 "title: the text is not valid UTF-8" add $'\xed\xa0\x80' --client c --due 2026-12-04 --effort 1h

# 3. Ids: 2^63 and other non-ids are bad values; the largest id is simply not found.
for id in 9223372036854775808 99999999999999999999 0 -1 1.5 0x10 " 1" "#" "１"; do
    message="ID: \"$id\" is not a commitment id (a number like 12 or #12)"
    rejects 65 "$message" show "$id"
    rejects 65 "$message" log "$id"
    rejects 65 "$message" renegotiate "$id" --due 2026-12-09 --reason r
    rejects 65 "$message" close "$id" --delivered
    rejects 65 "$message" reopen "$id" --reason r
done
rejects 66 "no commitment #9223372036854775807 in $LEDGER" show 9223372036854775807
rejects 66 "no commitment #9223372036854775807 in $LEDGER" close 9223372036854775807 --delivered

# 4. NUL bytes cannot pass through argv (C strings end at them), but they can sit in files.
printf '[team]\nname = "a\0b"\n' >nul.toml
rejects 78 "$TEST_DIR/nul.toml:2:10: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited" \
    --config "$TEST_DIR/nul.toml" add t --client c --due 2026-12-04 --effort 1h
printf '[team]\nledger = "other.db\\u0000x"\n' >nul-escape.toml
kept_raw --config "$TEST_DIR/nul-escape.toml" add t --client c --due 2026-12-04 --effort 1h
expect_rc 78
expect_err "kept: $TEST_DIR/nul-escape.toml:2:10: team.ledger must not contain a NUL character (\\u0000)"
[ ! -e other.db ] || fail "a NUL in team.ledger cut the path short: other.db was created"
printf '[team]\nname = "t"\n\0\n' >nul-raw.toml
rejects 78 "$TEST_DIR/nul-raw.toml:3:1: Error while parsing root table: expected keys, tables, whitespace or comments, saw '\\u0000'" \
    --config "$TEST_DIR/nul-raw.toml" add t --client c --due 2026-12-04 --effort 1h

# 5. Every config key with a value of the wrong type: 78 naming file:line:col and the key.
while IFS='|' read -r table line message; do
    printf '[%s]\n%s\n' "$table" "$line" >wrong.toml
    rejects 78 "$TEST_DIR/wrong.toml:2:$message" \
        --config "$TEST_DIR/wrong.toml" add t --client c --due 2026-12-04 --effort 1h
done <<'EOF'
team|name = 1|8: team.name must be a non-empty string, not 1
team|ledger = 2|10: team.ledger must be a non-empty string, not 2
team|hours_per_day = "eight"|17: team.hours_per_day must be a number greater than 0 and at most 24, not "eight"
team|workdays = "mon"|12: team.workdays must be a non-empty array of weekday names such as ["mon", "tue"], not "mon"
team|default_hours_per_week = [40]|26: team.default_hours_per_week must be a number from 0 to 168, not an array
team|strict = "yes"|10: team.strict must be true or false, not "yes"
members.alice|hours_per_week = "lots"|18: members.alice.hours_per_week must be a number from 0 to 168, not "lots"
members.alice|away = "december"|8: members.alice.away must be an array such as [{ from = 2026-12-24, to = 2027-01-02 }], not "december"
clients.acme|kind = 3|8: clients.acme.kind must be "internal" or "external", not 3
report|overload_ratio = "high"|18: report.overload_ratio must be a number greater than 0, not "high"
report|weeks = 1.5|9: report.weeks must be a whole number from 1 to 520, not 1.5
report|creep_ratio = false|15: report.creep_ratio must be a number of at least 0, not false
report|creep_items = "two"|15: report.creep_items must be a whole number of at least 1, not "two"
report|chronic_renegotiations = {}|26: report.chronic_renegotiations must be a whole number of at least 1, not a table
report|risk_days = "3"|13: report.risk_days must be a whole number of at least 0, not "3"
report|neglect_points = true|18: report.neglect_points must be a number from 0 to 100, not true
report|confidence = "80"|14: report.confidence must be a whole number from 50 to 99, not "80"
sync|remote = 42|10: sync.remote must be a non-empty string, not 42
EOF
# All of them at once: the first in the file is named.
cat >wrong.toml <<'EOF'
[team]
name = 1
ledger = 2
[report]
weeks = "x"
EOF
rejects 78 "$TEST_DIR/wrong.toml:2:8: team.name must be a non-empty string, not 1" \
    --config "$TEST_DIR/wrong.toml" add t --client c --due 2026-12-04 --effort 1h

# 6. An empty file named as the config.
: >empty.toml
rejects 78 "$TEST_DIR/empty.toml: the config is empty (kept init writes a commented one)" \
    --config "$TEST_DIR/empty.toml" add t --client c --due 2026-12-04 --effort 1h

# 7. A ledger that is not SQLite, a truncated ledger, a directory: 74 with one line; the file is
# left exactly as it was.
# damaged FILE REASON: every command on FILE exits 74 with "FILE: ... (REASON)"; FILE unchanged.
damaged() {
    local file=$1 reason=$2 sum
    sum=$(md5sum <"$file")
    for args in "list" "show 1" "log" "verify" "add t --client c --due 2026-12-04 --effort 1h" \
        "close 1 --delivered"; do
        # shellcheck disable=SC2086 # each string is the argument list of one command
        kept_raw --ledger "$file" $args
        expect_rc 74
        expect_err "kept: $file: not a kept ledger, or damaged ($reason)"
        expect_out ""
    done
    expect_eq "$(md5sum <"$file")" "$sum" "content of $file"
}
printf 'name,due\nexport,2026-12-04\n' >notes.csv
damaged "$TEST_DIR/notes.csv" "file is not a database"
head -c 100000 /dev/urandom >random.bin
damaged "$TEST_DIR/random.bin" "file is not a database"
snapshot whole.db
head -c $(($(stat -c %s whole.db) / 2)) whole.db >truncated.db
damaged "$TEST_DIR/truncated.db" "database disk image is malformed"
sqlite3 other.sqlite 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
kept_raw --ledger "$TEST_DIR/other.sqlite" add t --client c --due 2026-12-04 --effort 1h
expect_rc 74
expect_err "kept: $TEST_DIR/other.sqlite: not a kept ledger"
expect_eq "$(sqlite3 other.sqlite 'SELECT count(*) FROM sqlite_master')" 1 "tables of other.sqlite"
mkdir dir.db
kept_raw --ledger "$TEST_DIR/dir.db" list
expect_rc 74
expect_err "kept: $TEST_DIR/dir.db is a directory, not a ledger"

# The real ledger went through all of this untouched: its four adds, nothing else.
expect_eq "$(q 'SELECT count(*) FROM events')" 4 "events in the ledger"
expect_verified
finish
