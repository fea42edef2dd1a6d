#pragma once

// Ed25519 from the shared libcrypto, loaded the first time a key, signature or check is asked
// for, knowing nothing of kept. Linked statically, libcrypto's signatures bring its providers,
// encoders and object tables into every command (2.3 MB of code, 20,000 relocations and 80
// pages copied at each start); most commands never sign.

#include <array>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace kept::util::ed25519 {

using Key = std::array<unsigned char, 32>;
using Signature = std::array<unsigned char, 64>;

/// libcrypto.so.3, or one of the functions used, could not be loaded.
class Unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The public key of a private seed; nullopt when libcrypto refuses the seed. Throws
/// Unavailable.
std::optional<Key> public_key_of(const Key& seed);
/// The signature of `message` by the seed's key; nullopt when signing fails. Throws Unavailable.
std::optional<Signature> sign(const Key& seed, std::string_view message);
/// Whether `signature` is `public_key`'s signature of `message`. Throws Unavailable.
bool verify(const Key& public_key, std::string_view message, const Signature& signature);

} // namespace kept::util::ed25519
