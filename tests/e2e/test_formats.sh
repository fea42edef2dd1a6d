#!/usr/bin/env bash
# Machine formats of the read commands: JSON, NDJSON, CSV (RFC 4180, read back with Python's csv
# module) and TSV (tabs and newlines escaped) carry the same records and fields.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing" >&2; exit 77; }

tricky=$'Export, "API" v2\nsecond line\twith a tab and \\ a backslash'
ok add "$tricky" --client 'acme, inc' --owner alice --due 2026-12-04 --effort 2d \
    --scope 'csv, "quoted"' --scope $'multi\nline' --tag q4
ok add "Fix login" --client billing --internal --owner bob --due fri --effort 6h
ok renegotiate 2 --due 2026-12-11 --reason $'client asked,\n"politely"'

# JSON and NDJSON carry the same objects.
ok list --format json
json=$OUT
ok list --format ndjson
expect_eq "$(printf '%s' "$OUT" | jq -s -c .)" "$(printf '%s' "$json" | jq -c .)" "ndjson = json"
expect_eq "$(printf '%s' "$json" | jq -r '.[] | select(.id == 1) | .title')" "$tricky" "json title"

# CSV read back with a real CSV reader gives the JSON values, field for field.
ok list --format csv
printf '%s' "$OUT" >list.csv
case "$OUT" in *$'\r\n'*) ;; *) fail "CSV lines do not end in CRLF" ;; esac
printf '%s' "$json" >list.json
check=$(python3 - list.csv list.json <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
records = json.load(open(sys.argv[2], encoding="utf-8"))
assert len(rows) == len(records) == 2, (len(rows), len(records))
for row, record in zip(rows, records):
    assert list(row) == list(record), "columns differ"
    for field, value in record.items():
        cell = row[field]
        if value is None:
            assert cell == "", field
        elif isinstance(value, str):
            assert cell == value, (field, cell, value)
        elif isinstance(value, list):
            assert json.loads(cell) == value, (field, cell, value)
        else:
            assert float(cell) == value, (field, cell, value)
print("same")
PY
)
expect_eq "$check" "same" "CSV read by Python's csv module"
header=$(printf '%s' "$OUT" | head -n 1 | tr -d '\r')
expect_eq "$header" "id,uuid,title,client,client_kind,owner,state,due,original_due,effort_hours,original_effort_hours,scope,tags,created,closed,renegotiations,late_renegotiations,fee,original_fee" "CSV header"

# TSV: one line per record, every field free of raw tabs and newlines, escapes reversible.
ok list --format tsv
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3 "TSV line count"
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' '{print NF}' | sort -u)" 19 "TSV fields per line"
title_tsv=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == 1 {print $3}')
expect_eq "$title_tsv" 'Export, "API" v2\nsecond line\twith a tab and \\ a backslash' "TSV escapes"
unescaped=$(printf '%s' "$title_tsv" | python3 -c 'import sys
s = sys.stdin.read(); out = []; i = 0
while i < len(s):
    if s[i] == "\\":
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[s[i + 1]]); i += 2
    else:
        out.append(s[i]); i += 1
sys.stdout.write("".join(out))')
expect_eq "$unescaped" "$tricky" "TSV round trip"

# show and log in every machine format.
ok show 1 --format ndjson
expect_eq "$(printf '%s' "$OUT" | jq -r .client)" "acme, inc" "show ndjson"
ok show 1 --format csv
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import csv, sys; print(list(csv.DictReader(sys.stdin))[0]["scope"])')" \
    '["csv, \"quoted\"","multi\nline"]' "show csv scope"
ok log --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].kind]')" '["added","added","renegotiated"]' "log json"
expect_eq "$(printf '%s' "$OUT" | jq -c '.[0] | keys_unsorted')" \
    '["seq","uuid","commitment_id","commitment_uuid","timestamp","day","actor","kind","payload","reason","origin","clock","prev_hash","hash"]' "log fields"
ok log 2 --format csv
reason=$(printf '%s' "$OUT" | python3 -c 'import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
print(rows[1]["reason"]); print(json.loads(rows[1]["payload"])["due"]["after"])')
expect_eq "$reason" $'client asked,\n"politely"\n2026-12-11' "log csv reason and payload"
ok log --format tsv
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 4 "log TSV line count"

# Empty results still have a header (CSV, TSV) or an empty array (JSON).
ok list --owner nobody --format csv
expect_eq "$(printf '%s' "$OUT" | tr -d '\r' | wc -l | tr -d ' ')" 0 "empty CSV is the header alone"
ok list --owner nobody --format json
expect_out "[]"
ok list --owner nobody --format ndjson
expect_out ""

rejects 65 '--format: "xml" is not one of table, json, ndjson, csv, tsv' list --format xml

finish
