#!/usr/bin/env bash
# One table of flag kinds: every kind `kept check --help` lists (read from the table in the
# core) is offered by the bash, zsh and fish completions and described in docs/report.md.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"

ok check --help
kinds=$(printf '%s\n' "$OUT" | sed -n '/^Flag kinds:/,/^$/p' | sed -n 's/^  \([a-z-]*\) .*/\1/p')
expect_eq "$(printf '%s\n' "$kinds" | wc -l)" 10 "kinds in check --help"
for kind in $kinds; do
    for file in completions/kept.bash completions/_kept completions/kept.fish; do
        grep -q -- "$kind" "$KEPT_SOURCE_DIR/$file" || fail "$file does not offer $kind"
    done
    grep -q -- "| \`$kind\` |" "$KEPT_SOURCE_DIR/docs/report.md" ||
        fail "docs/report.md has no row for $kind in its table of flag kinds"
done
finish
