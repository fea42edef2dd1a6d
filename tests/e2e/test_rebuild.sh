#!/usr/bin/env bash
# The commitments table is derived state: after a long scripted history (adds, renegotiations of
# every kind, closes, reopens, on changing days), `kept rebuild` recomputes it from the events
# alone and gets exactly the table the commands maintained incrementally.
. "$(dirname "$0")/lib.sh"

RANDOM=20261123
dump() { sqlite3 -header "$LEDGER" 'SELECT * FROM commitments ORDER BY id'; }

day=0
for step in $(seq 1 150); do
    day=$((day + RANDOM % 2))
    today=$(date -u -d "2026-11-02 + $day days" +%F)
    export KEPT_TODAY=$today KEPT_NOW=${today}T10:00:00Z
    n=$(sqlite3 "$LEDGER" 'SELECT count(*) FROM commitments' 2>/dev/null || echo 0)
    pick=$((RANDOM % 6))
    if [ "$n" -lt 5 ] || [ "$pick" -eq 0 ]; then
        succeeds add "Item $step" --client "client$((RANDOM % 4))" --owner "owner$((RANDOM % 3))" \
            --due "+$((RANDOM % 30))d" --effort "$((RANDOM % 20 + 1))h" --scope "part $step" -q
        continue
    fi
    id=$((RANDOM % n + 1))
    state=$(sqlite3 "$LEDGER" "SELECT state FROM commitments WHERE id = $id")
    if [ "$state" != open ]; then
        succeeds reopen "$id" --reason "step $step"
        continue
    fi
    case $pick in
    1) succeeds renegotiate "$id" --due "+$((RANDOM % 40 + 1))d" --reason "step $step" ;;
    2) succeeds renegotiate "$id" --effort=+$((RANDOM % 5 + 1))h --add-scope "extra $step" --reason "step $step" \
        --requested-by client ;;
    3) succeeds renegotiate "$id" --owner "owner$step" --reason "step $step" ;;
    4) succeeds close "$id" --delivered ;;
    5) succeeds close "$id" --dropped --reason "step $step" ;;
    esac
done

before=$(dump)
events=$(event_count)
kept rebuild
expect_rc 0
expect_out_has "from $events event(s)"
after=$(dump)
[ "$before" = "$after" ] || fail "rebuild differs from the incremental state:
$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -20)"
expect_eq "$(event_count)" "$events" "rebuild adds no event"
[ "$(printf '%s\n' "$before" | wc -l)" -gt 20 ] || fail "the scripted history made too few commitments"

# A damaged derived row is repaired by rebuild.
sqlite3 "$LEDGER" "UPDATE commitments SET title = 'wrong', effort_minutes = 1 WHERE id = 3"
kept rebuild
expect_rc 0
[ "$(dump)" = "$before" ] || fail "rebuild did not repair a damaged row"

kept verify
expect_rc 0
finish
