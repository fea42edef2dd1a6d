#!/usr/bin/env bash
# Owners people mistype: add and renegotiate --owner warn (strict: refuse) when [members] does
# not list the owner but clearly means one of its people (another case, a slip or two); a name
# near no member is someone [members] need not list (it only gives people their own capacity).
# list, report, check and export --owner warn when a name matches nobody (no member, no
# commitment's owner) and print the empty answer, exit 0; in a table always, in json, csv and
# the like only when a known name is clearly meant.
. "$(dirname "$0")/lib.sh"

cat >kept.toml <<'TOML'
[members.alice]
[members.bob]
[members.carol]
TOML

# Filters first, while only alice and bob own work.
ok add "Export" --client acme --owner alice --due 2026-12-04 --effort 4h -q
ok add "Docs" --client acme --owner bob --due 2026-12-02 --effort 2h -q

warns 'no commitment has owner "bbo" (did you mean "bob"?)' list --owner bbo --format json
expect_out "[]"
warns 'no commitment has owner "Alice" (did you mean "alice"?)' list --owner Alice --format json
expect_out "[]"
warns 'no commitment has owner "zed"' list --owner zed
expect_out_has "OWNER"
# A script may ask about someone without work: no noise unless a name is clearly meant.
ok list --owner zed --format json
expect_out "[]"
ok list --owner zed --format csv
warns 'no commitment has owner "bbo" (did you mean "bob"?)' list --owner bob --owner bbo --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[2]' "the owner that matches still lists"
# A member with no work is somebody: the empty list, no warning.
ok list --owner carol --format json
expect_out "[]"
# An owner with only closed work is somebody too.
ok list --owner bob --state delivered --format json
expect_out "[]"
warns 'no commitment has owner "bbo" (did you mean "bob"?)' export --owner bbo
expect_out ""

ok export --owner zed
expect_out ""
warns 'no commitment has owner "zed"' report --owner zed
ok report --owner zed --format json
warns 'no commitment has owner "bbo" (did you mean "bob"?)' report --owner bbo --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[(.flags | length), ([.load[].load_hours] | add)]')" '[0,0]' "report of nobody"
warns 'no commitment has owner "alcie" (did you mean "alice"?)' check --owner alcie
expect_out ""
ok report --owner carol --format json
ok check --owner alice

# add and renegotiate: a mistyped or miscased owner is a warning; the commitment is still made.
warns '"bbo" is not a member (did you mean "bob"?)' add "Fix" --client acme --owner bbo --due 2026-12-04 --effort 1h
expect_out 'added #3 "Fix" for acme, owner bbo, due 2026-12-04, 1.0h'
warns '"Alice" is not a member (did you mean "alice"?)' add "Fix 2" --client acme --owner Alice --due 2026-12-04 --effort 1h -q
expect_out "4"
# Someone near no member is not a mistake: [members] need not list everyone.
ok add "Fix 3" --client acme --owner zed --due 2026-12-04 --effort 1h -q
ok add "Fix 4" --client acme --owner carol --due 2026-12-04 --effort 1h -q
# Without --owner the owner is you: nobody typed a name, no warning.
ok add "Mine" --client acme --due 2026-12-04 --effort 1h -q
warns '"bbo" is not a member (did you mean "bob"?)' renegotiate 1 --owner bbo --reason "handover"
expect_out_has "renegotiated #1"
ok renegotiate 1 --owner bob --reason "handover, spelled right"

# Strict: refused, nothing written.
rejects 65 '--owner: "bbo" is not a member (did you mean "bob"?) (refused: strict mode; nothing was written)' \
    add "Strict" --client acme --owner bbo --due 2026-12-04 --effort 1h --strict
rejects 65 '--owner: "Bob" is not a member (did you mean "bob"?) (refused: strict mode; nothing was written)' \
    renegotiate 2 --owner Bob --reason "handover" --strict
sed -i '1i [team]\nstrict = true' kept.toml
rejects 65 '--owner: "carl" is not a member (did you mean "carol"?) (refused: strict mode; nothing was written)' \
    add "Strict" --client acme --owner carl --due 2026-12-04 --effort 1h
ok add "Strict, spelled right" --client acme --owner carol --due 2026-12-04 --effort 1h -q

# A team that lists nobody has no members to miss; filters still say when nobody matches.
rm kept.toml
LEDGER="$TEST_DIR/open.db"
ok add "Anyone" --client acme --owner whoever --due 2026-12-04 --effort 1h -q
warns 'no commitment has owner "whoevr" (did you mean "whoever"?)' list --owner whoevr --format json
ok list --owner whoever --format json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].id]')" '[1]' "the owner"

# A roll-up: a name some team has is somebody.
A="$TEST_DIR/a.db" B="$TEST_DIR/b.db"
LEDGER=$A ok add "A" --client acme --owner alice --due 2026-12-04 --effort 1h -q
LEDGER=$B ok add "B" --client acme --owner bob --due 2026-12-04 --effort 1h -q
kept_raw --ledger "$A" --ledger "$B" list --owner bob --format json
expect_rc 0
expect_err ""
kept_raw --ledger "$A" --ledger "$B" list --owner bbo --format json
expect_rc 0
expect_err 'kept: warning: no commitment has owner "bbo" (did you mean "bob"?)'
expect_out "[]"
kept_raw --ledger "$A" --ledger "$B" report --owner alcie --format json
expect_rc 0
expect_err 'kept: warning: no commitment has owner "alcie" (did you mean "alice"?)'

# The help says so.
ok add --help
expect_out_has "warns when it is not in [members] but clearly means a member"

finish
