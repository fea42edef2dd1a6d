#!/usr/bin/env bash
# Events are signed by their replica: each forgery someone who can push might try is refused
# and reported by existing replicas and new ones alike (sync exits 1 naming file, line and
# reason, verify says so); a key change is refused until the team pins it; a revoked key is
# refused; a ledger with unsigned history starts signing; a restored ledger keeps signing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_sync.sh"
replicas a b l n1 n2 n3 n4 n5 n6 n7
command -v python3 >/dev/null || { echo "python3 is not installed: skipping"; exit 77; }

count() { sqlite3 "$1.db" "SELECT count(*) FROM events"; }
line_of() { sed -n "${2}p" "remote-file-$1"; }
file_of() { printf '%s' "$TEST_DIR/$1.db.sync/events/$(uuid_of "$2")/000001.ndjson"; }

add a "a one"
a sync --remote "$TEST_DIR/remote.git"
expect_rc 0
add b "b one"
add b "b two"
b sync --remote "$TEST_DIR/remote.git"
a sync
expect_eq "$(count a)" 3 "events on a"

# 1. The key file and the lines: LEDGER.key is 0600; every line is signed, the first one
# announces the replica's key.
expect_eq "$(stat -c %a b.db.key)" 600 "mode of b's key file"
grep -q '^kept-ed25519-private-key [0-9a-f]\{64\}$' b.db.key || fail "b.db.key holds no key"
bfile="a.db.sync/events/$(uuid_of b)/000001.ndjson"
expect_eq "$(jq -r '.public_key // "none"' "$bfile" | tr '\n' ' ')" "$(key_of b) none " \
    "the key is announced with b's first event"
expect_eq "$(jq -r '.signature | length' "$bfile" | tr '\n' ' ')" "128 128 " "b's signatures"
b export --events
expect_eq "$(printf '%s\n' "$OUT" | jq -rs 'map(.signature | length) | join(" ")')" "128 128 128" \
    "export --events keeps the signatures"
a verify --full
expect_rc 0
cp "$bfile" b-as-written
# untamper: puts b's file back as b wrote it.
untamper() { tamper "$(uuid_of b)" 'lines = [json.loads(l) for l in open("b-as-written")]'; }

# refused_by REPLICA LINE REASON: a sync of REPLICA exits 1 naming b's file, LINE and REASON,
# and its verify says so too.
refused_by() {
    "$1" sync --remote "$TEST_DIR/remote.git"
    expect_rc 1
    expect_err_has "$(file_of "$1" b) line $2: "
    expect_err_has "$3"
    "$1" verify
    expect_rc 1
    expect_err_has "$(file_of "$1" b) line $2: "
}

# 2. (a) The last line of b's file rewritten (another due date), its hash recomputed: a, which
# holds the original, refuses it; so does a new replica, which never saw it (the signature no
# longer matches the hash).
tamper "$(uuid_of b)" 'lines[-1]["payload"]["due"] = "2027-06-30"; rehash(lines[-1])'
refused_by a 2 "this ledger holds a different event with that uuid"
refused_by n1 2 "its signature does not match the key of replica $(uuid_of b)"
expect_eq "$(count n1)" 2 "n1 took a's event and b's first"
# With the signature dropped as well: refused as unsigned.
tamper "$(uuid_of b)" 'del lines[-1]["signature"]'
refused_by n2 2 "it is not signed, though replica $(uuid_of b) signs every event since it announced key"
# b itself tells the rewrite of its own file from a fork (a copy or a restore, whose events its
# key signed): it writes the file anew from its ledger and stays the same replica.
b_uuid=$(uuid_of b)
b sync
expect_rc 0
expect_out_has "(this replica's file rewritten from the ledger: line 2: "
expect_out_has "(not written by this replica: its key did not sign it))"
expect_eq "$(uuid_of b)" "$b_uuid" "b's identity after the rewrite of its file"
[ -z "$(ls b.db.fork-* 2>/dev/null)" ] || fail "b forked: $(ls b.db.fork-*)"
n7 sync --remote "$TEST_DIR/remote.git"
expect_rc 0
expect_eq "$(count n7)" 3 "n7 took every event of a and b"

# 3. History rewritten from the middle: b's first event changed and every later hash
# recomputed. The first line's signature no longer matches. (b's file is as b wrote it again:
# its sync wrote it anew, byte for byte.)
cmp -s "evil/events/$(uuid_of b)/000001.ndjson" b-as-written && fail "the tamper clone is stale"
rm -rf evil && git clone -q -b main remote.git evil
cmp -s "evil/events/$(uuid_of b)/000001.ndjson" b-as-written || fail "b's file is not as b wrote it"
tamper "$(uuid_of b)" 'lines[0]["payload"]["title"] = "forged"; chain(lines)'
refused_by n3 1 "its signature does not match the key of replica $(uuid_of b)"
expect_eq "$(sqlite3 n3.db "SELECT count(*) FROM commitments WHERE title = 'forged'")" 0 "forged title on n3"

untamper
a sync
expect_rc 0

# 4. (b) An event added to b's file by someone else, correctly chained and hashed, unsigned or
# with a signature copied from another line: refused by a and by a new replica.
tamper "$(uuid_of b)" '
e = dict(lines[-1]); e["uuid"] = "00000000-0000-4000-8000-0000000000bb"; e["clock"] += 1
e["payload"] = {"due": "2027-01-01"}; e["kind"] = "renegotiated"; e["reason"] = "forged"
e["prev_hash"] = lines[-1]["hash"]; rehash(e); del e["signature"]; lines.append(e)'
refused_by a 3 "it is not signed, though replica $(uuid_of b) signs every event"
tamper "$(uuid_of b)" 'lines[-1]["signature"] = lines[-2]["signature"]'
refused_by n4 3 "its signature does not match the key of replica $(uuid_of b)"
expect_eq "$(sqlite3 a.db "SELECT count(*) FROM events WHERE uuid LIKE '%0000000000bb'")" 0 "forged event on a"
tamper "$(uuid_of b)" 'lines = lines[:-1]'
a sync
expect_rc 0

