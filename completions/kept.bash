# bash completion for kept                                    -*- shell-script -*-
# Installed as share/bash-completion/completions/kept. Completes subcommands, options, option
# values, and commitment ids, owners and clients read from the ledger the line points at.

_kept_commands="init add renegotiate close reopen list show log report check when forecast export
import verify backup config sync rebuild"
_kept_global_options="--config --team --ledger --format --color --as --help --version"
# The flag kinds: the names of the binary's one table of them, in its order (kept check --help).
_kept_flag_kinds="overload creep late chronic overdue risk internal-neglect conflict sync"
_kept_date_words="today tomorrow mon tue wed thu fri sat sun eow eom"

# The options of one subcommand (the global options come on top).
_kept_command_options() {
    case $1 in
    init) echo "--here" ;;
    add) echo "--client --internal --owner --due --effort --scope --tag --strict -q --quiet" ;;
    renegotiate) echo "--due --effort --add-scope --drop-scope --owner --reason --requested-by --strict" ;;
    close) echo "--delivered --dropped --on --reason --spent" ;;
    reopen) echo "--reason" ;;
    list) echo "--owner --client --state --due-before --tag" ;;
    log) echo "--since" ;;
    report) echo "--as-of --weeks --owner --fail-on --section" ;;
    check) echo "--as-of --weeks --owner" ;;
    when) echo "--owner --effort --from --confidence" ;;
    forecast) echo "--owner --client --weeks --confidence" ;;
    export) echo "--events --owner --client --state --due-before --tag" ;;
    import) echo "--commitments -q --quiet" ;;
    sync) echo "--remote" ;;
    verify) echo "--full" ;;
    backup) echo "--force" ;;
    esac
}

# Prints one column of `kept list --format tsv` (1 id, 4 client, 6 owner), for the ledger that
# --config, --team or --ledger on the line select; nothing when kept fails.
_kept_ledger_column() {
    local column=$1 state=$2 i word
    local -a args=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --config | --team | --ledger)
            if [[ ${COMP_WORDS[i + 1]} == "=" ]]; then
                args+=("$word" "${COMP_WORDS[i + 2]}")
            else
                args+=("$word" "${COMP_WORDS[i + 1]}")
            fi
            ;;
        esac
    done
    command kept "${args[@]}" list --state "$state" --format tsv 2>/dev/null |
        tail -n +2 | cut -f "$column" | sort -u
}

# Completes the last item of a comma list of report flag kinds ("overdue,la" -> "overdue,late").
_kept_flag_list() {
    local done_part="" last=$1
    if [[ $1 == *,* ]]; then
        done_part=${1%,*},
        last=${1##*,}
    fi
    COMPREPLY=($(compgen -P "$done_part" -W "$_kept_flag_kinds" -- "$last"))
    compopt -o nospace 2>/dev/null
}

_kept() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    # "--format=js" arrives as three words ("--format" "=" "js") since = breaks words.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    local i word command=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --config | --team | --ledger | --format | --color | --as)
            ((i++))
            [[ ${COMP_WORDS[i]} == "=" ]] && ((i++))
            ;;
        -*) ;;
        *)
            command=$word
            break
            ;;
        esac
    done

    COMPREPLY=()
    case $prev in
    --format)
        if [[ $command == export ]]; then
            COMPREPLY=($(compgen -W "ndjson json csv tsv ics" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "table json ndjson csv tsv" -- "$cur"))
        fi
        return
        ;;
    --color)
        COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
        return
        ;;
    --state)
        COMPREPLY=($(compgen -W "open closed all" -- "$cur"))
        return
        ;;
    --requested-by)
        COMPREPLY=($(compgen -W "client team" -- "$cur"))
        return
        ;;
    --section)
        COMPREPLY=($(compgen -W "flags load reliability calibration all" -- "$cur"))
        return
        ;;
    --config | --ledger)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --team)
        local dir=${XDG_CONFIG_HOME:-$HOME/.config}/kept/teams
        local -a teams=()
        local file
        for file in "$dir"/*.toml; do
            [[ -e $file ]] && teams+=("$(basename "$file" .toml)")
        done
        COMPREPLY=($(compgen -W "${teams[*]}" -- "$cur"))
        return
        ;;
    --owner)
        COMPREPLY=($(compgen -W "$(_kept_ledger_column 6 all)" -- "$cur"))
        return
        ;;
    --client)
        COMPREPLY=($(compgen -W "$(_kept_ledger_column 4 all)" -- "$cur"))
        return
        ;;
    --due)
        local words=$_kept_date_words
        [[ $command == add ]] && words="$words auto"
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
        ;;
    --due-before | --on | --since | --as-of | --from)
        COMPREPLY=($(compgen -W "$_kept_date_words" -- "$cur"))
        return
        ;;
    --fail-on)
        _kept_flag_list "$cur"
        return
        ;;
    --effort | --spent | --scope | --tag | --reason | --as | --weeks | --confidence | --remote | \
        --add-scope | --drop-scope)
        return
        ;;
    esac

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$_kept_global_options" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_kept_commands" -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_kept_command_options "$command") --help \
            ${_kept_global_options/--version/}" -- "$cur"))
        return
    fi
    case $command in
    show | log) COMPREPLY=($(compgen -W "$(_kept_ledger_column 1 all)" -- "$cur")) ;;
    renegotiate | close) COMPREPLY=($(compgen -W "$(_kept_ledger_column 1 open)" -- "$cur")) ;;
    reopen) COMPREPLY=($(compgen -W "$(_kept_ledger_column 1 closed)" -- "$cur")) ;;
    check) _kept_flag_list "$cur" ;;
    import | backup)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    esac
}

complete -F _kept kept
