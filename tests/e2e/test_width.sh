#!/usr/bin/env bash
# Tables fit the terminal: COLUMNS (else the terminal's width, else no limit) cuts the widest
# titles, clients and reasons with "…", never ids, numbers or dates; the report's load table
# leaves out the later weeks and the reliability table its minor columns, and says so. Dates in
# tables carry their weekday, and without color the states color shows get a text marker.
# Machine formats change by no byte.
. "$(dirname "$0")/lib.sh"

# widest: the display width of the widest line of $OUT.
widest() { printf '%s\n' "$OUT" | LC_ALL=C.UTF-8 wc -L; }

ok add "Export API for the quarterly board numbers and the auditors" --client "Globex Corporation" \
    --owner alice --due 2026-12-04 --effort 2d
KEPT_TODAY=2026-11-16 KEPT_NOW=2026-11-16T09:00:00Z ok add "Fix login" --client acme --owner bob \
    --due 2026-11-20 --effort 6h
ok add "Überprüfung der Jahresabschlüsse für die Geschäftsführung" --client "Müller GmbH" \
    --owner alice --due 2026-12-10 --effort 4h
ok renegotiate 3 --due 2026-12-17 --reason "the client asked for the tax figures to be checked first"

# No limit when not a terminal and COLUMNS is unset: every text whole, weekday beside each date,
# ! overdue and * moved.
ok list
expect_out "ID  DUE               OWNER  CLIENT              EFFORT  STATE  TITLE
 2  Fri 2026-11-20 !  bob    acme                  6.0h  open   Fix login
 1  Fri 2026-12-04    alice  Globex Corporation   16.0h  open   Export API for the quarterly board numbers and the auditors
 3  Thu 2026-12-17 *  alice  Müller GmbH           4.0h  open   Überprüfung der Jahresabschlüsse für die Geschäftsführung"
whole=$OUT
COLUMNS=200 ok list
expect_out "$whole"
COLUMNS=0 ok list
expect_out "$whole"
COLUMNS=wide ok list # a COLUMNS that is no width is ignored, silently
expect_out "$whole"

# 80 columns: the titles (the widest cuttable column) are cut down to the clients' width, then
# the two in turn, to fit exactly.
COLUMNS=80 ok list
expect_out "ID  DUE               OWNER  CLIENT             EFFORT  STATE  TITLE
 2  Fri 2026-11-20 !  bob    acme                 6.0h  open   Fix login
 1  Fri 2026-12-04    alice  Globex Corporati…   16.0h  open   Export API for t…
 3  Thu 2026-12-17 *  alice  Müller GmbH          4.0h  open   Überprüfung der…"
expect_eq "$(widest)" 80 "widest line at COLUMNS=80"

# 40 columns cannot hold the ids, dates and numbers: clients and titles are cut to their
# headers' width, and the rest runs past.
COLUMNS=40 ok list
expect_out "ID  DUE               OWNER  CLIENT  EFFORT  STATE  TITLE
 2  Fri 2026-11-20 !  bob    acme      6.0h  open   Fix…
 1  Fri 2026-12-04    alice  Globe…   16.0h  open   Expo…
 3  Thu 2026-12-17 *  alice  Mülle…    4.0h  open   Über…"

# Machine formats: not a byte changes with the width.
for format in json ndjson csv tsv; do
    ok list --format "$format"
    wide=$OUT
    COLUMNS=20 ok list --format "$format"
    expect_eq "$OUT" "$wide" "list --format $format at COLUMNS=20"
    case "$OUT" in *…* | *"Fri 2026"*) fail "list --format $format holds a table's text" ;; esac
done
ok export --format ics
wide=$OUT
COLUMNS=20 ok export --format ics
expect_eq "$OUT" "$wide" "ICS at COLUMNS=20"

