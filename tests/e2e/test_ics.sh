#!/usr/bin/env bash
# kept export --format ics: an RFC 5545 calendar with one all-day event per open commitment.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing" >&2; exit 77; }

ok add "Export API; v2, with a very long title that will not fit on one line of a calendar ✓✓✓" \
    --client acme --owner alice --due 2026-12-04 --effort 2d --scope csv --tag q4
ok add "Fix login" --client billing --internal --owner bob --due fri --effort 6h
ok add "Shipped" --client x --due fri --effort 1h
ok close 3 --delivered
ok renegotiate 2 --due 2026-12-09 --reason "later"

kept export --format ics
expect_rc 0
# $(...) drops the final line end: write the file from kept directly to keep every byte.
"$KEPT" --ledger "$LEDGER" export --format ics >cal.ics
report=$(python3 - cal.ics <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
problems = []
if not data.endswith(b"\r\n"):
    problems.append("no CRLF at the end")
lines = data.split(b"\r\n")[:-1]
if any(b"\n" in l or b"\r" in l for l in lines):
    problems.append("a bare LF or CR")
long = [l for l in lines if len(l) > 75]
if long:
    problems.append("%d lines over 75 octets" % len(long))
for l in lines:
    l.decode("utf-8")  # a fold that split a character would fail here
unfolded = []
for l in lines:
    if l.startswith(b" "):
        unfolded[-1] += l[1:]
    else:
        unfolded.append(l)
text = [l.decode("utf-8") for l in unfolded]
if text[0] != "BEGIN:VCALENDAR" or text[-1] != "END:VCALENDAR":
    problems.append("not one VCALENDAR")
for needed in ("VERSION:2.0", "CALSCALE:GREGORIAN"):
    if needed not in text:
        problems.append("missing " + needed)
if not any(t.startswith("PRODID:") for t in text):
    problems.append("missing PRODID")
events, current = [], None
for t in text:
    if t == "BEGIN:VEVENT":
        current = {}
    elif t == "END:VEVENT":
        events.append(current)
        current = None
    elif current is not None:
        name, _, value = t.partition(":")
        current[name] = value
for e in events:
    for needed in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"):
        if needed not in e:
            problems.append("event without " + needed)
print("problems:", problems)
print(len(events))
for e in sorted(events, key=lambda e: e["DTSTART;VALUE=DATE"]):
    print(e["DTSTART;VALUE=DATE"], e["DTEND;VALUE=DATE"], e["SEQUENCE"], e["SUMMARY"], e["UID"].endswith("@kept"))
PY
)
expect_eq "$report" "problems: []
2
20261204 20261205 0 Export API\\; v2\\, with a very long title that will not fit on one line of a calendar ✓✓✓ True
20261209 20261210 1 Fix login True" "ICS structure"

grep -q $'^DTSTAMP:20261123T090000Z\r$' cal.ics || fail "DTSTAMP is not KEPT_NOW"
uid=$(grep -a '^UID:' cal.ics | head -n 1 | tr -d '\r')
kept show 1 --format json
expect_eq "$uid" "UID:$(printf '%s' "$OUT" | jq -r .uuid)@kept" "UID is the commitment uuid"

# Filters apply; a calendar of closed commitments is refused.
kept export --format ics --owner bob
expect_eq "$(printf '%s' "$OUT" | grep -c BEGIN:VEVENT)" 1 "owner filter"
rejects 65 '--state: "all": a calendar holds open commitments only' export --format ics --state all
rejects 65 '--format: "xml" is not one of ndjson,json,csv,tsv,ics for kept export' export --format xml

finish
