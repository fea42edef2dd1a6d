#!/usr/bin/env bash
# The man page renders without warnings and covers every subcommand and option the binary
# knows, every exit code and environment variable; every --help shows an example.
. "$(dirname "$0")/lib.sh"
: "${KEPT_SOURCE_DIR:?KEPT_SOURCE_DIR must name the source tree}"
page="$KEPT_SOURCE_DIR/docs/kept.1"
[ -f "$page" ] || { fail "docs/kept.1 is missing"; finish; }

for tool in groff mandoc man; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (.ci/install-deps --test installs it)"
done
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
expect_eq "$warnings" "" "groff warnings"
lint=$(mandoc -T lint "$page" 2>&1)
expect_eq "$lint" "" "mandoc -T lint"
text=$(MANWIDTH=80 man -l "$page" 2>"$TEST_DIR/man.err")
expect_eq "$(cat "$TEST_DIR/man.err")" "" "man -l warnings"
case "$text" in *"EXIT STATUS"*) ;; *) fail "man -l rendered no EXIT STATUS section" ;; esac

# The page as plain text, roff escapes for "-" undone, to compare with what the binary says.
source_text=$(sed 's/\\-/-/g' "$page")

# Every subcommand has its section, and every option its help lists is in that section or in
# the global options.
kept_raw --help
commands=$(printf '%s\n' "$OUT" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
[ -n "$commands" ] || fail "no subcommands found in kept --help"
for command in $commands; do
    section=$(printf '%s\n' "$source_text" | awk -v c="$command" '
        /^\.SS / { inside = index($0, "\"kept " c " ") || index($0, "\"kept " c "\"") }
        inside')
    [ -n "$section" ] || { fail "no man page section for kept $command"; continue; }
    kept_raw "$command" --help
    expect_rc 0
    case "$OUT" in *$'Example:\n  kept '*) ;; *) fail "kept $command --help shows no example" ;; esac
    # The command's own options (the global ones it honours, listed under them, have theirs).
    for option in $(printf '%s\n' "$OUT" | sed '/^Global options/,/^$/d' |
        grep -oE '^  (-[a-z],)?--[a-z-]+' | sed 's/^ *//; s/^-[a-z],//'); do
        [ "$option" = --help ] && continue
        case "$section" in *"$option"*) ;; *) fail "man page: kept $command lacks $option" ;; esac
    done
done

# Report, check, when, sync and rebuild are documented too.
for command in report check when sync rebuild; do
    printf '%s\n' "$source_text" | grep -q "^\.SS \"kept $command" || fail "man page lacks kept $command"
done

# Global options, exit codes, environment variables, files.
for option in --config --team --ledger --format --color --no-pager --as --help --version; do
    printf '%s\n' "$source_text" | grep -q -- "^\.BI\? $option\b" ||
        printf '%s\n' "$source_text" | grep -q -- "^\.B $option\$" || fail "man page lacks global option $option"
done
for code in 0 1 64 65 66 70 73 74 75 77 78; do
    printf '%s\n' "$source_text" | sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' | grep -qx "\.B $code" ||
        fail "man page lacks exit code $code"
done
for variable in KEPT_CONFIG KEPT_USER KEPT_TODAY KEPT_NOW KEPT_BUSY_TIMEOUT_MS NO_COLOR KEPT_PAGER COLUMNS \
    XDG_CONFIG_HOME XDG_DATA_HOME; do
    printf '%s\n' "$source_text" | sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' | grep -q "$variable" ||
        fail "man page lacks environment variable $variable"
done
# Every variable the source reads is documented.
for variable in $(grep -rhoE 'getenv\("[A-Z_]+"\)|env\("[A-Z_]+"\)|"(KEPT|XDG)_[A-Z_]+"' \
    "$KEPT_SOURCE_DIR/src" | grep -oE '[A-Z][A-Z_]+' | sort -u); do
    printf '%s\n' "$source_text" | grep -q "$variable" || fail "man page lacks $variable, read in src/"
done

# The version in the page is the binary's.
kept_raw --version
expect_eq "$(grep -oE '^\.TH KEPT 1 "[^"]*" "kept [^"]*"' "$page" | grep -oE 'kept [0-9.]+')" "$OUT" \
    "man page version"

finish
