#!/usr/bin/env bash
# kept's schedule agrees with TaskJuggler 3's on random workloads. Each workload is one owner with
# a daily capacity, an away period, one or two holidays and 1-15 open commitments (some overdue,
# some sharing a due date), all promised before today. TaskJuggler schedules the same work for
# one resource with the same working hours and leaves, the tasks prioritised by (due, id): every
# commitment's finish in kept forecast must be the day its task ends. For some workloads kept
# when's capacity date D is checked too: with the new work due D TaskJuggler keeps every
# promise, and with it due the owner's previous working day it breaks one.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

if ! command -v tj3 >/dev/null; then
    echo "skipped: tj3 (TaskJuggler) is not installed; .ci/install-deps --test installs it" >&2
    exit 77
fi
command -v jq >/dev/null || { echo "skipped: jq is not installed" >&2; exit 77; }

export KEPT_TODAY=2026-12-01 KEPT_NOW=2026-12-01T09:00:00Z KEPT_USER=tester TZ=UTC
RANDOM=20261201
WORKLOADS=40

# Dates are days since 1970-01-01 (a Thursday), so that the weekday is (day + 4) % 7, 0 = Sunday.
# day_of ISO: sets DAY, or returns 1 if ISO is not a date.
day_of() {
    [[ $1 =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})$ ]] || return 1
    local y=$((10#${BASH_REMATCH[1]})) m=$((10#${BASH_REMATCH[2]})) d=$((10#${BASH_REMATCH[3]}))
    ((m <= 2)) && y=$((y - 1))
    local era=$((y / 400)) yoe doy doe
    yoe=$((y - era * 400))
    doy=$(((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1))
    doe=$((yoe * 365 + yoe / 4 - yoe / 100 + doy))
    DAY=$((era * 146097 + doe - 719468))
}
# iso DAY: sets ISO.
iso() { printf -v ISO '%(%F)T' $(($1 * 86400)); }
# hm MINUTES: sets HM to e.g. 7h05m.
hm() { printf -v HM '%dh%02dm' $(($1 / 60)) $(($1 % 60)); }

day_of "$KEPT_TODAY"
TODAY=$DAY
# Every commitment is promised on this day, before all of the due dates, so that some can be
# overdue today.
PROMISED=2026-11-20

# The workloads. W_*[w] describe workload w; C_EFFORT[w,i] and C_DUE[w,i] its commitment #i.
declare -a W_MINS W_N W_AWAY_FROM W_AWAY_TO W_HOLIDAYS W_E W_D
declare -A C_EFFORT C_DUE

# works W DAY: whether workload W's owner works on DAY.
works() {
    local wd=$((($2 + 4) % 7))
    ((wd >= 1 && wd <= 5)) || return 1
    (($2 < W_AWAY_FROM[$1] || $2 > W_AWAY_TO[$1])) || return 1
    case " ${W_HOLIDAYS[$1]} " in *" $2 "*) return 1 ;; esac
    return 0
}

# random_effort W: sets EFFORT, minutes, a multiple of 5: half of them up to 6h, the others up to
# three of W's days.
random_effort() {
    if ((RANDOM % 2)); then
        EFFORT=$((5 * (1 + RANDOM % 72)))
    else
        EFFORT=$((5 * (1 + RANDOM % (3 * W_MINS[$1] / 5))))
    fi
}

# failure MESSAGE: fail, naming the line that found it.
failure() { fail "$*"; }

# describe W: what workload W is, to reproduce a failure.
describe() {
    local w=$1 i holidays="" h
    for h in ${W_HOLIDAYS[$w]}; do
        iso "$h"
        holidays+=" $ISO"
    done
    hm "${W_MINS[$w]}"
    printf '  workload %d: %s a day, mon-fri, holidays%s, away ' "$w" "$HM" "$holidays" >&2
    iso "${W_AWAY_FROM[$w]}"
    printf '%s to ' "$ISO" >&2
    iso "${W_AWAY_TO[$w]}"
    printf '%s; today %s\n' "$ISO" "$KEPT_TODAY" >&2
    for ((i = 1; i <= W_N[w]; i++)); do
        iso "${C_DUE[$w,$i]}"
        hm "${C_EFFORT[$w,$i]}"
        printf '    #%d due %s effort %s\n' "$i" "$ISO" "$HM" >&2
    done
}

for ((w = 1; w <= WORKLOADS; w++)); do
    # 3h to 8h a day in quarter hours, so that hours_per_week (5 days of it) is exact.
    W_MINS[w]=$((180 + 15 * (RANDOM % 21)))
    W_AWAY_FROM[w]=$((TODAY - 5 + RANDOM % 56))
    W_AWAY_TO[w]=$((W_AWAY_FROM[w] + RANDOM % 10))
    W_HOLIDAYS[w]=$((TODAY - 2 + RANDOM % 60))
    if ((RANDOM % 2)); then
        h=$((TODAY - 2 + RANDOM % 60))
        [ "$h" = "${W_HOLIDAYS[w]}" ] || W_HOLIDAYS[w]+=" $h"
    fi
    W_N[w]=$((1 + RANDOM % 15))
    span=$((10 + RANDOM % 31))
    W_E[w]=0

    quarters=$((W_MINS[w] / 3))
    holidays=""
    for h in ${W_HOLIDAYS[w]}; do
        iso "$h"
        holidays+="${holidays:+, }$ISO"
    done
    iso "${W_AWAY_FROM[w]}"
    away_from=$ISO
    iso "${W_AWAY_TO[w]}"
    away_to=$ISO
    config="$TEST_DIR/w$w.toml"
    cat >"$config" <<TOML
[team]
workdays = ["mon", "tue", "wed", "thu", "fri"]
holidays = [$holidays]
[members.o]
hours_per_week = $((quarters / 4)).$((quarters % 4 * 25))
away = [{ from = $away_from, to = $away_to }]
TOML
    LEDGER="$TEST_DIR/w$w.db"

    for ((i = 1; i <= W_N[w]; i++)); do
        random_effort "$w"
        C_EFFORT[$w,$i]=$EFFORT
        if ((i > 1 && RANDOM % 4 == 0)); then
            C_DUE[$w,$i]=${C_DUE[$w,$((1 + RANDOM % (i - 1)))]}
        else
            C_DUE[$w,$i]=$((TODAY - 5 + RANDOM % (span + 6)))
        fi
        iso "${C_DUE[$w,$i]}"
        KEPT_TODAY=$PROMISED KEPT_NOW=${PROMISED}T09:00:00Z \
            kept --config "$config" add "Task $i" --client acme --owner o --due "$ISO" \
            --effort "${EFFORT}m" -q
        [ "$RC" = 0 ] || failure "workload $w: kept add #$i exited $RC: $ERR"
        expect_eq "$OUT" "$i" "workload $w: the id of commitment $i"
    done

    if ((RANDOM % 3 != 0)); then
        random_effort "$w"
        W_E[w]=$EFFORT
        kept --config "$config" when --owner o --effort "${EFFORT}m" --format json
        if [ "$RC" != 0 ]; then
            failure "workload $w: kept when --effort ${EFFORT}m exited $RC: $ERR"
            W_E[w]=0
        elif day_of "$(printf '%s' "$OUT" | jq -r '.[0].capacity_date')"; then
            W_D[w]=$DAY
        else
            failure "workload $w: kept when --effort ${EFFORT}m gave no capacity_date: $OUT"
            W_E[w]=0
        fi
    fi
done

# TaskJuggler's side: one resource per schedule, in a few project files run side by side.
# tasks RES W DUE... : the tasks of workload W's commitments on resource RES, plus one new task
# (id N+1, effort W_E[W]) due DUE when given, prioritised by (due, id).
tasks() {
    local res=$1 w=$2 n=${W_N[$2]} i rank=0 id due effort
    local -a lines=()
    for ((i = 1; i <= n; i++)); do
        lines+=("${C_DUE[$w,$i]} $i ${C_EFFORT[$w,$i]}")
    done
    [ $# -gt 2 ] && lines+=("$3 $((n + 1)) ${W_E[$w]}")
    while read -r due id effort; do
        printf 'task %s_t%d "%s #%d" { effort %dmin allocate %s priority %d }\n' \
            "$res" "$id" "$res" "$id" "$effort" "$res" $((1000 - rank))
        rank=$((rank + 1))
    done < <(printf '%s\n' "${lines[@]}" | sort -n -k1,1 -k2,2)
}

# resource RES W: workload W's owner as TaskJuggler resource RES. TaskJuggler's intervals exclude
# their end, so a leave ends on the day after the last day off.
resource() {
    local res=$1 w=$2 h end=$((9 * 60 + W_MINS[$2]))
    printf 'resource %s "%s" {\n' "$res" "$res"
    printf '  workinghours mon, tue, wed, thu, fri 9:00 - %d:%02d\n' $((end / 60)) $((end % 60))
    printf '  workinghours sat, sun off\n'
    iso "${W_AWAY_FROM[$w]}"
    printf '  leaves annual %s' "$ISO"
    iso $((W_AWAY_TO[w] + 1))
    printf ' - %s\n' "$ISO"
    for h in ${W_HOLIDAYS[$w]}; do
        iso "$h"
        printf '  leaves holiday %s' "$ISO"
        iso $((h + 1))
        printf ' - %s\n' "$ISO"
    done
    printf '}\n'
}

# prev_workday W DAY: sets PREV to the last day before DAY that W's owner works (or TODAY - 1).
prev_workday() {
    PREV=$(($2 - 1))
    while ((PREV >= TODAY)) && ! works "$1" "$PREV"; do
        PREV=$((PREV - 1))
    done
}

# The horizon: every schedule must end inside the project.
horizon=60
for ((w = 1; w <= WORKLOADS; w++)); do
    total=${W_E[w]}
    for ((i = 1; i <= W_N[w]; i++)); do
        total=$((total + C_EFFORT[$w,$i]))
    done
    day=$TODAY
    while ((total > 0)); do
        works "$w" "$day" && total=$((total - W_MINS[w]))
        day=$((day + 1))
    done
    ((day - TODAY + 14 > horizon)) && horizon=$((day - TODAY + 14))
    [ -n "${W_D[w]:-}" ] && ((W_D[w] - TODAY + 14 > horizon)) && horizon=$((W_D[w] - TODAY + 14))
done

jobs_n=$(nproc 2>/dev/null || echo 2)
((jobs_n > 4)) && jobs_n=4
((jobs_n < 1)) && jobs_n=1
for ((j = 0; j < jobs_n; j++)); do
    mkdir -p "$TEST_DIR/tj$j"
    {
        printf 'project kept "kept" %s +%dd {\n' "$KEPT_TODAY" "$horizon"
        printf '  timezone "UTC"\n  timingresolution 5min\n}\n'
        for ((w = 1 + j; w <= WORKLOADS; w += jobs_n)); do
            resource "w${w}" "$w"
            tasks "w${w}" "$w"
            if ((W_E[w])); then
                resource "w${w}at" "$w"
                tasks "w${w}at" "$w" "${W_D[w]}"
                prev_workday "$w" "${W_D[w]}"
                if ((PREV >= TODAY)); then
                    resource "w${w}before" "$w"
                    tasks "w${w}before" "$w" "$PREV"
                fi
            fi
        done
        printf 'taskreport "ends" { formats csv columns id, end '
        printf 'timeformat "%%Y-%%m-%%d %%H:%%M" }\n'
    } >"$TEST_DIR/tj$j/kept.tjp"
    (cd "$TEST_DIR/tj$j" && tj3 --silent --no-color kept.tjp >tj3.out 2>&1; echo $? >tj3.rc) &
done
wait

# END[TASK]: the day TaskJuggler's task ends.
declare -A END
for ((j = 0; j < jobs_n; j++)); do
    if [ "$(cat "$TEST_DIR/tj$j/tj3.rc")" != 0 ] || [ ! -f "$TEST_DIR/tj$j/ends.csv" ]; then
        failure "tj3 failed on its project $j: $(cat "$TEST_DIR/tj$j/tj3.out")"
        finish
    fi
    while IFS=';' read -r id end; do
        id=${id//\"/}
        end=${end//\"/}
        [ "$id" = Id ] && continue
        if day_of "${end%% *}"; then
            END[$id]=$DAY
        fi
    done <"$TEST_DIR/tj$j/ends.csv"
done

# tj3_end RES I: sets E to the day task #I of RES ends in TaskJuggler, or fails.
tj3_end() {
    E=${END[$1_t$2]:-}
    [ -n "$E" ] || { fail "TaskJuggler did not schedule task $1_t$2"; return 1; }
}

finishes=0
late=0
whens=0
firsts=0
for ((w = 1; w <= WORKLOADS; w++)); do
    LEDGER="$TEST_DIR/w$w.db"
    bad=0
    ok --config "$TEST_DIR/w$w.toml" forecast --owner o --format json
    rows=$(printf '%s' "$OUT" | jq -r '.[] | [.id, (.due // "null"), (.finish // "null"),
        (.slack_days // "null"), (.status // "null")] | @tsv')
    expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id] | sort')" \
        "$(seq -s, 1 "${W_N[w]}" | sed 's/^/[/; s/$/]/')" "workload $w: the ids in kept forecast"
    while IFS=$'\t' read -r id due finish slack status; do
        [ -n "$id" ] || continue
        [ -n "${C_DUE[$w,$id]:-}" ] || continue
        iso "${C_DUE[$w,$id]}"
        due_iso=$ISO
        hm "${C_EFFORT[$w,$id]}"
        what="workload $w, #$id (due $due_iso, effort $HM)"
        [ "$due" = "$due_iso" ] || { failure "$what: kept forecast says due $due"; bad=1; }
        tj3_end "w$w" "$id" || { bad=1; continue; }
        iso "$E"
        if [ "$finish" != "$ISO" ]; then
            failure "$what: kept forecast finishes it $finish, TaskJuggler ends it $ISO"
            bad=1
            continue
        fi
        finishes=$((finishes + 1))
        if ((E > C_DUE[$w,$id])); then
            late=$((late + 1))
            [[ $slack =~ ^-[1-9][0-9]*$ ]] && [ "$status" = "will miss" ] || {
                failure "$what: finishes late ($finish) but slack_days is $slack, status $status"
                bad=1
            }
        else
            [[ $slack =~ ^(0|[1-9][0-9]*)$ ]] &&
                [[ $status = "on track" || $status = "at risk" ]] || {
                failure "$what: finishes on time ($finish) but slack_days is $slack, status $status"
                bad=1
            }
        fi
    done <<<"$rows"

    if ((W_E[w])); then
        hm "${W_E[w]}"
        iso "${W_D[w]}"
        what="workload $w, kept when --effort $HM: capacity_date $ISO"
        new=$((W_N[w] + 1))
        if ((W_D[w] < TODAY)) || ! works "$w" "${W_D[w]}"; then
            failure "$what is not a day from today on that the owner works"
            bad=1
        fi
        # At D nothing breaks: the new work ends by D, on-time work stays on time, late work
        # ends no later.
        broken=""
        for ((i = 1; i <= W_N[w]; i++)); do
            tj3_end "w$w" "$i" || continue
            was=$E
            tj3_end "w${w}at" "$i" || continue
            if ((E > C_DUE[$w,$i] && E > was)); then
                iso "$E"
                broken+=" #$i ends $ISO"
                iso "$was"
                broken+=" (was $ISO)"
            fi
        done
        if tj3_end "w${w}at" "$new" && ((E > W_D[w])); then
            iso "$E"
            broken+=" the new work ends $ISO"
        fi
        if [ -n "$broken" ]; then
            failure "$what breaks a promise in TaskJuggler:$broken"
            bad=1
        fi
        # The owner's working day before D breaks one, unless D is the first such day.
        prev_workday "$w" "${W_D[w]}"
        if ((PREV < TODAY)); then
            firsts=$((firsts + 1))
        else
            broken=""
            for ((i = 1; i <= W_N[w]; i++)); do
                tj3_end "w$w" "$i" || continue
                was=$E
                tj3_end "w${w}before" "$i" || continue
                ((E > C_DUE[$w,$i] && E > was)) && broken=yes
            done
            tj3_end "w${w}before" "$new" && ((E > PREV)) && broken=yes
            if [ -z "$broken" ]; then
                iso "$PREV"
                failure "$what, but TaskJuggler keeps every promise with the work due $ISO"
                bad=1
            fi
        fi
        ((bad)) || whens=$((whens + 1))
    fi
    ((bad)) && describe "$w"
done

echo "tj3 agreed on $finishes finish dates and $whens when-dates" \
    "($late of the finishes late; $firsts when-dates the owner's first working day, with no day" \
    "before them to check)"
finish
