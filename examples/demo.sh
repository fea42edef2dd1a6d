#!/usr/bin/env bash
# Builds kept and shows its main job on a throwaway ledger: record promises, renegotiate one
# before its date, deliver one, list what is still owed, report where the team is promising
# more than it can carry, and forecast which promises will slip.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKEPT_BUILD_TESTS=OFF >/dev/null
cmake --build build >/dev/null

demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
# The embedded default ledger lives under $XDG_DATA_HOME; point it at the throwaway directory.
export XDG_DATA_HOME="$demo/data" XDG_CONFIG_HOME="$demo/config" KEPT_USER=demo
export KEPT_TODAY=2026-11-23 KEPT_NOW=2026-11-23T09:00:00Z
kept() { printf "$ kept"; printf " %q" "$@"; printf "\n"; build/kept "$@"; echo; }

while IFS='|' read -r title client owner due effort scope; do
    kept add "$title" --client "$client" --owner "$owner" --due "$due" --effort "$effort" \
        --scope "$scope"
done < <(grep -v '^#' examples/commitments.txt)

kept renegotiate 2 --due 2026-12-11 --effort=+4h --add-scope "audit log" \
    --reason "client asked for an audit log; agreed a week more" --requested-by client
kept close 1 --delivered
kept list
kept show 2
kept log 2
kept report --weeks 4
kept when --owner bob --effort 2d
kept forecast
kept verify
