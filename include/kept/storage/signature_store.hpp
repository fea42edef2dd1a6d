#pragma once

// The replicas' Ed25519 keys and their events' signatures (schema 9's replica_keys and
// event_signatures): signing this replica's events before sync shares them, the signatures an
// export or a replica file line carries, and verify's reads of them.

#include "kept/event.hpp"
#include "kept/signing.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kept {

class Connection;

/// What sign_own_events did.
struct SignedOwn {
    std::int64_t signed_count = 0;
    /// The key it announced with the first event it signed, when this replica had announced
    /// none (or another: a key file lost or replaced).
    std::optional<std::string> announced;
    std::optional<std::string> replaced; ///< the key held before, when it announced another
};

/// One event of an origin that holds a key, for verify.
struct SignedRow {
    std::string origin;
    std::int64_t seq = 0;
    std::string hash;
    std::string signature; ///< "" when unsigned
};

/// Ledger::signatures(). Writing methods run inside Ledger::write; every failure is a
/// kept::Error.
class SignatureStore {
  public:
    explicit SignatureStore(Connection& connection) : c_(connection) {}

    /// The team's pins and revocations that imports into this ledger follow ([sync] trusted,
    /// revoked), for as long as the ledger is open.
    void set_trust(Trust trust);

    /// Fills event.signature, and event.public_key when the event announced its origin's key,
    /// from what the ledger holds (both "" for a ledger older than schema 9).
    void attach(Event& event);

    /// Signs this replica's events after `after_seq` that are not signed yet with `key`,
    /// announcing its public key with the first when the ledger holds no key of its own or
    /// another one. Events up to `after_seq` (already shared) stay as they were. It holds the
    /// hashes of `batch` events at a time.
    SignedOwn sign_own_events(const KeyPair& key, std::int64_t after_seq, int batch = 10'000);

    /// Every key held, by origin and since_seq.
    std::vector<HeldKey> keys();
    /// The key held for `origin` now (the one it announced last), if any.
    std::optional<std::string> key_of(const std::string& origin);
    /// Each origin's head, per origin that holds a key: its last event (for this replica, its
    /// last signed one, when any: the events after it are not shared yet). Its signature
    /// vouches for the chain before it.
    std::vector<SignedRow> heads();
    /// Visits, per origin that holds a key, its events from its first key's event on, in seq
    /// order, with their signatures.
    void for_each_signed_row(const std::function<void(const SignedRow&)>& visit);

  private:
    Connection& c_;
};

} // namespace kept
