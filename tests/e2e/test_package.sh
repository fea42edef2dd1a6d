#!/usr/bin/env bash
# The Debian package (cpack -G DEB from the build tree, without building kept again) passes
# lintian with no error or warning, and ships the binary, the compressed man page, the
# completions where each shell looks, the documentation, a changelog and a copyright file.
# Skipped unless cpack, dpkg-deb and lintian are installed (.ci/install-deps --test).
. "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$KEPT")
for tool in cpack dpkg-deb dpkg-shlibdeps lintian; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (.ci/install-deps --test)"
done
[ -f "$build_dir/CPackConfig.cmake" ] || skip "no build tree beside $KEPT"
# The package is made from a plain build, not from one linked with the sanitizers' runtimes.
grep -q '^KEPT_SANITIZE:BOOL=ON' "$build_dir/CMakeCache.txt" && skip "a sanitizer build is not packaged"

log=$(cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$TEST_DIR/pkg" 2>&1) ||
    { fail "cpack failed: $log"; finish; }
deb=$(find "$TEST_DIR/pkg" -maxdepth 1 -name "kept_*.deb" | head -n 1)
[ -n "$deb" ] || { fail "cpack wrote no .deb: $log"; finish; }

contents=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')
for file in /usr/bin/kept /usr/share/man/man1/kept.1.gz \
    /usr/share/bash-completion/completions/kept /usr/share/zsh/vendor-completions/_kept \
    /usr/share/fish/vendor_completions.d/kept.fish /usr/share/doc/kept/changelog.gz \
    /usr/share/doc/kept/copyright /usr/share/doc/kept/user-guide.md \
    /usr/share/doc/kept/report.md /usr/share/doc/kept/examples/cron.sh; do
    printf '%s\n' "$contents" | grep -qx -- "$file" || fail "the package lacks $file"
done
printf '%s\n' "$contents" | grep -q '\.gitignore$' && fail "the package ships a .gitignore"

# Signatures load libcrypto.so.3 when first used, which dpkg-shlibdeps cannot see.
depends=$(dpkg-deb -f "$deb" Depends)
printf '%s\n' "$depends" | grep -qE '(^|, )libssl3( |,|$)' ||
    fail "the package does not depend on libssl3 (Depends: $depends)"
printf '%s\n' "$depends" | grep -q 'libsqlite3' ||
    fail "the package lost the dependencies dpkg-shlibdeps finds (Depends: $depends)"

# The zsh completion in the package is the binary's own.
mkdir -p root
dpkg-deb -x "$deb" root
"$KEPT" completions zsh | cmp -s - root/usr/share/zsh/vendor-completions/_kept ||
    fail "the package's _kept is not what kept completions zsh prints"

findings=$(lintian --no-tag-display-limit "$deb" 2>&1 | grep -E '^[EW]: ')
expect_eq "$findings" "" "lintian errors and warnings"

finish
