#!/usr/bin/env bash
# The bounds kept keeps on its input (docs/reliability.md, "Input limits"): a config over 1 MiB,
# an import line over 1 MiB, more than 1,000 scope items or tags on one commitment, a key given
# twice in a JSON object, a date outside 1970-01-01..9998-12-31. Each is refused with one line
# naming the limit, writes nothing, and runs under a memory limit, so that reading more than the
# limit allows fails the test.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/lib_reliability.sh"

# 200 MB of address space: kept needs about 50; reading a whole 1 GB input needs far more.
MEMORY_KIB=200000
(ulimit -v "$MEMORY_KIB" && "$KEPT" --version >/dev/null 2>&1) ||
    skip "kept does not start under a ${MEMORY_KIB} KiB memory limit (a sanitizer build?)"
command -v python3 >/dev/null || skip "python3 is needed to write the large inputs"

# limited ARGS...: kept ARGS on $LEDGER under the memory limit; sets OUT, ERR and RC.
limited() {
    OUT=$(ulimit -v "$MEMORY_KIB" && "$KEPT" --ledger "$LEDGER" "$@" 2>"$TEST_DIR/.stderr")
    RC=$?
    ERR=$(cat "$TEST_DIR/.stderr")
}

# limited_rejects CODE MESSAGE ARGS...: as rejects, under the memory limit.
limited_rejects() { REJECTS_RUN=limited rejects "$@"; }

ok add "first" --client acme --owner alice --due 2026-12-04 --effort 2d

# 1. Config: 1 MiB is read, one byte more is refused, and /dev/zero is refused after 1 MiB + 1.
python3 - "$TEST_DIR/full.toml" "$TEST_DIR/over.toml" <<'EOF'
import sys
head = b'[team]\nname = "t"\n'
body = head + b"#" * (1048576 - len(head) - 1) + b"\n"
assert len(body) == 1048576
open(sys.argv[1], "wb").write(body)
open(sys.argv[2], "wb").write(body + b"\n")
EOF
KEPT_CONFIG="$TEST_DIR/full.toml" limited add "under the config" --client c --due 2026-12-04 \
    --effort 1h -q
expect_rc 0
KEPT_CONFIG="$TEST_DIR/over.toml" limited_rejects 78 \
    "$TEST_DIR/over.toml: the config is over 1048576 bytes (1 MiB), the most kept reads" \
    add x --client c --due 2026-12-04 --effort 1h
KEPT_CONFIG=/dev/zero limited_rejects 78 \
    "/dev/zero: the config is over 1048576 bytes (1 MiB), the most kept reads" \
    add x --client c --due 2026-12-04 --effort 1h

# 2. Import lines: exactly 1 MiB is imported; one byte more is refused naming the line, and
# kept stops there: of a 1 GB line on a pipe it reads a few MiB at most.
python3 - "$TEST_DIR" <<'EOF'
import sys
d = sys.argv[1]
def row(title):
    return b'{"title":"' + title + b'","client":"acme","due":"2026-12-04","effort":"1h"}'
short = row(b"fine") + b"\n"
pad = 1048576 - len(row(b""))
open(d + "/full.ndjson", "wb").write(short + row(b"y" * pad) + b"\n")
open(d + "/over.ndjson", "wb").write(short + row(b"y" * (pad + 1)) + b"\n" + short)
open(d + "/over-event.ndjson", "wb").write(b"{" * 1048577 + b"\n")
open(d + "/over.csv", "wb").write(b"title,client,due,effort\nfine,acme,2026-12-04,1h\n\"" +
                                  b"y\n" * 600000 + b"\",acme,2026-12-04,1h\n")
EOF
limited import --commitments "$TEST_DIR/full.ndjson" -q
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 2 "ids of the 1 MiB line import"
limited_rejects 65 "line 2: longer than 1048576 bytes (1 MiB), the longest line kept imports" \
    import --commitments "$TEST_DIR/over.ndjson"
limited_rejects 65 "line 3: a CSV record longer than 1048576 bytes (1 MiB), the longest kept imports" \
    import --commitments "$TEST_DIR/over.csv"
