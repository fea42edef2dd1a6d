# Helpers of the sync tests (sourced after lib.sh): replicas named a, b, c... each with its
# ledger $TEST_DIR/NAME.db, and a bare remote.

command -v git >/dev/null || { echo "git is not installed: skipping"; exit 77; }
git init -q --bare "$TEST_DIR/remote.git"

# replicas NAME...: defines a function per name that runs kept on that replica's ledger.
replicas() {
    local name
    for name in "$@"; do
        eval "$name() { LEDGER=\"\$TEST_DIR/$name.db\" kept \"\$@\"; }"
    done
}

# add REPLICA TITLE: records a small commitment on REPLICA.
add() { "$1" add "$2" --client acme --owner alice --due 2026-12-04 --effort 1h -q; }

# uuid_of REPLICA: the replica's ledger uuid (its origin, the name of its replica file).
uuid_of() { sqlite3 "$TEST_DIR/$1.db" "SELECT value FROM meta WHERE key = 'ledger_uuid'"; }

# key_of REPLICA: the public key the replica signs its events with (empty before its first).
key_of() {
    sqlite3 "$TEST_DIR/$1.db" "SELECT public_key FROM replica_keys WHERE origin = (SELECT value
        FROM meta WHERE key = 'ledger_uuid') ORDER BY since_seq DESC LIMIT 1"
}
