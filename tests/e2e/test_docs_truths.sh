#!/usr/bin/env bash
# What the docs say is what kept does: every mail line of the README, the docs, the man page, the
# examples and --help mails a body (kept check prints to stdout, so `check || mail` mails
# nothing); docs/report.md names every --section and every key of the JSON report; the man page
# promises nothing kept does not show.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || skip "jq is not installed"
src=$KEPT_SOURCE_DIR

# A mail command reads its body from a pipe or from a file, never from nothing.
kept_raw check --help
mail_lines=$({
    grep -Hn -- 'mail -s' "$src/README.md" "$src"/docs/*.md "$src"/examples/*.sh
    sed 's/\\-/-/g' "$src/docs/kept.1" | grep -n -- 'mail -s' | sed 's/^/kept.1:/'
    printf '%s\n' "$OUT" | grep -n -- 'mail -s' | sed 's/^/check --help:/'
})
[ -n "$mail_lines" ] || fail "no mail line found: the check is looking in the wrong places"
piped='(^|[^|])\|[[:space:]]*mail -s' redirected='mail -s[^<]*<'
while IFS= read -r line; do
    [[ $line =~ $piped || $line =~ $redirected ]] || fail "this mail reads no body: $line"
done <<<"$mail_lines"

# Every --section the binary names (report --help) is in docs/report.md and accepted.
kept_raw report --help
sections=$(printf '%s\n' "$OUT" | tr -s ' \n' ' ' | grep -oE 'Print one section: [a-z, ]+ or all' |
    sed 's/Print one section: //; s/,//g; s/ or / /')
[ -n "$sections" ] || fail "report --help names no sections"
doc_sections=$(grep -oE -- '--section [a-z|]+' "$src/docs/report.md" | head -n 1)
for section in $sections; do
    case "|${doc_sections#--section }|" in *"|$section|"*) ;; *)
        fail "docs/report.md's --section list lacks $section" ;;
    esac
done

# Every key of the JSON report, at any depth, is named in docs/report.md.
. "$HERE/report_history.sh"
kept report --format json
expect_rc 0
keys=$(printf '%s' "$OUT" | jq -r '[paths | .[] | strings] | unique | .[]')
[ "$(printf '%s\n' "$keys" | wc -l)" -gt 20 ] || fail "too few JSON keys: $keys"
for key in $keys; do
    grep -qF -- "\`$key\`" "$src/docs/report.md" || fail "docs/report.md does not name the JSON key $key"
done

# Nothing shows promises without an owner (every commitment has one), so the page does not say so.
tr '\n' ' ' <"$src/docs/kept.1" | grep -q 'nobody *owns' &&
    fail "the man page still promises \"promises nobody owns\""

finish
