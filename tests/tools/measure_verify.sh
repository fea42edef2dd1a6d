#!/usr/bin/env bash
# Measures `kept verify` on a generated ledger (docs/reliability.md). Needs a build directory with
# kept and kept_gen_ledger, and about 900 MB of disk per million events.
# Usage: tests/tools/measure_verify.sh [BUILD_DIR] [EVENTS]   (defaults: build, 1000000)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
EVENTS=${2:-1000000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
/usr/bin/time -f "generated $EVENTS events in %e s" "$BUILD/bench/kept_gen_ledger" --out "$WORK/big.db" --events "$EVENTS"
du -h "$WORK/big.db" | cut -f1 | sed 's/^/ledger size: /'
sqlite3 "$WORK/big.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
/usr/bin/time -f "PRAGMA integrity_check alone: %e s" sqlite3 "$WORK/big.db" 'PRAGMA integrity_check' >/dev/null
for run in 1 2 3; do
    /usr/bin/time -f "kept verify, run $run: %e s wall, %U s user, %S s sys, %M KB max RSS" \
        "$BUILD/kept" --ledger "$WORK/big.db" verify
done
/usr/bin/time -f "kept verify --full: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$BUILD/kept" --ledger "$WORK/big.db" verify --full
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
