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

# tamper FILE-OF-REPLICA PROGRAM: edits a replica's file in a clone of the remote and pushes it,
# as anyone who can push can. PROGRAM is python reading the lines as `lines` (a list of dicts)
# and may use rehash(event) and chain(lines).
tamper() {
    rm -rf evil && git clone -q -b main remote.git evil
    python3 - "evil/events/$1/000001.ndjson" "$2" <<'PY'
import hashlib, json, sys
path, program = sys.argv[1], sys.argv[2]
def canonical(e):
    fields = [e["uuid"], e["commitment_uuid"], e["timestamp"], e["day"], e["actor"], e["kind"],
              e["payload"], e["reason"], e["origin"], e["clock"], e["prev_hash"]]
    return json.dumps(fields, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
def rehash(e):
    e["hash"] = hashlib.sha256(canonical(e).encode()).hexdigest()
def chain(lines):
    prev = ""
    for e in lines:
        e["prev_hash"] = prev
        rehash(e)
        prev = e["hash"]
raw = open(path).read()
lines = [json.loads(l) for l in raw.splitlines() if l.strip()]
exec(program)
with open(path, "w") as out:
    for e in lines:
        out.write(e if isinstance(e, str) else json.dumps(e, separators=(",", ":"), ensure_ascii=False))
        out.write("\n")
PY
    (cd evil && git -c user.name=m -c user.email=m@m commit -qam tamper && git push -q origin HEAD:main) ||
        fail "could not push the tampered file"
}