# 5. (c) An event with b's origin in a's own file (signed by nobody b knows): refused by every
# replica, never copied into b's file.
tamper "$(uuid_of a)" '
theirs = [json.loads(l) for l in open("evil/events/'"$(uuid_of b)"'/000001.ndjson") if l.strip()]
e = dict(theirs[-1]); e["uuid"] = "00000000-0000-4000-8000-0000000000cc"; e["clock"] += 5
e["prev_hash"] = theirs[-1]["hash"]; rehash(e); lines.append(e)'
b sync
expect_rc 1
expect_err_has "$(file_of b a) line 2: written by another replica ($(uuid_of b))"
grep -q 0000000000cc "$(file_of b b)" && fail "the forged event entered b's file"
n5 sync --remote "$TEST_DIR/remote.git"
expect_rc 1
expect_err_has "$(file_of n5 a) line 2: written by another replica ($(uuid_of b))"
a sync
expect_rc 0
b sync
expect_rc 0

# 6. A key change: b loses its key file; its next sync announces a new key, which a refuses
# until the team pins it in [sync] trusted; then a takes b's events again.
old_key=$(key_of b)
rm b.db.key
add b "b three"
b sync
expect_rc 0
new_key=$(key_of b)
[ "$new_key" != "$old_key" ] || fail "b kept its old key"
expect_out_has "the other replicas refuse its events until the team pins it: [sync] trusted = [\"$(uuid_of b)=$new_key\"]"
a sync
expect_rc 1
expect_err_has "$(file_of a b) line 3: "
expect_err_has "it announces a second key $new_key for replica $(uuid_of b), which announced $old_key before"
# Every key b has used: a new replica with pins for b trusts no other key of b on first use.
printf '[sync]\nremote = "%s"\ntrusted = ["%s=%s", "%s=%s"]\n' "$TEST_DIR/remote.git" \
    "$(uuid_of b)" "$old_key" "$(uuid_of b)" "$new_key" > team.toml
KEPT_CONFIG=team.toml a sync
expect_rc 0
expect_out "synced: 1 new event(s) imported, 0 pushed"
KEPT_CONFIG=team.toml a verify --full
expect_rc 0

# A pin is validated like every config key: file, line and column.
printf '[sync]\ntrusted = ["%s=nothex"]\n' "$(uuid_of b)" > bad.toml
KEPT_CONFIG=bad.toml a sync
expect_rc 78
expect_err_has "bad.toml:2:12: sync.trusted: \"$(uuid_of b)=nothex\" is not REPLICA-UUID=PUBLIC-KEY"

# 7. A revoked key: b's events signed by it are refused.
printf '[sync]\nrevoked = ["%s"]\n' "$new_key" > revoked.toml
add b "b four"
b sync
KEPT_CONFIG=revoked.toml a sync
expect_rc 1
expect_err_has "it is signed by key $new_key, which the team revoked"

# 8. A ledger with unsigned history (synced before signatures) starts signing: its next event
# announces its key; the unsigned events before stay protected by the chain and the hash of
# the prefix each replica remembers. A new replica takes both.
add l "l one"
KEPT_CONFIG=team.toml l sync --remote "$TEST_DIR/remote.git"
for t in event_signatures_no_delete replica_keys_no_delete; do sqlite3 l.db "DROP TRIGGER $t"; done
sqlite3 l.db "DELETE FROM event_signatures WHERE seq IN (SELECT seq FROM events WHERE origin = '$(uuid_of l)');
    DELETE FROM replica_keys WHERE origin = '$(uuid_of l)'"
tamper "$(uuid_of l)" 'for e in lines: e.pop("signature", None); e.pop("public_key", None)'
KEPT_CONFIG=team.toml n6 sync
expect_rc 0
expect_eq "$(sqlite3 n6.db "SELECT count(*) FROM events WHERE origin = '$(uuid_of l)'")" 1 "l's unsigned event on n6"
add l "l two"
KEPT_CONFIG=team.toml l sync
expect_rc 0
expect_out_has "; this replica signs its events with key $(key_of l)"
expect_eq "$(jq -r '.public_key // "none"' "$(file_of l l)" | tr '\n' ' ')" "none $(key_of l) " \
    "l announces its key with its first signed event"
KEPT_CONFIG=team.toml n6 sync
expect_eq "$(sqlite3 n6.db "SELECT count(*) FROM events WHERE origin = '$(uuid_of l)'")" 2 "l's events on n6"
KEPT_CONFIG=team.toml l verify --full
expect_rc 0

# 9. A ledger restored from a backup and written to becomes a new replica: it signs its
# events with its key file under the new identity, and the others take them.
sqlite3 a.db ".backup a-backup.db"
add a "a two"
KEPT_CONFIG=team.toml a sync
expect_rc 0
rm -f a.db a.db-wal a.db-shm && cp a-backup.db a.db
add a "a three (after the restore)"
KEPT_CONFIG=team.toml a sync
expect_rc 0
expect_out_has "it is now replica $(uuid_of a)"
expect_out_has "; this replica signs its events with key $(key_of a)"
KEPT_CONFIG=team.toml a verify --full
expect_rc 0
KEPT_CONFIG=team.toml l sync
expect_rc 0
expect_eq "$(sqlite3 l.db "SELECT count(*) FROM commitments WHERE title LIKE 'a three%'")" 1 "the restored ledger's event on l"
KEPT_CONFIG=team.toml l verify --full
expect_rc 0

finish
