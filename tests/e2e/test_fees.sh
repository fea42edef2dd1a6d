#!/usr/bin/env bash
# Fees: add --fee and renegotiate --fee record what the client pays, exactly, in [team] currency;
# show, list, log, export/import and the statement carry it; the creep flag says when effort or
# scope grew and the fee did not; bad amounts and currencies are refused with nothing written.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cat >kept.toml <<'TOML'
[team]
name = "studio"
currency = "EUR"
TOML

kept config
expect_out_has "team.currency                  EUR"
ok add "Brand refresh" --client acme --owner alice --due 2026-12-11 --effort 8h --fee 1200 -q
expect_out 1
ok add "Landing page" --client acme --owner alice --due 2026-12-18 --effort 4h -q
ok add "Audit" --client ops --internal --owner bob --due 2026-12-04 --effort 2h --fee 0 -q

ok show 1 --format json
expect_eq "$(jq -c '[.fee, .original_fee]' <<<"$OUT")" '["1200.00","1200.00"]' "fee in show json"
ok show 2 --format json
expect_eq "$(jq -c '[.fee, .original_fee]' <<<"$OUT")" '[null,null]' "no fee"
ok show 1
expect_out_has "fee             1,200 EUR"
ok show 2
case "$OUT" in *"fee "*) fail "show 2 names a fee it has not: $OUT" ;; esac
ok list --format json
expect_eq "$(jq -c '[.[] | .fee]' <<<"$OUT")" '["0.00","1200.00",null]' "fees in list json"

# The client asks for more; the effort grows and the fee does not: creep says so.
ok renegotiate 1 --effort 13h --add-scope logo --add-scope icons --reason "client wants icons" \
    --requested-by client
kept check creep --format json
expect_rc 1
expect_eq "$(jq -r '.[0].detail' <<<"$OUT")" \
    "effort 8.0h → 13.0h (+62%), scope +2 items, fee unchanged (1,200), due unchanged" "creep, fee unchanged"
expect_eq "$(jq -c '.[0] | [.fee, .original_fee]' <<<"$OUT")" '["1200.00","1200.00"]' "creep fee fields"

# The fee is renegotiated: the detail says by how much, show gives both, log the change.
ok renegotiate 1 --fee 1500.5 --reason "agreed the icons at 300.50" --requested-by client
expect_out "renegotiated #1: fee 1,200 -> 1,500.50"
kept check creep --format json
expect_eq "$(jq -r '.[0].detail' <<<"$OUT")" \
    "effort 8.0h → 13.0h (+62%), scope +2 items, fee 1,200 → 1,500.50 (+25%), due unchanged" "creep, fee grew"
ok show 1
expect_out_has "fee             1,500.50 EUR  (promised 1,200 EUR)"
ok log 1
expect_out_has "fee 1,200 -> 1,500.50"
ok statement --client acme --format json
expect_eq "$(jq -c '[.currency, (.commitments[] | [.id, .fee, .first_fee])]' <<<"$OUT")" \
    '["EUR",[1,"1500.50","1200.00"],[2,null,null]]' "statement fees"
expect_eq "$(jq -c '[.commitments[0].changes[] | .fee]' <<<"$OUT")" \
    '[null,{"before":"1200.00","after":"1500.50"}]' "statement fee change"
ok statement --client acme
expect_out_has "| Fee |"
expect_out_has "1,500.50 EUR (first 1,200 EUR)"
expect_out_has "fee 1,200 → 1,500.50"

# A fee set on a promise made without one, then dropped again.
ok renegotiate 2 --fee 400 --reason "quoted"
ok show 2 --format json
expect_eq "$(jq -c '[.fee, .original_fee]' <<<"$OUT")" '["400.00",null]' "fee set later"
ok renegotiate 2 --fee none --reason "included in the retainer"
ok show 2 --format json
expect_eq "$(jq -c '.fee' <<<"$OUT")" 'null' "fee dropped"
rejects 65 'nothing to renegotiate: give --due, --effort, --add-scope, --drop-scope, --owner or --fee with a new value for #2' \
    renegotiate 2 --fee none --reason "again"

# Bad amounts: refused, naming the value, nothing written.
for bad in -5 12,50 1.234 1e3 abc none; do
    rejects 65 "--fee: \"$bad\" is not an amount (use 1200 or 1200.50)" \
        add "Bad" --client acme --owner alice --due 2026-12-11 --effort 1h --fee "$bad"
done
rejects 65 '--fee: "1000000000000.01" is too large (at most 1000000000000)' \
    renegotiate 1 --fee 1000000000000.01 --reason "x"

# A rebuild replays the fees from the events; an export imports with them.
ok rebuild
ok show 1 --format json
expect_eq "$(jq -c '[.fee, .original_fee]' <<<"$OUT")" '["1500.50","1200.00"]' "fee after rebuild"
ok export --format ndjson
printf '%s\n' "$OUT" > rows.ndjson
LEDGER="$TEST_DIR/copy.db" ok import --commitments rows.ndjson
LEDGER="$TEST_DIR/copy.db" ok list --format json
expect_eq "$(jq -c '[.[] | .fee]' <<<"$OUT")" '["0.00","1500.50",null]' "fees after export and import"
printf 'title,client,owner,due,effort,fee\nX,acme,alice,2026-12-11,1h,99.9\n' > rows.csv
LEDGER="$TEST_DIR/csv.db" ok import --commitments rows.csv
LEDGER="$TEST_DIR/csv.db" ok show 1 --format json
expect_eq "$(jq -r '.fee' <<<"$OUT")" "99.90" "fee from csv"
printf 'title,client,owner,due,effort,fee\nX,acme,alice,2026-12-11,1h,9.999\n' > bad.csv
LEDGER="$TEST_DIR/bad.db" kept import --commitments bad.csv
expect_rc 65
expect_err_has 'fee: "9.999" is not an amount'

# [team] currency: three capital letters, or the config is refused with its place.
printf '[team]\ncurrency = "euro"\n' > kept.toml
kept list
expect_rc 78
expect_err_has 'team.currency must be a currency code of three capital letters ("EUR", "USD"), not "euro"'
printf '[team]\n' > kept.toml
ok show 1
expect_out_has "fee             1,500.50  (promised 1,200)"
finish
