#include "kept/signing.hpp"

#include "kept/error.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

#include <array>
#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>

namespace kept {

namespace {

constexpr std::size_t key_bytes = 32;
constexpr std::size_t signature_bytes = 64;
constexpr std::string_view message_prefix = "kept event ";

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

/// The bytes of lowercase hex `text` of exactly `size` bytes; nothing otherwise.
std::optional<std::string> from_hex(std::string_view text, std::size_t size) {
    if (text.size() != size * 2) {
        return std::nullopt;
    }
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        int high = hex_digit(text[2 * i]);
        int low = hex_digit(text[2 * i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out[i] = static_cast<char>(high * 16 + low);
    }
    return out;
}

const unsigned char* bytes_of(const std::string& text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::string message_of(std::string_view hash) {
    std::string message(message_prefix);
    message += hash;
    return message;
}

/// The private key as libcrypto holds it, made once per key (deriving it costs as much as a
/// signature, and a first sync signs the whole history).
EVP_PKEY* private_pkey(const std::string& seed) {
    static std::map<std::string, Pkey> known;
    if (auto it = known.find(seed); it != known.end()) {
        return it->second.get();
    }
    Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes_of(seed), seed.size()));
    if (!key) {
        throw Error(ExitCode::internal, "Ed25519: cannot load a private key");
    }
    return known.emplace(seed, std::move(key)).first->second.get();
}

/// The public key as libcrypto holds it, made once per key a process meets: an import checks
/// thousands of signatures by the same few keys.
EVP_PKEY* public_pkey(std::string_view public_hex) {
    static std::map<std::string, Pkey, std::less<>> known;
    if (auto it = known.find(public_hex); it != known.end()) {
        return it->second.get();
    }
    auto raw = from_hex(public_hex, key_bytes);
    if (!raw) {
        return nullptr;
    }
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes_of(*raw), raw->size()));
    if (!key) {
        return nullptr;
    }
    return known.emplace(std::string(public_hex), std::move(key)).first->second.get();
}

} // namespace

bool is_key_text(std::string_view text) {
    return from_hex(text, key_bytes).has_value();
}

KeyPair new_key_pair() {
    std::array<unsigned char, key_bytes> seed{};
    if (!util::fill_random(seed.data(), seed.size())) {
        throw Error(ExitCode::internal, "no random bytes for a key");
    }
    return key_pair_from_private(util::to_hex(seed.data(), seed.size()));
}

KeyPair key_pair_from_private(std::string_view private_hex) {
    auto seed = from_hex(private_hex, key_bytes);
    if (!seed) {
        throw BadValue("a private key must be 64 lowercase hex digits");
    }
    EVP_PKEY* key = private_pkey(*seed);
    std::array<unsigned char, key_bytes> pub{};
    std::size_t size = pub.size();
    if (EVP_PKEY_get_raw_public_key(key, pub.data(), &size) != 1 || size != key_bytes) {
        throw Error(ExitCode::internal, "Ed25519: cannot derive the public key");
    }
    return {std::string(private_hex), util::to_hex(pub.data(), size)};
}

std::string sign_event_hash(const KeyPair& key, std::string_view hash) {
    auto seed = from_hex(key.private_key, key_bytes);
    if (!seed) {
        throw BadValue("a private key must be 64 lowercase hex digits");
    }
    EVP_PKEY* pkey = private_pkey(*seed);
    MdCtx context(EVP_MD_CTX_new());
    std::string message = message_of(hash);
    std::array<unsigned char, signature_bytes> signature{};
    std::size_t size = signature.size();
    // Ed25519 is PureEdDSA: no digest is named, and the message is signed in one call.
    if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, pkey) != 1 ||
        EVP_DigestSign(context.get(), signature.data(), &size, bytes_of(message), message.size()) !=
            1 ||
        size != signature_bytes) {
        throw Error(ExitCode::internal, "Ed25519: signing failed");
    }
    return util::to_hex(signature.data(), size);
}

bool signature_valid(std::string_view public_key, std::string_view hash,
                     std::string_view signature) {
    EVP_PKEY* pkey = public_pkey(public_key);
    auto raw = from_hex(signature, signature_bytes);
    if (!pkey || !raw) {
        return false;
    }
    MdCtx context(EVP_MD_CTX_new());
    std::string message = message_of(hash);
    return context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, pkey) == 1 &&
           EVP_DigestVerify(context.get(), bytes_of(*raw), raw->size(), bytes_of(message),
                            message.size()) == 1;
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
