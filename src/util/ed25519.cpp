#include "util/ed25519.hpp"

#include <dlfcn.h>
#include <map>
#include <memory>
#include <openssl/evp.h>
#include <string>

namespace kept::util::ed25519 {

namespace {

// The functions used, typed by libcrypto's own declarations (decltype links nothing).
struct Libcrypto {
    decltype(&EVP_PKEY_new_raw_private_key) new_raw_private_key = nullptr;
    decltype(&EVP_PKEY_new_raw_public_key) new_raw_public_key = nullptr;
    decltype(&EVP_PKEY_get_raw_public_key) get_raw_public_key = nullptr;
    decltype(&EVP_PKEY_free) pkey_free = nullptr;
    decltype(&EVP_MD_CTX_new) md_ctx_new = nullptr;
    decltype(&EVP_MD_CTX_free) md_ctx_free = nullptr;
    decltype(&EVP_DigestSignInit) digest_sign_init = nullptr;
    decltype(&EVP_DigestSign) digest_sign = nullptr;
    decltype(&EVP_DigestVerifyInit) digest_verify_init = nullptr;
    decltype(&EVP_DigestVerify) digest_verify = nullptr;
};

constexpr const char* library_name = "libcrypto.so.3";

template <typename Function> void find(void* handle, Function& slot, const char* name) {
    slot = reinterpret_cast<Function>(dlsym(handle, name));
    if (slot == nullptr) {
        throw Unavailable(std::string("Ed25519 signatures: ") + library_name + " has no " + name);
    }
}

Libcrypto load() {
    // Never closed: the process uses it until it ends.
    void* handle = dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        throw Unavailable(std::string("Ed25519 signatures need ") + library_name +
                          " (Debian's libssl3): " + (why != nullptr ? why : "not found"));
    }
    Libcrypto c;
    find(handle, c.new_raw_private_key, "EVP_PKEY_new_raw_private_key");
    find(handle, c.new_raw_public_key, "EVP_PKEY_new_raw_public_key");
    find(handle, c.get_raw_public_key, "EVP_PKEY_get_raw_public_key");
    find(handle, c.pkey_free, "EVP_PKEY_free");
    find(handle, c.md_ctx_new, "EVP_MD_CTX_new");
    find(handle, c.md_ctx_free, "EVP_MD_CTX_free");
    find(handle, c.digest_sign_init, "EVP_DigestSignInit");
    find(handle, c.digest_sign, "EVP_DigestSign");
    find(handle, c.digest_verify_init, "EVP_DigestVerifyInit");
    find(handle, c.digest_verify, "EVP_DigestVerify");
    return c;
}

const Libcrypto& libcrypto() {
    static const Libcrypto loaded = load();
    return loaded;
}

struct MdCtxFree {
    void operator()(EVP_MD_CTX* context) const { libcrypto().md_ctx_free(context); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

/// The key as libcrypto holds it, made once per key a process meets: deriving a private key
/// costs as much as a signature (a first sync signs the whole history), and an import checks
/// thousands of signatures by the same few public keys. Kept until the process ends, never
/// freed: libcrypto may have cleaned up by the time static objects go. nullptr when libcrypto
/// refuses the key.
EVP_PKEY* pkey_of(const Key& raw, bool is_private) {
    static auto* known = new std::map<std::pair<Key, bool>, EVP_PKEY*>;
    if (auto it = known->find({raw, is_private}); it != known->end()) {
        return it->second;
    }
    const Libcrypto& c = libcrypto();
    EVP_PKEY* key = is_private
                        ? c.new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size())
                        : c.new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size());
    if (key != nullptr) {
        known->emplace(std::pair{raw, is_private}, key);
    }
    return key;
}

} // namespace

std::optional<Key> public_key_of(const Key& seed) {
    EVP_PKEY* key = pkey_of(seed, true);
    Key out{};
    std::size_t size = out.size();
    if (key == nullptr || libcrypto().get_raw_public_key(key, out.data(), &size) != 1 ||
        size != out.size()) {
        return std::nullopt;
    }
    return out;
}

std::optional<Signature> sign(const Key& seed, std::string_view message) {
    EVP_PKEY* key = pkey_of(seed, true);
    const Libcrypto& c = libcrypto();
    MdCtx context(c.md_ctx_new());
    Signature out{};
    std::size_t size = out.size();
    // Ed25519 is PureEdDSA: no digest is named, and the message is signed in one call.
    if (key == nullptr || !context ||
        c.digest_sign_init(context.get(), nullptr, nullptr, nullptr, key) != 1 ||
        c.digest_sign(context.get(), out.data(), &size, bytes_of(message), message.size()) != 1 ||
        size != out.size()) {
        return std::nullopt;
    }
    return out;
}

bool verify(const Key& public_key, std::string_view message, const Signature& signature) {
    EVP_PKEY* key = pkey_of(public_key, false);
    const Libcrypto& c = libcrypto();
    MdCtx context(c.md_ctx_new());
    return key != nullptr && context &&
           c.digest_verify_init(context.get(), nullptr, nullptr, nullptr, key) == 1 &&
           c.digest_verify(context.get(), signature.data(), signature.size(), bytes_of(message),
                           message.size()) == 1;
}

} // namespace kept::util::ed25519
