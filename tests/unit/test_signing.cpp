#include "kept/config.hpp"
#include "kept/error.hpp"
#include "kept/signing.hpp"
#include "util/ed25519.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kept;

namespace {

/// An event of `origin` with its hash, signed by `key` when given.
Event event_of(const std::string& origin, const KeyPair* key, bool announce = false) {
    Event e;
    e.uuid = new_uuid();
    e.commitment_uuid = new_uuid();
    e.timestamp = "2026-11-23T09:00:00Z";
    e.day = "2026-11-23";
    e.actor = "tester";
    e.payload = {{"title", "t"}};
    e.origin = origin;
    e.clock = 1;
    e.hash = compute_hash(e);
    if (key) {
        e.signature = sign_event_hash(*key, e.hash);
        if (announce) {
            e.public_key = key->public_key;
        }
    }
    return e;
}

/// `text` with its hex digit at `at` changed.
std::string flip(std::string text, std::size_t at) {
    text[at] = text[at] == '0' ? '1' : '0';
    return text;
}

} // namespace

TEST_CASE("a signature verifies with its key, and fails with a flipped bit or another key") {
    KeyPair key = new_key_pair();
    CHECK(is_key_text(key.public_key));
    CHECK(is_key_text(key.private_key));
    std::string hash(64, 'a');
    std::string signature = sign_event_hash(key, hash);
    CHECK(signature.size() == 128);
    CHECK(signature_valid(key.public_key, hash, signature));
    CHECK(sign_event_hash(key, hash) == signature); // Ed25519 is deterministic
    CHECK_FALSE(signature_valid(key.public_key, flip(hash, 10), signature));
    CHECK_FALSE(signature_valid(key.public_key, hash, flip(signature, 70)));
    CHECK_FALSE(signature_valid(new_key_pair().public_key, hash, signature));
    CHECK_FALSE(signature_valid(key.public_key, hash, "not hex"));
    CHECK_FALSE(signature_valid("short", hash, signature));
}

TEST_CASE("Ed25519 from the shared libcrypto gives RFC 8032's first test vector") {
    // RFC 8032, 7.1, TEST 1: the empty message.
    auto bytes = [](std::string_view hex) {
        std::string out;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
        }
        return out;
    };
    util::ed25519::Key seed{};
    std::string raw = bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    std::copy(raw.begin(), raw.end(), seed.begin());
    auto pub = util::ed25519::public_key_of(seed);
    REQUIRE(pub);
    CHECK(util::to_hex(pub->data(), pub->size()) ==
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    auto signature = util::ed25519::sign(seed, "");
    REQUIRE(signature);
    CHECK(util::to_hex(signature->data(), signature->size()) ==
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
          "1cf9b46bd25bf5f0595bbe24655141438e7a100b");
    CHECK(util::ed25519::verify(*pub, "", *signature));
    CHECK(!util::ed25519::verify(*pub, "x", *signature));
    (*signature)[0] ^= 1U;
    CHECK(!util::ed25519::verify(*pub, "", *signature));
}

