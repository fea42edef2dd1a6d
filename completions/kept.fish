# fish completion for kept. Installed as share/fish/vendor_completions.d/kept.fish. Completes
# subcommands, options, option values, and commitment ids, owners and clients from the ledger
# that --config, --team or --ledger on the line select.

set -l kept_commands init add renegotiate close reopen list show log report check when forecast export import verify backup config sync rebuild

# The --config/--team/--ledger options on the current line, to pass on to kept.
function __kept_ledger_args
    set -l tokens (commandline -opc)
    set -l out
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --config --team --ledger
                set out $out $tokens[$i] $tokens[(math $i + 1)]
                set i (math $i + 1)
            case '--config=*' '--team=*' '--ledger=*'
                set out $out $tokens[$i]
        end
        set i (math $i + 1)
    end
    string join \n -- $out
end

# Commitment ids with their titles as descriptions, for state $argv[1].
function __kept_ids
    kept (__kept_ledger_args) list --state $argv[1] --format tsv 2>/dev/null | tail -n +2 | cut -f 1,3
end

# One column of kept list --format tsv (4 client, 6 owner), without repeats.
function __kept_column
    kept (__kept_ledger_args) list --state all --format tsv 2>/dev/null | tail -n +2 | cut -f $argv[1] | sort -u
end

