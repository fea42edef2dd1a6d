#include "kept/signing.hpp"

#include "kept/error.hpp"
#include "util/ed25519.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

#include <array>
#include <fmt/format.h>

namespace kept {

namespace {

constexpr std::size_t key_bytes = 32;
constexpr std::size_t signature_bytes = 64;
constexpr std::string_view message_prefix = "kept event ";

/// The bytes of a key or signature in lowercase hex, exactly Size of them; nothing for any
/// other text.
template <std::size_t Size>
std::optional<std::array<unsigned char, Size>> raw_of(std::string_view hex) {
    std::array<unsigned char, Size> out{};
    if (hex.size() != Size * 2 || !util::from_hex(hex, out.data())) {
        return std::nullopt;
    }
    return out;
}

std::string message_of(std::string_view hash) {
    std::string message(message_prefix);
    message += hash;
    return message;
}

util::ed25519::Key seed_of(std::string_view private_hex) {
    auto seed = raw_of<key_bytes>(private_hex);
    if (!seed) {
        throw BadValue("a private key must be 64 lowercase hex digits");
    }
    return *seed;
}

/// libcrypto's answer, or its absence as an error of kept's installation.
template <typename Call> auto with_libcrypto(Call call) {
    try {
        return call();
    } catch (const util::ed25519::Unavailable& error) {
        throw Error(ExitCode::internal, error.what());
    }
}

} // namespace

bool is_key_text(std::string_view text) {
    return raw_of<key_bytes>(text).has_value();
}

KeyPair new_key_pair() {
    std::array<unsigned char, key_bytes> seed{};
    if (!util::fill_random(seed.data(), seed.size())) {
        throw Error(ExitCode::internal, "no random bytes for a key");
    }
    return key_pair_from_private(util::to_hex(seed.data(), seed.size()));
}

KeyPair key_pair_from_private(std::string_view private_hex) {
    auto pub = with_libcrypto([&] { return util::ed25519::public_key_of(seed_of(private_hex)); });
    if (!pub) {
        throw Error(ExitCode::internal, "Ed25519: cannot derive the public key");
    }
    return {std::string(private_hex), util::to_hex(pub->data(), pub->size())};
}

std::string sign_event_hash(const KeyPair& key, std::string_view hash) {
    util::ed25519::Key seed = seed_of(key.private_key);
    auto signature = with_libcrypto([&] { return util::ed25519::sign(seed, message_of(hash)); });
    if (!signature) {
        throw Error(ExitCode::internal, "Ed25519: signing failed");
    }
    return util::to_hex(signature->data(), signature->size());
}

bool signature_valid(std::string_view public_key, std::string_view hash,
                     std::string_view signature) {
    auto pub = raw_of<key_bytes>(public_key);
    auto raw = raw_of<signature_bytes>(signature);
    return pub && raw &&
           with_libcrypto([&] { return util::ed25519::verify(*pub, message_of(hash), *raw); });
}

SignatureVerdict check_event_signature(const Event& e, const std::optional<std::string>& held,
                                       const Trust& trust) {
    SignatureVerdict verdict;
    auto refuse = [&](std::string why) {
        verdict.refused = std::move(why);
        verdict.announces.reset();
        return verdict;
    };
    auto pins = trust.pinned.find(e.origin);
    bool pinned = pins != trust.pinned.end();
    std::optional<std::string> key = held;
    if (!e.public_key.empty()) {
        if (!is_key_text(e.public_key)) {
            return refuse("its public_key is not 64 lowercase hex digits");
        }
        bool trusted = pinned && pins->second.count(e.public_key) > 0;
        if (pinned && !trusted) {
            return refuse(fmt::format("it announces key {} for replica {}, which is not one the "
                                      "team pinned for it ([sync] trusted)",
                                      e.public_key, e.origin));
        }
        if (held && *held != e.public_key && !trusted) {
            return refuse(fmt::format("it announces a second key {} for replica {}, which "
                                      "announced {} before; if the team replaced it, pin it: "
                                      "[sync] trusted = [\"{}={}\"]",
                                      e.public_key, e.origin, *held, e.origin, e.public_key));
        }
        if (!held || *held != e.public_key) {
            verdict.announces = e.public_key;
        }
        key = e.public_key;
    }
    if (!key) {
        if (!e.signature.empty()) {
            return refuse(
                fmt::format("it is signed, but replica {} announced no key before it", e.origin));
        }
        return verdict; // history from before signatures
    }
    if (trust.revoked.count(*key) > 0) {
        return refuse(fmt::format("it is signed by key {}, which the team revoked ([sync] "
                                  "revoked)",
                                  *key));
    }
    if (e.signature.empty()) {
        return refuse(fmt::format("it is not signed, though replica {} signs every event since "
                                  "it announced key {}",
                                  e.origin, *key));
    }
    if (!signature_valid(*key, e.hash, e.signature)) {
        return refuse(fmt::format("its signature does not match the key of replica {} (forged, "
                                  "or altered after it was signed)",
                                  e.origin));
    }
    return verdict;
}

SignatureChecker::SignatureChecker(std::vector<HeldKey> keys, std::string own_origin, bool every)
    : keys_(std::move(keys)), own_(std::move(own_origin)), every_(every) {}

const HeldKey* SignatureChecker::key_at(const std::string& origin, std::int64_t seq) const {
    const HeldKey* found = nullptr;
    for (const HeldKey& key : keys_) {
        if (key.origin == origin && key.since_seq <= seq &&
            (!found || key.since_seq > found->since_seq)) {
            found = &key;
        }
    }
    return found;
}

void SignatureChecker::fail(std::int64_t seq, std::string why) {
    if (!first_bad_seq_ || seq < *first_bad_seq_) {
        first_bad_seq_ = seq;
        problem_ = std::move(why);
    }
}

void SignatureChecker::check(const std::string& origin, std::int64_t seq, const std::string& hash,
                             const std::string& signature) {
    const HeldKey* key = key_at(origin, seq);
    ++checked_;
    if (key && !signature_valid(key->public_key, hash, signature)) {
        fail(seq, fmt::format("its signature does not match the key of replica {} (the event or "
                              "its signature was altered)",
                              origin));
    }
}

void SignatureChecker::feed(const std::string& origin, std::int64_t seq, const std::string& hash,
                            const std::string& signature) {
    if (!key_at(origin, seq)) {
        return; // before its replica announced a key
    }
    Last& last = last_[origin];
    if (signature.empty()) {
        if (origin != own_) {
            fail(seq, fmt::format("it is not signed, though replica {} signs every event since "
                                  "it announced its key",
                                  origin));
        }
        last.unsigned_seen = true;
        return;
    }
    if (last.unsigned_seen) {
        fail(seq, fmt::format("it is signed, but an event of replica {} before it is not", origin));
    }
    if (every_) {
        check(origin, seq, hash, signature);
    }
    last.seq = seq;
    last.hash = hash;
    last.signature = signature;
}

bool SignatureChecker::finish() {
    if (!every_) {
        for (const auto& [origin, last] : last_) {
            if (!last.signature.empty()) {
                check(origin, last.seq, last.hash, last.signature);
            }
        }
    }
    return !first_bad_seq_;
}

std::optional<std::pair<std::string, std::string>> parse_trusted_entry(std::string_view entry) {
    auto equals = entry.find('=');
    if (equals == std::string_view::npos) {
        return std::nullopt;
    }
    std::string origin(entry.substr(0, equals));
    std::string key(entry.substr(equals + 1));
    if (origin.empty() || !is_key_text(key)) {
        return std::nullopt;
    }
    return std::pair{origin, key};
}

} // namespace kept
