# shellcheck shell=bash
# Helpers for the completion tests (sourced after lib.sh): what the binary's --help lists, and
# what each real shell offers for a partial command line, through its own completion machinery.

# expect_candidates WHAT ACTUAL EXPECTED...: ACTUAL (one candidate a line) holds exactly EXPECTED,
# in any order.
expect_candidates() {
    local what=$1 actual expected
    actual=$(printf '%s\n' "$2" | sort -u)
    shift 2
    expected=$(printf '%s\n' "$@" | sort -u)
    [ "$actual" = "$expected" ] || fail "$what:
--- expected
$expected
--- actual
$actual"
}

# help_options ARGS...: every option name `kept ARGS --help` lists ("--owner", "-q"), one a line.
help_options() {
    "$KEPT" "$@" --help | grep -E '^  -' | awk '{print $1}' | tr ',' '\n' | sort -u
}

# help_commands: the commands `kept --help` lists, one a line.
help_commands() {
    "$KEPT" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'
}

# command_options COMMAND: what completion should offer after "kept COMMAND -": its own options
# and every global option the parser accepts after it (not --version).
command_options() {
    { help_options "$1"; help_options | grep -vx -- --version; } | sort -u
}

# write_completions DIR: the binary's scripts for each shell, as the build writes them.
write_completions() {
    mkdir -p "$1"
    "$KEPT" completions bash >"$1/kept.bash" || fail "kept completions bash failed"
    "$KEPT" completions zsh >"$1/_kept" || fail "kept completions zsh failed"
    "$KEPT" completions fish >"$1/kept.fish" || fail "kept completions fish failed"
}

# bash_offers FILE LINE: what the bash completion FILE offers when the cursor is at the end of
# LINE (a trailing space starts a new, empty word), in its order, one per line. Words are split
# as bash splits them.
bash_offers() {
    bash --norc --noprofile -c '
        complete() { :; }  # the file registers itself; the test calls the function directly
        compopt() { :; }   # only valid while bash itself is completing
        . "$1"
        words=${2//=/ = }  # = breaks words, as in COMP_WORDBREAKS
        read -r -a COMP_WORDS <<<"$words"
        case $2 in *" ") COMP_WORDS+=("") ;; esac
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$2 COMP_POINT=${#2}
        _kept kept "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"
    ' offers "$1" "$2"
}

# fish_offers FILE LINE: the candidates fish offers (without descriptions), in its order.
fish_offers() {
    # shellcheck disable=SC2016 # fish expands $argv
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$1" "$2" | cut -f 1
}

# zsh_start DIR: an interactive zsh in a private tmux server, with DIR's _kept on its fpath and
# every candidate any completion adds written to a file; zsh_offers then completes lines in it.
zsh_start() {
    ZSH_OUT="$TEST_DIR/zsh.out"
    TMUX_SOCKET="$TEST_DIR/tmux.sock"
    mkdir -p "$TEST_DIR/zdot"
    cat >"$TEST_DIR/zdot/.zshrc" <<EOF
fpath=("$1" \$fpath)
autoload -Uz compinit
compinit -u -D
unsetopt auto_list auto_menu beep list_beep
PROMPT='%% '
# Every candidate a completion function adds (matched against the word) goes to the file.
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a kept_hits
  builtin compadd -A kept_hits "\$@"
  (( \$#kept_hits )) && print -rl -- \$kept_hits >>"$ZSH_OUT"
  builtin compadd "\$@"
}
kept-complete() {
  zle complete-word
  print -r -- '-- end --' >>"$ZSH_OUT"
}
zle -N kept-complete
bindkey '^I' kept-complete
print ready >"$ZSH_OUT.ready"
EOF
    trap 'tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null; rm -rf "$TEST_DIR"' EXIT
    ZDOTDIR="$TEST_DIR/zdot" tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -s kept \
        -x 200 -y 50 "zsh -i" || fail "tmux cannot start zsh"
    zsh_wait "$ZSH_OUT.ready" ready || fail "zsh did not start"
}

# zsh_wait FILE WORD: waits up to 20 s for a line WORD in FILE.
zsh_wait() {
    local tries=0
    until grep -qx -- "$2" "$1" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -gt 400 ] && return 1
        sleep 0.05
    done
}

# zsh_offers LINE: what zsh offers for LINE with the cursor at its end, one per line.
zsh_offers() {
    : >"$ZSH_OUT"
    tmux -S "$TMUX_SOCKET" send-keys -t kept -l "$1"
    tmux -S "$TMUX_SOCKET" send-keys -t kept Tab
    zsh_wait "$ZSH_OUT" '-- end --' || fail "zsh did not complete \"$1\""
    tmux -S "$TMUX_SOCKET" send-keys -t kept C-u
    grep -vx -- '-- end --' "$ZSH_OUT"
}
