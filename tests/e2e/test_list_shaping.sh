#!/usr/bin/env bash
# Lists people can shape: list --sort, --reverse, --limit, repeated --owner/--client/--tag (any
# of), --state, --due-after, --due-before (strictly before), --overdue; the roll-up's order; and
# export's share of the filters.
. "$(dirname "$0")/lib.sh"

# on DAY ARGS...: kept ARGS as on DAY, requiring exit 0 and an empty stderr.
on() {
    local day=$1
    shift
    KEPT_TODAY=$day KEPT_NOW=${day}T09:00:00Z ok "$@"
}

# ids ARGS...: kept list ARGS --format json must exit 0 with an empty stderr; prints the ids.
ids() {
    ok list "$@" --format json
    printf '%s' "$OUT" | jq -c '[.[].id]'
}

# Today is Monday 2026-11-23.
on 2026-11-16 add "Overdue fix" --client acme --owner bob --due 2026-11-18 --effort 2h --tag q4 -q
on 2026-11-16 add "Old delivered" --client globex --owner bob --due 2026-11-20 --effort 4h -q
on 2026-11-16 add "Dropped" --client acme --owner carol --due 2026-11-30 --effort 3h --tag web -q
on 2026-11-19 close 2 --delivered
on 2026-11-20 add "Login" --client globex --owner carol --due 2026-11-27 --effort 6h --tag web -q
ok add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d --tag q4 -q
ok add "Report" --client initech --owner alice --due 2026-11-25 --effort 90m -q
ok add "Same due" --client initech --owner bob --due 2026-11-27 --effort 6h -q
ok close 3 --dropped

# Open: #1 due 11-18 2h bob acme; #4 11-27 6h carol globex; #5 12-04 16h alice acme;
# #6 11-25 1.5h alice initech; #7 11-27 6h bob initech.
expect_eq "$(ids)" '[1,6,4,7,5]' "default: by due, then id"
expect_eq "$(ids --sort due)" '[1,6,4,7,5]' "--sort due"
expect_eq "$(ids --reverse)" '[5,7,4,6,1]' "--reverse: last to first, ties too"
expect_eq "$(ids --sort owner)" '[6,5,1,7,4]' "--sort owner, then due"
expect_eq "$(ids --sort client)" '[1,5,4,6,7]' "--sort client, then due"
expect_eq "$(ids --sort created)" '[1,4,5,6,7]' "--sort created: the day, then the order added"
expect_eq "$(ids --sort effort)" '[6,1,4,7,5]' "--sort effort, then due, then id"
expect_eq "$(ids --sort effort --reverse)" '[5,7,4,1,6]' "--sort effort --reverse"
expect_eq "$(ids --sort effort --reverse --limit 2)" '[5,7]' "the two largest"
expect_eq "$(ids --limit 1)" '[1]' "--limit 1"
expect_eq "$(ids --limit 1000000)" '[1,6,4,7,5]' "--limit at its largest"
expect_eq "$(ids --sort owner --state all --limit 3)" '[6,5,1]' "limit after sort"

# The table says the same.
ok list --sort effort --reverse --limit 2
expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" "5 7 " "table rows"

# Repeated filters match any of their values; different filters all hold.
expect_eq "$(ids --owner alice --owner bob)" '[1,6,7,5]' "two owners"
expect_eq "$(ids --client acme --client initech)" '[1,6,7,5]' "two clients"
expect_eq "$(ids --tag q4 --tag web)" '[1,4,5]' "two tags"
expect_eq "$(ids --tag q4 --owner bob)" '[1]' "tag and owner"
expect_eq "$(ids --client globex --owner alice)" '[]' "client and owner"

# States.
expect_eq "$(ids --state open)" '[1,6,4,7,5]' "--state open"
expect_eq "$(ids --state delivered)" '[2]' "--state delivered"
expect_eq "$(ids --state dropped)" '[3]' "--state dropped"
expect_eq "$(ids --state closed)" '[2,3]' "--state closed: delivered and dropped"
expect_eq "$(ids --state all)" '[1,2,6,4,7,3,5]' "--state all"

