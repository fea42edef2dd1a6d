#!/usr/bin/env bash
# The sync working copy is private and runs nothing planted in it: 0700 directories and 0600
# files whatever the umask, git hooks disabled, the user's and system's git config unread by the
# local steps, a copy others could write to set up again. Remotes through transports that run
# programs are refused before anything is created, and so is a sync without a remote.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "git is not installed: skipping"; exit 77; }

git init -q --bare remote.git
add() { kept add "$1" --client acme --owner alice --due 2026-12-04 --effort 1h -q; }

# No remote: exit 64, and neither the ledger nor a lock file nor a working copy appears.
LEDGER="$TEST_DIR/none.db"
kept sync
expect_rc 64
expect_err "kept: sync: no remote: give --remote URL or set [sync] remote in kept.toml"
expect_eq "$(ls)" "home
remote.git" "files after a sync without a remote"

# Transports that run programs, or that a team does not use, are refused the same way.
for url in 'fd::5' 'ext::sh -c touch% pwned' 'http://example.com/ledger.git' \
    'ftp://example.com/l.git' '--upload-pack=touch pwned'; do
    kept sync --remote "$url"
    expect_rc 64
    expect_err_has "is refused"
done
expect_eq "$(ls)" "home
remote.git" "files after refused remotes"

# Allowed forms pass the check (this one then fails to reach the host: exit 74, not 64).
KEPT_SYNC_TIMEOUT=5 kept sync --remote "ssh://nobody@127.0.0.1:1/ledger.git"
expect_rc 74
rm -rf none.db*

# umask 000 and 022: the copy and everything in it is private all the same.
for mask in 000 022; do
    LEDGER="$TEST_DIR/u$mask.db"
    (
        umask "$mask"
        add "Export $mask"
        kept sync --remote "$TEST_DIR/remote.git"
        [ "$RC" = 0 ] || echo "sync exited $RC: $ERR" >&2
    )
    open=$(find "u$mask.db.sync" \( -type d ! -perm 700 \) -o \( -type f -perm /077 \) | head -3)
    expect_eq "$open" "" "entries others can read at umask $mask"
    expect_eq "$(stat -c %a "u$mask.db.sync")" 700 "copy mode at umask $mask"
done

# A copy made readable by others (an older kept, or a chmod) is made private again.
LEDGER="$TEST_DIR/u022.db"
chmod -R go+rX u022.db.sync
kept sync
expect_rc 0
expect_eq "$(find u022.db.sync -perm /077 | wc -l)" 0 "entries still readable by others"

# Hooks never run: not the copy's own, not a global core.hooksPath, nor one in system config.
mkdir -p planted
printf '#!/bin/sh\ntouch "%s/ran-$(basename "$0")"\n' "$TEST_DIR" > planted/hook
chmod +x planted/hook
for hook in pre-commit post-commit pre-push reference-transaction post-checkout; do
    cp planted/hook "u022.db.sync/.git/hooks/$hook"
    cp planted/hook "planted/$hook"
done
printf '[core]\n\thooksPath = %s/planted\n\tfsmonitor = %s/planted/hook\n' "$TEST_DIR" "$TEST_DIR" \
    > "$HOME/.gitconfig"
add "Hooked"
kept sync
expect_rc 0
expect_eq "$(ls "$TEST_DIR" | grep "^ran-")" "" "hooks that ran"
rm "$HOME/.gitconfig"

# A copy others could write to (umask 000 before this version): their config or hooks may be
# planted, so it is set up again from the remote, and nothing planted survives or runs.
chmod -R a+rwX u022.db.sync
printf '[core]\n\tfsmonitor = %s/planted/hook\n' "$TEST_DIR" >> u022.db.sync/.git/config
kept sync
expect_rc 0
expect_eq "$(ls "$TEST_DIR" | grep "^ran-")" "" "planted commands that ran"
[ -e u022.db.sync/.git/hooks/post-commit ] && fail "the planted hook survived"
expect_eq "$(stat -c %a u022.db.sync)" 700 "re-created copy mode"
kept verify
expect_rc 0
expect_out_has "2 replica file(s) intact"

finish
