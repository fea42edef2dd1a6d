#!/usr/bin/env bash
# cmake --install puts the binary, the man page, the completions and the documentation in the
# standard places under the prefix, and the installed binary runs.
. "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$KEPT")
command -v cmake >/dev/null || { echo "cmake missing" >&2; exit 77; }
[ -f "$build_dir/CMakeCache.txt" ] || { echo "no build tree beside $KEPT" >&2; exit 77; }

prefix="$TEST_DIR/prefix"
log=$(cmake --install "$build_dir" --prefix "$prefix" 2>&1) || fail "cmake --install failed: $log"

for file in bin/kept share/man/man1/kept.1 share/bash-completion/completions/kept \
    share/zsh/vendor-completions/_kept share/fish/vendor_completions.d/kept.fish \
    share/doc/kept/formats.md share/doc/kept/import-export.md \
    share/doc/kept/examples/bulk-import.csv share/doc/kept/examples/pipe-jq.sh; do
    [ -f "$prefix/$file" ] || fail "not installed: $file"
done
[ -x "$prefix/bin/kept" ] || fail "bin/kept is not executable"
[ -x "$prefix/share/doc/kept/examples/pipe-jq.sh" ] || fail "examples lost their execute bit"

kept_raw --version
expected=$OUT
OUT=$("$prefix/bin/kept" --version)
expect_eq "$OUT" "$expected" "installed kept --version"

# The installed man page is found by man through the prefix.
if command -v man >/dev/null; then
    page=$(MANPATH="$prefix/share/man" MANWIDTH=80 man kept 2>/dev/null | head -n 5)
    case "$page" in *"kept - a ledger"*) ;; *) fail "man kept did not find the installed page" ;; esac
fi

finish