# Due windows: both ends strict.
expect_eq "$(ids --due-before 2026-11-25)" '[1]' "--due-before: before, not on"
expect_eq "$(ids --due-after 2026-11-25)" '[4,7,5]' "--due-after: after, not on"
expect_eq "$(ids --due-after 2026-11-25 --due-before 2026-12-04)" '[4,7]' "a window"
expect_eq "$(ids --due-after fri)" '[5]' "--due-after reads a weekday forward (Fri 2026-11-27)"
expect_eq "$(ids --due-before fri --state all)" '[1,2,6]' "--due-before reads a weekday forward"

# Overdue: open and due before today, as the report flags it.
expect_eq "$(ids --overdue)" '[1]' "--overdue"
expect_eq "$(ids --overdue --state all)" '[1]' "--overdue --state all is still open"
expect_eq "$(ids --overdue --due-before 2026-11-18)" '[]' "--overdue and --due-before"
expect_eq "$(ids --overdue --owner alice)" '[]' "--overdue and --owner"
kept list --overdue --state closed
expect_rc 64
expect_err 'kept: --overdue: only open commitments are overdue; not with --state closed'
expect_out ""
kept list --overdue --state delivered
expect_rc 64

# Bad values name the option and the value.
rejects 65 '--sort: "size" is not one of due, owner, client, created, effort' list --sort size
rejects 65 '--limit: "0" is not a whole number from 1 to 1000000' list --limit 0
rejects 65 '--limit: "1000001" is not a whole number from 1 to 1000000' list --limit 1000001
rejects 65 '--limit: "-1" is not a whole number from 1 to 1000000' list --limit=-1
rejects 65 '--limit: "ten" is not a whole number from 1 to 1000000' list --limit ten
rejects 65 '--state: "done" is not one of open, delivered, dropped, closed, all' list --state done
rejects 65 '--due-after: "xyz" is not a valid date' list --due-after xyz

# export shares the filters, not the order.
ok export --overdue
expect_eq "$(printf '%s\n' "$OUT" | jq -s -c '[.[].id]')" '[1]' "export --overdue"
ok export --owner alice --owner carol --state all
expect_eq "$(printf '%s\n' "$OUT" | jq -s -c '[.[].id]')" '[6,4,3,5]' "export two owners"
rejects 64 'export --events writes every event; --owner, --client, --state, --due-before, --due-after, --overdue and --tag do not apply' \
    export --events --due-after 2026-11-25
rejects 64 'export --events writes every event; --owner, --client, --state, --due-before, --due-after, --overdue and --tag do not apply' \
    export --events --overdue

# The help says what each option does.
ok list --help
expect_out_has "--due-before"
expect_out_has "strictly before this date (not on it)"
expect_out_has "--due-after"
expect_out_has "--overdue"
expect_out_has "--sort"
expect_out_has "due (default), owner, client, created or effort"
expect_out_has "--reverse"
expect_out_has "--limit"
expect_out_has "repeat for any of several"
expect_out_has "open (default), delivered, dropped, closed or all"

# A roll-up sorts across teams (a tie keeps the teams' order) and limits the whole.
A="$TEST_DIR/a.db" B="$TEST_DIR/b.db"
LEDGER=$A ok add "A one" --client acme --owner alice --due 2026-11-27 --effort 6h -q
LEDGER=$B ok add "B one" --client globex --owner bob --due 2026-11-25 --effort 8h -q
LEDGER=$B ok add "B two" --client acme --owner alice --due 2026-12-01 --effort 1h -q
LEDGER=$B ok add "B three" --client acme --owner alice --due 2026-11-27 --effort 6h -q
rollup() {
    kept_raw --ledger "$A" --ledger "$B" list "$@" --format json
    expect_rc 0
    expect_err ""
    printf '%s' "$OUT" | jq -c '[.[] | [.team, .id]]'
}
expect_eq "$(rollup)" '[["b",1],["a",1],["b",3],["b",2]]' "roll-up by due"
expect_eq "$(rollup --sort effort)" '[["b",2],["a",1],["b",3],["b",1]]' "roll-up by effort"
expect_eq "$(rollup --sort effort --reverse --limit 2)" '[["b",1],["b",3]]' "roll-up reversed, limited"
expect_eq "$(rollup --sort client --limit 3)" '[["a",1],["b",3],["b",2]]' "roll-up by client"

finish
