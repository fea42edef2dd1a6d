#!/usr/bin/env bash
# Bad input: one line on stderr naming the field and the value, the spec's exit code, and
# nothing written (the event count does not move).
. "$(dirname "$0")/lib.sh"

# Reads of a ledger that does not exist: 66, and no file is created.
rejects 66 "no ledger at $LEDGER (kept init or kept add creates one)" list
[ ! -e "$LEDGER" ] || fail "a read created the ledger"

ok add "Seed" --client acme --owner alice --due 2026-12-04 --effort 8h --scope csv -q

add() { rejects "$1" "$2" add "${@:3}"; }
add 65 'title: "" is empty' "" --client acme --due fri --effort 1h
add 65 'title: "   " is empty' "   " --client acme --due fri --effort 1h
add 65 '--client: "" is empty' T --client "" --due fri --effort 1h
add 65 '--effort: "0h" must be at least one minute' T --client acme --due fri --effort 0h
add 65 '--effort: "-2h" is not an effort (use 90m, 6h, 1.5d or 1w)' T --client acme --due fri --effort=-2h
add 65 '--effort: "abc" is not an effort (use 90m, 6h, 1.5d or 1w)' T --client acme --due fri --effort abc
add 65 '--due: "2026-02-30" is not a valid date' T --client acme --due 2026-02-30 --effort 1h
add 65 '--due: "yesterday" is not a valid date' T --client acme --due yesterday --effort 1h
add 65 '--due: "2026-11-20" is before today (2026-11-23)' T --client acme --due 2026-11-20 --effort 1h
add 65 '--scope: "x" is given twice' T --client acme --due fri --effort 1h --scope x --scope x
add 65 '--format: "xml" is not one of table, json, ndjson, csv, tsv' T --client acme --due fri --effort 1h --format xml
add 64 '--client is required (see kept add --help)' T --due fri --effort 1h
add 64 'unexpected argument "extra" (see kept add --help)' T extra --client acme --due fri --effort 1h
add 65 'title: the text is not valid UTF-8' $'bad \xff byte' --client acme --due fri --effort 1h

rejects 65 '--format: "xml" is not one of table, json, ndjson, csv, tsv' list --format xml
rejects 65 '--color: "sometimes" is not one of auto, always, never' list --color sometimes
rejects 65 '--state: "done" is not one of open, delivered, dropped, closed, all' list --state done
rejects 65 'ID: "abc" is not a commitment id (a number like 12 or #12)' show abc
rejects 65 'ID: "9223372036854775808" is not a commitment id (a number like 12 or #12)' show 9223372036854775808
rejects 66 "no commitment #42 in $LEDGER" show 42
rejects 66 "no commitment #42 in $LEDGER" close 42 --delivered

rejects 65 'nothing to renegotiate: give --due, --effort, --add-scope, --drop-scope, --owner or --fee with a new value for #1' \
    renegotiate 1 --due 2026-12-04 --reason "same date"
rejects 64 '--reason is required (see kept renegotiate --help)' renegotiate 1 --due 2026-12-08
rejects 65 '--reason: "" is empty' renegotiate 1 --due 2026-12-08 --reason ""
rejects 65 '--drop-scope: "pdf" is not in scope' renegotiate 1 --drop-scope pdf --reason r
rejects 65 '--add-scope: "csv" is already in scope' renegotiate 1 --add-scope csv --reason r
rejects 65 '--due: "2026-11-01" is before the commitment was made (2026-11-23)' renegotiate 1 --due 2026-11-01 --reason r
rejects 65 '--effort: -10.0h on 8.0h would leave -2.0h; effort must stay at least one minute' renegotiate 1 --effort=-10h --reason r
rejects 65 '--requested-by: "boss" is not client or team' renegotiate 1 --due 2026-12-08 --reason r --requested-by boss
rejects 64 'close: give exactly one of --delivered or --dropped' close 1
rejects 65 '--on: "2026-12-01" is in the future' close 1 --delivered --on 2026-12-01
rejects 65 '--on: "2026-11-01" is before the commitment was made (2026-11-23)' close 1 --delivered --on 2026-11-01

# Bad config: 78 with file:line:col, nothing written.
mkdir -p proj && printf '[team]\nhours_per_day = "eight"\n' > proj/kept.toml
cd proj && kept add T --client acme --due fri --effort 1h
cd ..
expect_rc 78
expect_err_has "kept: $TEST_DIR/proj/kept.toml:2:17: team.hours_per_day must be a number"
expect_eq "$(event_count)" 1 "events after bad config"

# A newer schema is refused, naming both versions.
sqlite3 "$LEDGER" ".backup newer.db"
sqlite3 newer.db 'PRAGMA user_version = 99'
kept_raw --ledger newer.db list
expect_rc 78
expect_err "kept: newer.db: ledger schema 99 is newer than this kept supports ($(sqlite3 "$LEDGER" "PRAGMA user_version")); upgrade kept to use it"

# A writer waiting past the busy timeout gives up with 75 and writes nothing.
python3 - "$LEDGER" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(3)
db.execute("ROLLBACK")
PY
holder=$!
for _ in $(seq 50); do [ -e "$LEDGER.locked" ] && break; sleep 0.1; done
KEPT_BUSY_TIMEOUT_MS=200 kept add "Blocked" --client acme --due fri --effort 1h
expect_rc 75
expect_err "kept: ledger is busy: another kept is writing to $LEDGER; try again, or wait longer with KEPT_BUSY_TIMEOUT_MS"
wait "$holder"
expect_eq "$(event_count)" 1 "events after busy"

finish
