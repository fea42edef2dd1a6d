#!/usr/bin/env bash
# cmake --install puts the binary, the man page, the completions and the documentation in the
# standard places under the prefix, and the installed binary runs.
. "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$KEPT")
command -v cmake >/dev/null || skip "cmake is not installed"
command -v man >/dev/null || skip "man is not installed (.ci/install-deps --test installs man-db)"
[ -f "$build_dir/CMakeCache.txt" ] || skip "no build tree beside $KEPT"

prefix="$TEST_DIR/prefix"
log=$(cmake --install "$build_dir" --prefix "$prefix" 2>&1) || fail "cmake --install failed: $log"

# zsh looks in share/zsh/site-functions under /usr/local (the Debian package uses
# vendor-completions: test_package.sh); the man page is compressed, as Debian wants it.
for file in bin/kept share/man/man1/kept.1.gz share/bash-completion/completions/kept \
    share/zsh/site-functions/_kept share/fish/vendor_completions.d/kept.fish \
    share/doc/kept/formats.md share/doc/kept/import-export.md \
    share/doc/kept/examples/bulk-import.csv share/doc/kept/examples/pipe-jq.sh; do
    [ -f "$prefix/$file" ] || fail "not installed: $file"
done
# All of docs/ (the man page aside), and no .gitignore among the examples.
[ -n "${KEPT_SOURCE_DIR:-}" ] || fail "KEPT_SOURCE_DIR must name the source tree"
for doc in "${KEPT_SOURCE_DIR:-/nonexistent}"/docs/*.md; do
    [ -f "$prefix/share/doc/kept/${doc##*/}" ] || fail "not installed: share/doc/kept/${doc##*/}"
done
[ -z "$(find "$prefix" -name .gitignore)" ] || fail "cmake --install ships a .gitignore"
# The installed completions are the binary's own.
for pair in bash:share/bash-completion/completions/kept zsh:share/zsh/site-functions/_kept \
    fish:share/fish/vendor_completions.d/kept.fish; do
    "$KEPT" completions "${pair%%:*}" | cmp -s - "$prefix/${pair#*:}" ||
        fail "installed ${pair#*:} is not what kept completions ${pair%%:*} prints"
done
[ -x "$prefix/bin/kept" ] || fail "bin/kept is not executable"
[ -x "$prefix/share/doc/kept/examples/pipe-jq.sh" ] || fail "examples lost their execute bit"

kept_raw --version
expected=$OUT
OUT=$("$prefix/bin/kept" --version)
expect_eq "$OUT" "$expected" "installed kept --version"

# The installed man page is found by man through the prefix.
page=$(MANPATH="$prefix/share/man" MANWIDTH=80 man kept 2>/dev/null | head -n 5)
case "$page" in *"kept - a ledger"*) ;; *) fail "man kept did not find the installed page" ;; esac

finish