TEST_CASE("a key pair is derived again from its private key") {
    KeyPair key = new_key_pair();
    CHECK(key_pair_from_private(key.private_key).public_key == key.public_key);
    CHECK_THROWS_AS(key_pair_from_private("00"), BadValue);
    CHECK_THROWS_AS(key_pair_from_private(std::string(64, 'G')), BadValue);
    // RFC 8032, section 7.1, test 1.
    CHECK(key_pair_from_private("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
              .public_key == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
}

TEST_CASE("trust on first use: the first key an origin announces is held") {
    KeyPair key = new_key_pair();
    Trust none;
    SignatureVerdict first = check_event_signature(event_of("o", &key, true), std::nullopt, none);
    CHECK(first.refused.empty());
    REQUIRE(first.announces);
    CHECK(*first.announces == key.public_key);
    SignatureVerdict next = check_event_signature(event_of("o", &key), key.public_key, none);
    CHECK(next.refused.empty());
    CHECK_FALSE(next.announces);
    // Unsigned history before any key is accepted; a signature without a key is not.
    CHECK(check_event_signature(event_of("o", nullptr), std::nullopt, none).refused.empty());
    CHECK(check_event_signature(event_of("o", &key), std::nullopt, none)
              .refused.find("announced no key") != std::string::npos);
}

TEST_CASE("once a key is held, each event must carry its valid signature") {
    KeyPair key = new_key_pair();
    KeyPair other = new_key_pair();
    Trust none;
    CHECK(check_event_signature(event_of("o", nullptr), key.public_key, none)
              .refused.find("is not signed") != std::string::npos);
    CHECK(check_event_signature(event_of("o", &other), key.public_key, none)
              .refused.find("does not match the key") != std::string::npos);
    Event altered = event_of("o", &key);
    altered.payload["title"] = "forged";
    altered.hash = compute_hash(altered);
    CHECK(check_event_signature(altered, key.public_key, none).refused.find("does not match") !=
          std::string::npos);
}

TEST_CASE("a second key is refused unless pinned, pins bind a new replica, revoked keys fail") {
    KeyPair key = new_key_pair();
    KeyPair next = new_key_pair();
    Trust none;
    Event change = event_of("o", &next, true);
    CHECK(check_event_signature(change, key.public_key, none).refused.find("a second key") !=
          std::string::npos);

    Trust pinned;
    pinned.pinned["o"] = {key.public_key, next.public_key};
    SignatureVerdict accepted = check_event_signature(change, key.public_key, pinned);
    CHECK(accepted.refused.empty());
    CHECK(accepted.announces == next.public_key);

    Trust only_next;
    only_next.pinned["o"] = {next.public_key};
    CHECK(check_event_signature(event_of("o", &key, true), std::nullopt, only_next)
              .refused.find("not one the team pinned") != std::string::npos);
    CHECK(check_event_signature(change, std::nullopt, only_next).refused.empty());

    Trust revoked;
    revoked.revoked.insert(key.public_key);
    CHECK(check_event_signature(event_of("o", &key), key.public_key, revoked)
              .refused.find("revoked") != std::string::npos);
    CHECK(check_event_signature(event_of("o", &key, true), std::nullopt, revoked)
              .refused.find("revoked") != std::string::npos);
}

TEST_CASE("verify's signature check: each origin's last signature, or every one") {
    KeyPair key = new_key_pair();
    std::vector<HeldKey> keys = {{"o", 2, key.public_key}};
    Event good = event_of("o", &key);
    Event bad = event_of("o", &key);
    bad.signature = flip(bad.signature, 5);

    SignatureChecker last(keys, "me", false);
    last.feed("o", 1, "unsigned before the key", "");
    last.feed("o", 2, bad.hash, bad.signature);
    last.feed("o", 3, good.hash, good.signature);
    CHECK(last.finish()); // the head vouches for the chain; every() is --full's

    SignatureChecker every(keys, "me", true);
    every.feed("o", 2, bad.hash, bad.signature);
    every.feed("o", 3, good.hash, good.signature);
    CHECK_FALSE(every.finish());
    CHECK(every.first_bad_seq() == 2);

    SignatureChecker unsigned_foreign(keys, "me", false);
    unsigned_foreign.feed("o", 2, good.hash, "");
    CHECK_FALSE(unsigned_foreign.finish());

    // Our own events may end unsigned (not shared yet), not have a gap.
    SignatureChecker own_tail(keys, "o", false);
    own_tail.feed("o", 2, good.hash, good.signature);
    own_tail.feed("o", 3, "not shared yet", "");
    CHECK(own_tail.finish());
    SignatureChecker own_gap(keys, "o", false);
    own_gap.feed("o", 2, "unsigned", "");
    own_gap.feed("o", 3, good.hash, good.signature);
    CHECK_FALSE(own_gap.finish());
}

TEST_CASE("[sync] trusted and revoked are validated with line and column") {
    std::string key(64, 'a');
    Config config =
        parse_config("[sync]\ntrusted = [\"o=" + key + "\", \"o=" + std::string(64, 'b') +
                     "\"]\nrevoked = [\"" + std::string(64, 'c') + "\"]\n");
    CHECK(config.sync_trust.pinned["o"].size() == 2);
    CHECK(config.sync_trust.revoked.count(std::string(64, 'c')) == 1);
    CHECK_THROWS_WITH_AS(parse_config("[sync]\ntrusted = [\"o=xyz\"]\n"),
                         doctest::Contains("2:12: sync.trusted: \"o=xyz\" is not"), ConfigError);
    CHECK_THROWS_WITH_AS(parse_config("[sync]\nrevoked = \"" + key + "\"\n"),
                         doctest::Contains("2:11: sync.revoked must be an array"), ConfigError);
    CHECK_THROWS_WITH_AS(parse_config("[sync]\nrevoked = [\"AB\"]\n"),
                         doctest::Contains("2:12: sync.revoked: \"AB\" is not a public key"),
                         ConfigError);
}
