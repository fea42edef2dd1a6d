#!/usr/bin/env bash
# Every command and every option the parser has, offered by each real shell: the completions are
# generated from the parser (kept completions SHELL), and the expected lists come from the
# binary's --help, so a new option is covered here without editing this test. bash through its
# completion function, fish through `complete -C`, zsh interactively in tmux. Skipped unless zsh,
# fish and tmux are installed (.ci/install-deps --test installs them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion_lib.sh"
for tool in zsh fish tmux; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done

write_completions scripts
mkdir -p bin
ln -s "$KEPT" bin/kept
export PATH="$TEST_DIR/bin:$PATH"

commands=$(help_commands)
[ "$(printf '%s\n' "$commands" | wc -l)" -gt 10 ] || fail "kept --help lists too few commands"
globals=$(help_options)
printf '%s\n' "$globals" | grep -qx -- --ledger || fail "kept --help lists no --ledger"

zsh_start "$TEST_DIR/scripts"
for shell in bash fish zsh; do
    offers() {
        case $shell in
        bash) bash_offers scripts/kept.bash "$1" ;;
        fish) fish_offers scripts/kept.fish "$1" ;;
        zsh) zsh_offers "$1" ;;
        esac
    }
    # shellcheck disable=SC2086 # one expected word a line
    expect_candidates "$shell: commands" "$(offers "kept ")" $commands
    # shellcheck disable=SC2086
    expect_candidates "$shell: options before the command" "$(offers "kept -" | grep -- '^-')" \
        $globals
    for command in $commands; do
        expected=$(command_options "$command")
        [ -n "$expected" ] || fail "kept $command --help lists no options"
        # shellcheck disable=SC2086
        expect_candidates "$shell: options of kept $command" \
            "$(offers "kept $command -" | grep -- '^-')" $expected
    done
done

finish