# The log: the change and the reason are cut in turn; the day has its weekday. (A cut that
# would end in a blank drops it, so a line may end a column short of the width.)
COLUMNS=100 ok log 3
expect_out "SEQ  DAY             ACTOR   KIND          ID  CHANGE                     REASON
  3  Mon 2026-11-23  tester  added         #3  \"Überprüfung der Jahresa…
  4  Mon 2026-11-23  tester  renegotiated  #3  due 2026-12-10 -> 2026-1…  the client asked for the…"
[ "$(widest)" -le 100 ] || fail "a log line is wider than COLUMNS=100"
ok log 3
expect_out_has "the client asked for the tax figures to be checked first"

# show keeps every value whole (it is the one place to read them), with weekdays.
COLUMNS=40 ok show 3
expect_out_has "title           Überprüfung der Jahresabschlüsse für die Geschäftsführung"
expect_out_has "due             Thu 2026-12-17  (promised Thu 2026-12-10)"
expect_out_has "created         Mon 2026-11-23"

# forecast: weekdays on due and finish; the title is cut.
COLUMNS=100 ok forecast
expect_out_has "Fri 2026-12-04"
expect_out_has "#1  alice  Globex C…  Fri 2026-12-04  Tue 2026-11-24"
expect_out_has "Export AP…"
[ "$(widest)" -le 100 ] || fail "a forecast line is wider than COLUMNS=100"

# when: the date a person reads has its weekday; JSON stays ISO.
ok when --owner carol --effort 1d --format json
due=$(printf '%s' "$OUT" | jq -r '.[0].due')
expect_eq "$due" 2026-11-25 "when json due"
ok when --owner carol --effort 1d
expect_eq "${OUT%% (*}" "Wed 2026-11-25" "when's answer"

# The report's load table shows the weeks that fit and says how many it left out.
ok report --section load --weeks 8
expect_out_has "kept report for default, as of Mon 2026-11-23; load over 8 weeks from 2026-W48"
expect_out_has "2027-W02"
all_weeks=$OUT
COLUMNS=40 ok report --section load --weeks 8
expect_out "kept report for default, as of Mon 2026-11-23; load over 8 weeks from 2026-W48

LOAD (percent of each ISO week's capacity the schedule fills)
OWNER         2026-W48  2026-W49
alice              50%        0%
bob    15% (6h late) !        0%
(6 later weeks left out to fit 40 columns)"
COLUMNS=200 ok report --section load --weeks 8
expect_eq "$OUT" "$all_weeks" "load table at COLUMNS=200"
case "$all_weeks" in *"left out"*) fail "a load table with no limit left weeks out" ;; esac

# A flag's detail is cut like a title.
COLUMNS=80 ok report --section flags
expect_out_has "overdue  high      bob    -     #2           due 2026-11-20, 3 days overdue, 6.…"
[ "$(widest)" -le 80 ] || fail "a flag line is wider than COLUMNS=80"
ok report --section flags
expect_out_has "due 2026-11-20, 3 days overdue, 6.0h of work open"

# The reliability table keeps who, how many delivered and how many on time.
ok close 2 --delivered --on 2026-11-23
COLUMNS=80 ok report --section reliability
expect_out_has "GROUP   NAME                DELIVERED  ON TIME (FIRST DATE)  ON TIME (LAST DATE)
team    all                         1                    0%                   0%"
expect_out_has "(left out to fit 80 columns: MEAN SLIP, DROPPED, RENEGOTIATED EARLY, RENEGOTIATED LATE)"
# Too narrow even for those: they stay (the names cut), and run past the width.
COLUMNS=40 ok report --section reliability
expect_out_has "GROUP   NAME  DELIVERED  ON TIME (FIRST DATE)  ON TIME (LAST DATE)
team    all           1                    0%                   0%
kind    int…          0                     -                    -"
ok report --section reliability
expect_out_has "RENEGOTIATED LATE"
case "$OUT" in *"left out"*) fail "the reliability table left columns out with no limit" ;; esac

# Color on: no markers (the color says it).
ok list --color always
case "$OUT" in *" !"* | *" *"*) fail "markers shown beside color" ;; esac

finish
