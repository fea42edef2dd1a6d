#!/usr/bin/env bash
# The scripts in examples/ run against real ledgers and print what they promise.
. "$(dirname "$0")/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "jq missing" >&2; exit 77; }
examples="$KEPT_SOURCE_DIR/examples"

mkdir -p bin
ln -s "$KEPT" bin/kept
export PATH="$TEST_DIR/bin:$PATH"

# Bulk import of the sample sheet.
out=$(bash "$examples/bulk-import.sh" "$examples/bulk-import.csv" --ledger "$TEST_DIR/platform.db" 2>&1)
expect_eq "$?" 0 "bulk-import.sh exit status"
expect_eq "$out" "added 4 commitments:
  #1 Export API, v2 (alice, due 2026-12-07)
  #2 Fix login redirect (bob, due 2026-11-27)
  #3 Quarterly review (board pack) (carol, due 2026-11-30)
  #4 SSO for the admin console (alice, due 2026-12-21)" "bulk-import.sh output"
LEDGER="$TEST_DIR/platform.db"
kept show 2 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.client_kind, .tags]')" '["internal",["bug"]]' "sample row 2"
kept show 3 --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.scope, .tags]')" '[["slides","numbers"],["q4","exec"]]' "sample row 3"
ok renegotiate 2 --due 2026-12-02 --reason "waiting on billing"

# jq recipes.
out=$(bash "$examples/pipe-jq.sh" --ledger "$LEDGER" 2>&1)
expect_eq "$?" 0 "pipe-jq.sh exit status"
expect_eq "$out" "Export API, v2
SSO for the admin console
alice	56h
bob	6h
carol	1.5h
#2 Fix login redirect: 2026-11-27 -> 2026-12-02" "pipe-jq.sh output"

# Org roll-up over two team ledgers.
LEDGER="$TEST_DIR/mobile.db"
ok add "App store release" --client acme --owner alice --due 2026-12-01 --effort 4h
ok add "Push notifications" --client ops --internal --owner dan --due 2027-01-15 --effort 3d
out=$(bash "$examples/org-rollup.sh" "$TEST_DIR/platform.db" "$TEST_DIR/mobile.db" 2>&1)
expect_eq "$?" 0 "org-rollup.sh exit status"
expect_eq "$out" "Open commitments by team:
  mobile: 2 open, 28h, 0 moved
  platform: 4 open, 63.5h, 1 moved
Busiest owners across the org:
  alice: 60h (mobile,platform)
  dan: 24h (mobile)
  bob: 6h (platform)
  carol: 1.5h (platform)
Due in the next 14 days:
  2026-11-30 platform#3 Quarterly review
(board pack) (carol)
  2026-12-01 mobile#1 App store release (alice)
  2026-12-02 platform#2 Fix login redirect (bob)
wrote org-rollup.csv" "org-rollup.sh output"
expect_eq "$(python3 -c 'import csv; rows = list(csv.DictReader(open("org-rollup.csv"))); print(len(rows), rows[0]["team"], sorted(rows[0])[0])')" \
    "6 platform client" "org-rollup.csv"

# The cron example is valid shell and says how to install it.
bash -n "$examples/cron.sh" || fail "cron.sh does not parse"
grep -q 'crontab -e' "$examples/cron.sh" || fail "cron.sh does not show the crontab lines"

finish
