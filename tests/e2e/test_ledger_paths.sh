#!/usr/bin/env bash
# Where ledgers are made: kept init --team puts the config under $XDG_CONFIG_HOME and the ledger
# under $XDG_DATA_HOME; a --ledger path whose directory does not exist is refused (exit 73) naming
# it, with nothing created; a config's ledger and the default location are still created.
. "$(dirname "$0")/lib.sh"

# init --team: config and data apart.
kept_raw --team platform init
expect_rc 0
expect_out "wrote $XDG_CONFIG_HOME/kept/teams/platform.toml
created ledger $XDG_DATA_HOME/kept/platform.db"
[ -f "$XDG_DATA_HOME/kept/platform.db" ] || fail "no ledger under XDG_DATA_HOME"
[ ! -e "$XDG_CONFIG_HOME/kept/teams/platform.kept.db" ] || fail "a ledger under XDG_CONFIG_HOME"
expect_eq "$(stat -c %a "$XDG_DATA_HOME/kept")" 700 "mode of the data directory"
kept_raw --team platform add "Export API" --client acme --owner alice --due 2026-12-04 --effort 2d
expect_rc 0
kept_raw --team platform config
expect_out_has "$XDG_DATA_HOME/kept/platform.db"
# A second team has its own ledger.
kept_raw --team billing init
expect_rc 0
kept_raw --team billing list --format tsv
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 1 "billing's ledger holds only the header"

# An explicit --ledger in a missing directory: exit 73, naming it, nothing created.
missing="$TEST_DIR/no/such/dir"
REJECTS_RUN=kept_raw rejects 73 \
    "--ledger: \"$missing/team.db\": no directory $missing (kept creates the ledger, not the directories of a path it is given)" \
    --ledger "$missing/team.db" add "X" --client acme --due fri --effort 1h
[ ! -e "$TEST_DIR/no" ] || fail "kept created the directory of an explicit --ledger"
# A config's ledger is the team's own choice: its directories are created (0700).
mkdir team
printf '[team]\nledger = "data/team.db"\n' >team/kept.toml
kept_raw --config team/kept.toml add "X" --client acme --due fri --effort 1h
expect_rc 0
[ -f team/data/team.db ] || fail "no ledger in the config's directory"
expect_eq "$(stat -c %a team/data)" 700 "mode of the config ledger's new directory"
# Once the --ledger directory exists, the ledger is made in it.
mkdir -p "$missing"
kept_raw --ledger "$missing/team.db" add "X" --client acme --due fri --effort 1h
expect_rc 0

# The default location is created, directories and all.
rm -rf "$XDG_DATA_HOME"
(cd "$HOME" && "$KEPT" add "Y" --client acme --due fri --effort 1h >/dev/null) ||
    fail "kept add on the default ledger failed"
[ -f "$XDG_DATA_HOME/kept/default.db" ] || fail "the default ledger was not created"

finish
