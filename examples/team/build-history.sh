#!/usr/bin/env bash
# Builds a few months of a team's history (2026-09-07 to 2026-11-23) in examples/team through
# the real kept binary, one day at a time with KEPT_TODAY/KEPT_NOW fixed, then prints the report.
#
#   examples/team/build-history.sh            # uses kept from PATH, or KEPT=/path/to/kept
set -euo pipefail

KEPT=${KEPT:-kept}
cd "$(dirname "$0")"
rm -f platform.kept.db platform.kept.db-wal platform.kept.db-shm
export KEPT_CONFIG=$PWD/kept.toml KEPT_USER=lead

day=2026-09-07 # a Monday
last=2026-11-23
members=(alice bob carol dave erin)
clients=(acme billing-team initech data-platform globex)
declare -A due owner moved grew slipped close_on
n=0

k() { KEPT_TODAY=$day KEPT_NOW="${day}T09:00:00Z" "$KEPT" "$@"; }
plus() { date -u -d "$1 + $2 days" +%F; }

while [[ $day < $last || $day == "$last" ]]; do
    weekday=$(date -u -d "$day" +%u)
    if [ "$day" = 2026-11-16 ]; then
        # A small promise nobody tracks: overdue by the end.
        k add "Invoice fix" --client globex --owner dave --due 2026-11-20 --effort 4h >/dev/null
    fi
    if [ "$weekday" = 1 ]; then
        # Every Monday each member promises something due in one to three weeks' time.
        for m in "${!members[@]}"; do
            n=$((n + 1))
            client=${clients[$(((n * 3 + m) % 5))]}
            effort=$((3 + (n * 7) % 14))h
            d=$(plus "$day" $((4 + 7 * (1 + n % 3))))
            id=$(k add "Work item $n for $client" --client "$client" --owner "${members[$m]}" \
                --due "$d" --effort "$effort" --scope "item $n" -q 2>/dev/null)
            due[$id]=$d
            owner[$id]=${members[$m]}
        done
    fi
    for id in "${!due[@]}"; do
        d=${due[$id]}
        if [ -n "${close_on[$id]:-}" ]; then
            if [ "${close_on[$id]}" = "$day" ]; then
                k close "$id" --delivered >/dev/null # three days after the date
                unset 'due[$id]'
            fi
        elif [ "$weekday" = 3 ] && [ $((id % 5)) = 2 ] && [ -z "${moved[$id]:-}" ] &&
            [[ $day < $d ]]; then
            # Talked to the client before the date: a proactive move, once.
            moved[$id]=1
            due[$id]=$(plus "$d" 7)
            k renegotiate "$id" --due "${due[$id]}" --reason "client agreed to a week more" \
                --requested-by client >/dev/null 2>&1
        elif [ "$weekday" = 2 ] && [ $((id % 7)) = 3 ] && [ -z "${grew[$id]:-}" ] &&
            [[ $day < $d ]]; then
            # "One more thing", same date: scope creep.
            grew[$id]=1
            k renegotiate "$id" --effort +6h --add-scope "extra $id a" --add-scope "extra $id b" \
                --reason "client asked for more" --requested-by client >/dev/null 2>&1
        elif [ "$day" = "$d" ]; then
            if [ $((id % 6)) = 1 ] && [ -z "${slipped[$id]:-}" ]; then
                slipped[$id]=1 # slips past its date: renegotiated late three days later
            elif [ $((id % 4)) = 0 ] && [ "${owner[$id]}" = dave ] && [[ $day > 2026-10-31 ]]; then
                unset 'due[$id]' # dave forgets it: overdue in the report
            elif [ $((id % 4)) = 0 ]; then
                close_on[$id]=$(plus "$d" 3) # delivered late, without a word
            else
                k close "$id" --delivered >/dev/null
                unset 'due[$id]'
            fi
        elif [ -n "${slipped[$id]:-}" ] && [ "$day" = "$(plus "$d" 3)" ]; then
            due[$id]=$(plus "$day" 4)
            k renegotiate "$id" --due "${due[$id]}" --reason "ran out of time" >/dev/null 2>&1
        fi
    done
    day=$(plus "$day" 1)
done

# A late rush on the last day: alice promises too much for next week.
k add "Security review" --client acme --owner alice --due 2026-11-27 --effort 2d || true
KEPT_TODAY=$last "$KEPT" report
