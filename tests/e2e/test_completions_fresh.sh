#!/usr/bin/env bash
# The completion scripts committed in completions/ (for those who install without building) are
# what the binary generates from its parser; the build writes and installs fresh ones.
. "$(dirname "$0")/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"

for pair in bash:kept.bash zsh:_kept fish:kept.fish; do
    shell=${pair%%:*} file=${pair#*:}
    "$KEPT" completions "$shell" >"$file" || fail "kept completions $shell failed"
    if ! diff -u "$KEPT_SOURCE_DIR/completions/$file" "$file" >"$file.diff"; then
        fail "completions/$file differs from what kept completions $shell prints; regenerate it" \
            "with: build/kept completions $shell > completions/$file
$(head -n 40 "$file.diff")"
    fi
done

# The build's copies, beside the binary, are fresh too.
build_dir=$(dirname "$KEPT")
for file in kept.bash _kept kept.fish; do
    cmp -s "$file" "$build_dir/completions/$file" ||
        fail "the build's completions/$file is not what the binary prints (rebuild target kept_completions)"
done

kept_raw completions tcsh
expect_rc 65
expect_err 'kept: SHELL: "tcsh" is not one of bash, zsh, fish'
kept_raw --help
case "$OUT" in *completions*) fail "kept --help lists the hidden completions command" ;; esac

finish
