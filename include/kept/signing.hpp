#pragma once

// Ed25519 signatures of events by their replica, and the trust rules an imported event's
// signature is checked by. Pure: keys come in and go out as hex text; the key file is read by
// the app layer. The only module that calls libcrypto's signatures.

#include "kept/event.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kept {

/// A replica's key pair, each as lowercase hex: the 32-byte private seed and the 32-byte public
/// key.
struct KeyPair {
    std::string private_key;
    std::string public_key;
};

/// A new key pair from the kernel's random generator.
KeyPair new_key_pair();
/// The key pair of a private seed (64 hex digits). Throws BadValue for anything else.
KeyPair key_pair_from_private(std::string_view private_hex);

/// Whether `text` is a key as kept writes them: 64 lowercase hex digits.
bool is_key_text(std::string_view text);

/// The signature (128 hex digits) of an event whose hash is `hash`: Ed25519 over the bytes
/// "kept event " followed by the hash's 64 hex digits. The hash covers the event's content and
/// its predecessor's hash, so a signature vouches for its replica's whole chain up to it.
std::string sign_event_hash(const KeyPair& key, std::string_view hash);
/// Whether `signature` is `public_key`'s signature of the event hash `hash`.
bool signature_valid(std::string_view public_key, std::string_view hash,
                     std::string_view signature);

/// What a team decided about replicas' keys ([sync] trusted and [sync] revoked). A replica
/// with pinned keys may announce only those (a new replica trusts no other on first use), and
/// a pinned key may replace the one held; a revoked key is refused wherever it signs.
struct Trust {
    std::map<std::string, std::set<std::string>> pinned; ///< origin -> its public keys
    std::set<std::string> revoked;                       ///< public keys
};

/// The verdict on one imported event's signature.
struct SignatureVerdict {
    std::string refused; ///< why it is refused ("" when accepted)
    /// The key the event announces that the ledger does not hold yet: held for its origin
    /// from this event on.
    std::optional<std::string> announces;
};

/// Checks an imported event (its hash already checked) against `held`, the key this ledger
/// holds for its origin (trusted on first use: the first key an origin announces), and the
/// team's `trust`. From the event that announces a key on, each event of that origin must carry
/// a valid signature by it; a second, different key is refused unless the team pinned it; a
/// replica with pinned keys announcing another, and any revoked key, are refused. An origin that
/// has announced no key may send unsigned events (its history from before signatures).
SignatureVerdict check_event_signature(const Event& event, const std::optional<std::string>& held,
                                       const Trust& trust);

/// A replica's key as a ledger holds it: from the event with seq `since_seq` on.
struct HeldKey {
    std::string origin;
    std::int64_t since_seq = 0;
    std::string public_key;
};

/// Checks the signatures a ledger holds, fed per origin in seq order from the event that
/// announced its first key: each event signed by the key held at its seq. The replica's own
/// events may end unsigned (sync signs them when it shares them), other origins' may not. With
/// `every`, each signature is checked; otherwise each origin's last: it signs that event's hash,
/// which chains every event before it, and the chains are checked on their own.
class SignatureChecker {
  public:
    SignatureChecker(std::vector<HeldKey> keys, std::string own_origin, bool every);

    void feed(const std::string& origin, std::int64_t seq, const std::string& hash,
              const std::string& signature);
    /// Checks what is left to check; true when every signature is good.
    bool finish();

    std::int64_t checked() const { return checked_; }
    std::optional<std::int64_t> first_bad_seq() const { return first_bad_seq_; }
    const std::string& problem() const { return problem_; }

  private:
    const HeldKey* key_at(const std::string& origin, std::int64_t seq) const;
    void check(const std::string& origin, std::int64_t seq, const std::string& hash,
               const std::string& signature);
    void fail(std::int64_t seq, std::string why);

    struct Last {
        std::int64_t seq = 0;
        std::string hash;
        std::string signature;
        bool unsigned_seen = false;
    };
    std::vector<HeldKey> keys_;
    std::string own_;
    bool every_;
    std::map<std::string, Last> last_;
    std::int64_t checked_ = 0;
    std::optional<std::int64_t> first_bad_seq_;
    std::string problem_;
};

/// Parses a [sync] trusted entry "ORIGIN=KEY" into the pair; nothing when it is not one.
std::optional<std::pair<std::string, std::string>> parse_trusted_entry(std::string_view entry);

} // namespace kept