function __kept_teams
    set -l dir $HOME/.config
    set -q XDG_CONFIG_HOME; and set dir $XDG_CONFIG_HOME
    for file in $dir/kept/teams/*.toml
        basename $file .toml
    end
end

function __kept_format_values
    if __fish_seen_subcommand_from export
        printf '%s\n' ndjson json csv tsv ics
    else
        printf '%s\n' table json ndjson csv tsv
    end
end

set -l dates today tomorrow mon tue wed thu fri sat sun eow eom
# The flag kinds: the names of the binary's one table of them, in its order (kept check --help).
set -l kinds overload creep late chronic overdue risk internal-neglect conflict sync

complete -c kept -f

# Global options, valid before or after the subcommand.
complete -c kept -l config -r -F -d 'Team config file (kept.toml)'
complete -c kept -l team -x -a '(__kept_teams)' -d 'Use the per-user config of this team'
complete -c kept -l ledger -r -F -d 'Ledger file, overriding the config'
complete -c kept -l format -x -a '(__kept_format_values)' -d 'Output format'
complete -c kept -l color -x -a 'auto always never' -d 'Color the table output'
complete -c kept -l as -x -d 'Who is making the change'
complete -c kept -l help -d 'Show help'
complete -c kept -n "not __fish_seen_subcommand_from $kept_commands" -l version -d 'Show the version'

# Subcommands.
set -l no_command "not __fish_seen_subcommand_from $kept_commands"
complete -c kept -n $no_command -a init -d 'Write a commented kept.toml and create the ledger'
complete -c kept -n $no_command -a add -d 'Record a commitment'
complete -c kept -n $no_command -a renegotiate -d 'Change due, effort, scope or owner, with a reason'
complete -c kept -n $no_command -a close -d 'End a commitment as delivered or dropped'
complete -c kept -n $no_command -a reopen -d 'Reopen a closed commitment'
complete -c kept -n $no_command -a list -d 'List commitments, soonest due first'
complete -c kept -n $no_command -a show -d 'Every field of one commitment'
complete -c kept -n $no_command -a log -d 'The events of the ledger or of one commitment'
complete -c kept -n $no_command -a report -d 'Flags, load and reliability'
complete -c kept -n $no_command -a check -d 'For cron: print the flags that fired, exit 1'
complete -c kept -n $no_command -a when -d 'Earliest due date the owner\'s schedule can keep for new work'
complete -c kept -n $no_command -a forecast -d 'Projected finish, slack and chance of being on time'
complete -c kept -n $no_command -a export -d 'Write commitments or every event'
complete -c kept -n $no_command -a import -d 'Read events or new commitments'
complete -c kept -n $no_command -a verify -d 'Check the database and the event hash chain'
complete -c kept -n $no_command -a backup -d 'Write a consistent, verified copy of the ledger'
complete -c kept -n $no_command -a config -d 'The effective configuration and its origins'
complete -c kept -n $no_command -a sync -d 'Exchange events through a git remote'
complete -c kept -n $no_command -a rebuild -d 'Recompute the commitments table from the events'

# Options shared by several subcommands.
complete -c kept -n '__fish_seen_subcommand_from add renegotiate list report check when forecast export' -l owner -x -a '(__kept_column 6)' -d 'Owner'
complete -c kept -n '__fish_seen_subcommand_from add list forecast export' -l client -x -a '(__kept_column 4)' -d 'Client'
complete -c kept -n '__fish_seen_subcommand_from list export' -l state -x -a 'open closed all' -d 'Which commitments'
complete -c kept -n '__fish_seen_subcommand_from list export' -l due-before -x -a "$dates" -d 'Due strictly before'
complete -c kept -n '__fish_seen_subcommand_from add list export' -l tag -x -d 'Tag'
complete -c kept -n '__fish_seen_subcommand_from add renegotiate' -l effort -x -d 'Effort: 90m, 6h, 1.5d, 1w'
complete -c kept -n '__fish_seen_subcommand_from renegotiate close reopen' -l reason -x -d 'Why'
complete -c kept -n '__fish_seen_subcommand_from add import' -s q -l quiet -d 'Print only ids'

# init, add
complete -c kept -n '__fish_seen_subcommand_from init' -l here -d 'Write ./kept.toml'
complete -c kept -n '__fish_seen_subcommand_from add' -l internal -d 'The client is internal'
complete -c kept -n '__fish_seen_subcommand_from add' -l due -x -a "$dates auto" -d 'Due date'
complete -c kept -n '__fish_seen_subcommand_from add' -l scope -x -d 'A deliverable in scope'
complete -c kept -n '__fish_seen_subcommand_from add renegotiate' -l strict -d 'Refuse, instead of warning, when it makes a commitment late'

# renegotiate, close, reopen, show, log
complete -c kept -n '__fish_seen_subcommand_from renegotiate close' -a '(__kept_ids open)'
complete -c kept -n '__fish_seen_subcommand_from reopen' -a '(__kept_ids closed)'
complete -c kept -n '__fish_seen_subcommand_from show log' -a '(__kept_ids all)'
complete -c kept -n '__fish_seen_subcommand_from renegotiate' -l due -x -a "$dates" -d 'New due date'
complete -c kept -n '__fish_seen_subcommand_from renegotiate' -l add-scope -x -d 'Add a scope item'
complete -c kept -n '__fish_seen_subcommand_from renegotiate' -l drop-scope -x -d 'Drop a scope item'
complete -c kept -n '__fish_seen_subcommand_from renegotiate' -l requested-by -x -a 'client team' -d 'Who asked'
complete -c kept -n '__fish_seen_subcommand_from close' -l delivered -d 'It was delivered'
complete -c kept -n '__fish_seen_subcommand_from close' -l dropped -d 'It was dropped'
complete -c kept -n '__fish_seen_subcommand_from close' -l on -x -a "$dates" -d 'The day it ended'
complete -c kept -n '__fish_seen_subcommand_from close' -l spent -x -d 'With --delivered: the effort it really took'
complete -c kept -n '__fish_seen_subcommand_from log' -l since -x -a "$dates" -d 'Events on or after'

# report, check, when, forecast
complete -c kept -n '__fish_seen_subcommand_from report check' -l as-of -x -a "$dates" -d 'Report as of this day'
complete -c kept -n '__fish_seen_subcommand_from report check' -l weeks -x -d 'Weeks of load'
complete -c kept -n '__fish_seen_subcommand_from report' -l fail-on -x -a "$kinds" -d 'Exit 1 when one fires'
complete -c kept -n '__fish_seen_subcommand_from report' -l section -x -a 'flags load reliability calibration all' -d 'Print one section'
complete -c kept -n '__fish_seen_subcommand_from check' -a "$kinds"
complete -c kept -n '__fish_seen_subcommand_from when' -l from -x -a "$dates" -d 'Earliest start'
complete -c kept -n '__fish_seen_subcommand_from when' -l effort -x -d 'Effort of the new work'
complete -c kept -n '__fish_seen_subcommand_from when' -l confidence -x -d 'Confidence in percent'
complete -c kept -n '__fish_seen_subcommand_from forecast' -l weeks -x -d 'Only commitments due within N weeks'
complete -c kept -n '__fish_seen_subcommand_from forecast' -l confidence -x -d 'Below this percent chance: at risk'

# export, import, sync
complete -c kept -n '__fish_seen_subcommand_from export' -l events -d 'Every event, as NDJSON'
complete -c kept -n '__fish_seen_subcommand_from import' -F
complete -c kept -n '__fish_seen_subcommand_from import' -l commitments -d 'Rows of new commitments'
complete -c kept -n '__fish_seen_subcommand_from sync' -l remote -x -d 'Git remote URL'
complete -c kept -n '__fish_seen_subcommand_from verify' -l full -d 'Also the full index check and the replay of every commitment'
complete -c kept -n '__fish_seen_subcommand_from backup' -F
complete -c kept -n '__fish_seen_subcommand_from backup' -l force -d 'Replace the file when it exists'