# The writer counts what kept took before it stopped reading.
before=$(event_count)
OUT=$(python3 -c '
import sys, signal
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
out = sys.stdout.buffer
sent = 0
chunk = b"x" * 65536
try:
    out.write(b"{\"title\":\"")
    while sent < 1 << 30:
        out.write(chunk)
        out.flush()
        sent += len(chunk)
except BrokenPipeError:
    pass
open(sys.argv[1], "w").write(str(sent))
' "$TEST_DIR/sent" 2>/dev/null | (ulimit -v "$MEMORY_KIB" && "$KEPT" --ledger "$LEDGER" \
    import --commitments - 2>"$TEST_DIR/.stderr"))
ERR=$(cat "$TEST_DIR/.stderr")
expect_eq "$ERR" "kept: line 1: longer than 1048576 bytes (1 MiB), the longest line kept imports" \
    "a 1 GB line on a pipe"
expect_eq "$(event_count)" "$before" "events after the 1 GB line"
sent=$(cat "$TEST_DIR/sent" 2>/dev/null || echo 0)
[ "$sent" -lt $((8 * 1048576)) ] || fail "kept read $sent bytes of the 1 GB line before stopping"
limited_rejects 65 "line 1: longer than 1048576 bytes (1 MiB), the longest line kept imports" \
    import "$TEST_DIR/over-event.ndjson"

# 3. Scope items and tags: 1,000 on one commitment, not 1,001; 100,000 refused at once.
items() { python3 -c "import json,sys; print(json.dumps(['i%d' % i for i in range(int(sys.argv[1]))]))" "$1"; }
printf '{"title":"many","client":"acme","due":"2026-12-04","effort":"1h","scope":%s,"tags":%s}\n' \
    "$(items 1000)" "$(items 1000)" >"$TEST_DIR/1000.ndjson"
limited import --commitments "$TEST_DIR/1000.ndjson" -q
expect_rc 0
many=$OUT
expect_eq "$(q "SELECT json_array_length(scope) || ' ' || json_array_length(tags) FROM commitments WHERE id = $many")" \
    "1000 1000" "1,000 scope items and tags stored"
for n in 1001 100000; do
    printf '{"title":"t","client":"acme","due":"2026-12-04","effort":"1h","scope":%s}\n' \
        "$(items $n)" >"$TEST_DIR/scope.ndjson"
    limited_rejects 65 "line 1: scope: $n items, more than the 1000 kept accepts on one commitment" \
        import --commitments "$TEST_DIR/scope.ndjson"
done
printf 'title,client,due,effort,tags\nt,acme,2026-12-04,1h,%s\n' \
    "$(python3 -c "print(';'.join('t%d' % i for i in range(1001)))")" >"$TEST_DIR/tags.csv"
limited_rejects 65 "line 2: tags: 1001 items, more than the 1000 kept accepts on one commitment" \
    import --commitments "$TEST_DIR/tags.csv"
mapfile -t scope_args < <(python3 -c "
for i in range(1001): print('--scope'); print('s%d' % i)")
limited_rejects 65 "--scope: 1001 items, more than the 1000 kept accepts on one commitment" \
    add t --client acme --due 2026-12-04 --effort 1h "${scope_args[@]}"
mapfile -t tag_args < <(python3 -c "
for i in range(1001): print('--tag'); print('t%d' % i)")
limited_rejects 65 "--tag: 1001 items, more than the 1000 kept accepts on one commitment" \
    add t --client acme --due 2026-12-04 --effort 1h "${tag_args[@]}"
limited_rejects 65 "scope: 1001 items, more than the 1000 kept accepts on one commitment" \
    renegotiate "$many" --add-scope one-more --reason "more"
limited renegotiate "$many" --add-scope one-more --drop-scope i0 --reason "swap"
expect_rc 0
# An imported event may not carry more either.
kept export --events
printf '%s\n' "$OUT" | python3 -c '
import json, sys
e = json.loads(sys.stdin.readline())
e["payload"]["scope"] = ["s%d" % i for i in range(1001)]
print(json.dumps(e))' >"$TEST_DIR/event.ndjson"
limited_rejects 65 "line 1: scope: 1001 items, more than the 1000 kept accepts on one commitment" \
    import "$TEST_DIR/event.ndjson"

# 4. A key given twice in one JSON object, rows and events alike.
printf '{"title":"a","client":"acme","due":"2026-12-04","effort":"1h"}\n{"title":"a","client":"acme","title":"b","due":"2026-12-04","effort":"1h"}\n' \
    >"$TEST_DIR/dup.ndjson"
limited_rejects 65 'line 2: the key "title" is given twice in one JSON object' \
    import --commitments "$TEST_DIR/dup.ndjson"
printf '{"title":"a","client":"acme","due":"2026-12-04","effort":"1h","scope":[{"x":1,"x":2}]}\n' \
    >"$TEST_DIR/dup-nested.ndjson"
limited_rejects 65 'line 1: the key "x" is given twice in one JSON object' \
    import --commitments "$TEST_DIR/dup-nested.ndjson"
kept export --events
printf '%s\n' "$OUT" | head -1 | sed 's/^{/{"kind":"added",/' >"$TEST_DIR/dup-event.ndjson"
limited_rejects 65 'line 1: the key "kind" is given twice in one JSON object' \
    import "$TEST_DIR/dup-event.ndjson"

# 5. Dates: 1970-01-01 to 9998-12-31, wherever they come from; the ICS export at both edges.
range="is outside the dates kept accepts (from 1970-01-01 to 9998-12-31)"
limited_rejects 65 "--due: \"9999-12-31\" $range" add t --client acme --due 9999-12-31 --effort 1h
limited_rejects 65 "--due: \"9999-01-01\" $range" add t --client acme --due 9999-01-01 --effort 1h
printf 'title,client,due,effort\nt,acme,9999-01-01,1h\n' >"$TEST_DIR/late.csv"
limited_rejects 65 "line 2: due: \"9999-01-01\" $range" import --commitments "$TEST_DIR/late.csv"
KEPT_TODAY=1969-12-31 limited_rejects 65 "KEPT_TODAY: \"1969-12-31\" $range" \
    add t --client acme --due 2026-12-04 --effort 1h
KEPT_TODAY= KEPT_NOW=9999-01-01T00:00:00Z limited_rejects 65 \
    "KEPT_NOW: \"9999-01-01T00:00:00Z\" $range" add t --client acme --due tomorrow --effort 1h
KEPT_TODAY=9998-12-31 limited_rejects 65 "--due: \"tomorrow\" $range" \
    add t --client acme --due tomorrow --effort 1h
limited_rejects 65 "--due-before: \"9999-01-01\" $range" list --due-before 9999-01-01
printf '[team]\nname = "t"\n[members.alice]\nhours_per_week = 30\naway = [{ from = 2026-12-24, to = 9999-01-02 }]\n' \
    >"$TEST_DIR/dates.toml"
KEPT_CONFIG="$TEST_DIR/dates.toml" limited add t --client acme --due 2026-12-04 --effort 1h
expect_rc 78
expect_err_has "must be a date from 1970-01-01 to 9998-12-31, not 9999-01-02"
kept export --events
printf '%s\n' "$OUT" | head -1 | sed 's/"day":"[0-9-]*"/"day":"9999-01-01"/' >"$TEST_DIR/day.ndjson"
limited_rejects 65 "line 1: event field \"day\": \"9999-01-01\" $range" import "$TEST_DIR/day.ndjson"

# At the edges every format writes the dates, and the ICS event ends the day after.
edges="$TEST_DIR/edges.db"
KEPT_TODAY=1970-01-01 KEPT_NOW= "$KEPT" --ledger "$edges" add first --client acme \
    --due 1970-01-01 --effort 1h -q >/dev/null || fail "add due 1970-01-01"
KEPT_TODAY=1970-01-01 KEPT_NOW= "$KEPT" --ledger "$edges" add last --client acme \
    --due 9998-12-31 --effort 1h -q >/dev/null || fail "add due 9998-12-31"
ics=$(KEPT_TODAY=1970-01-01 KEPT_NOW= "$KEPT" --ledger "$edges" export --format ics)
expect_eq "$(printf '%s\n' "$ics" | tr -d '\r' | grep '^DT[SE]' | sort | tr '\n' ' ')" \
    "DTEND;VALUE=DATE:19700102 DTEND;VALUE=DATE:99990101 DTSTAMP:19700101T120000Z DTSTAMP:19700101T120000Z DTSTART;VALUE=DATE:19700101 DTSTART;VALUE=DATE:99981231 " \
    "ICS dates at the range's edges"
for format in json csv tsv; do
    out=$(KEPT_TODAY=1970-01-01 KEPT_NOW= "$KEPT" --ledger "$edges" export --format "$format")
    case "$out" in
    *1970-01-01*9998-12-31*) ;;
    *) fail "$format export at the edges: $out" ;;
    esac
done
KEPT_TODAY=1970-01-01 KEPT_NOW= "$KEPT" --ledger "$edges" export --events >"$TEST_DIR/edges.ndjson"
"$KEPT" --ledger "$TEST_DIR/copy.db" import "$TEST_DIR/edges.ndjson" >/dev/null ||
    fail "the events at the edges import"

expect_verified
finish
