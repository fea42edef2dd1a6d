#!/usr/bin/env bash
# docs/clients.md is kept's own output: its config and scripted week, run on a fresh ledger,
# print exactly the forecast, triage, digest and statement the page shows.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
page=$KEPT_SOURCE_DIR/docs/clients.md

# block LANG N: the N-th fenced block opened with ```LANG (LANG empty: a bare ```).
block() {
    awk -v lang="$1" -v n="$2" '
        inside && /^```$/ { inside = 0; if (seen == n) exit; next }
        inside { if (seen == n) print; next }
        $0 == "```" lang { inside = 1; seen++ }' "$page"
}

# shown COMMAND: the output the page shows under "$ COMMAND", up to the fence that opened it
# (four backticks around Markdown that holds fences of its own).
shown() {
    awk -v prompt="\$ $1" '
        inside && $0 == fence { exit }
        inside { print; next }
        $0 == prompt { inside = 1; fence = previous }
        { previous = $0 }' "$page"
}

block toml 1 >kept.toml
[ -s kept.toml ] || fail "docs/clients.md holds no config"

# The week's shell blocks join their continued lines first.
joined() { sed -e ':a' -e '/\\$/N; s/\\\n *//; ta'; }

# expect_shown COMMAND [RC]: kept prints what the page shows under "$ COMMAND" and exits RC
# (default 0; kept check exits 1 when it prints flags).
expect_shown() {
    local command=$1
    local expected
    expected=$(shown "$command")
    [ -n "$expected" ] || fail "docs/clients.md shows no \"\$ $command\""
    eval "kept ${command#kept }"
    expect_rc "${2:-0}"
    expect_out "$expected"
}

# play LINES: each line of a shell block of the page, kept's commands run by lib.sh's kept
# (on the test's ledger); each must exit 0.
play() {
    local line
    while IFS= read -r line; do
        RC=0
        eval "$line"
        expect_rc 0
    done < <(joined | grep -v '^$')
}

block sh 1 | play

export KEPT_USER=alice KEPT_TODAY=2026-11-25
expect_shown "kept forecast"
expect_shown "kept triage"
expect_shown "kept digest"
block sh 2 | play
export KEPT_TODAY=2026-11-25
expect_shown "kept statement --client ops --since mon"
export KEPT_TODAY=2026-11-30
expect_shown "kept digest --format md"
expect_shown "kept check heads-up" 1
block sh 3 | play
export KEPT_TODAY=2026-11-30
expect_shown "kept check creep" 1

finish
