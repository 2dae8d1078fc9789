// Private helpers shared by the UserSig sources (usersig*.cpp): the wrapper of reference/usersig.md §1
// (url-ish base64 of a zlib stream of JSON), strict JSON parsing, HMAC and the OpenSSL RAII types.
// Not part of the auth/ interface: include usersig.hpp instead.
#pragma once

#include <openssl/evp.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/usersig.hpp"

namespace timock::auth::detail {

// Real UserSigs are 150–600 characters (a PrivateMapKey with a long room string stays under 1 KiB, and
// Java's 2048-byte deflate buffer caps what any official generator emits at ~2.7 KiB of base64). 16 KiB
// leaves a wide margin for hand-made variants (pretty JSON, level 0) while bounding the work done before
// a verdict; it is also large enough that a deflate bomb gets as far as the inflate cap below, which is
// the layer meant to stop it.
inline constexpr std::size_t kMaxUsersigLength = 16 * 1024;

// reference/usersig.md §1.2: the official C++ library inflates without a bound; the vectors assume
// 64 KiB is plenty (the largest real JSON is a few hundred bytes). Inflating stops at this many bytes,
// so a 10 MB bomb costs one 64 KiB buffer and well under a millisecond.
inline constexpr std::size_t kMaxInflatedSize = 64 * 1024;

// Nesting allowed in the JSON document; a UserSig is one flat object, 8 levels is already absurd.
inline constexpr std::size_t kMaxJsonDepth = 8;

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct EvpMdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxDeleter>;

// Standard base64 with `=` padding (the inner TLS.sig / TLS.userbuf alphabet).
std::string base64_encode(std::string_view bytes);
// Canonical padded standard base64 only: length % 4 == 0, [A-Za-z0-9+/], at most two trailing `=`
// (reference/usersig.md §4 step 2). nullopt otherwise.
std::optional<std::string> base64_decode(std::string_view text);

// reference/usersig.md §1.1 step 4 and its inverse (§1.2): + ↔ *, / ↔ -, = ↔ _.
std::string to_urlish(std::string base64);
std::string from_urlish(std::string_view usersig);

// RFC 1950 zlib stream at level 1 (Z_BEST_SPEED), as the official C++ library writes it (§1.3).
std::string zlib_compress_level1(std::string_view bytes);
// Exactly one complete zlib stream, header and adler32 checked, no trailing bytes, at most `cap`
// inflated bytes (§4 step 3). nullopt otherwise.
std::optional<std::string> zlib_inflate_strict(std::string_view bytes, std::size_t cap);

// urlish(base64(zlib(json))): the §1.1 encoding of a JSON text.
std::string wrap_json(std::string_view json);

// A UserSig decoded down to its JSON object (§4 steps 1–4), or the failure that stopped it.
struct Document {
  SigFailure failure = SigFailure::none;
  boost::json::object object;
};
Document decode_document(std::string_view usersig);

// UTF-8 JSON text → object; rejects non-objects and duplicate keys at any depth (§4 step 4).
std::optional<boost::json::object> parse_json_object(std::string_view text);

// Compact JSON in the object's insertion order, escaped as rapidjson's Writer does (only `"`, `\` and
// control characters; `\u00XX` in upper-case hex), i.e. the official C++ library's rendering (§2.2).
std::string serialize_like_rapidjson(const boost::json::object& object);

// base64(HMAC-SHA256(key bytes, text)) (reference/usersig.md §2.1).
std::string hmac_sha256_base64(std::string_view key, std::string_view text);

// Constant-time string equality (lengths are not secret).
bool equal_constant_time(std::string_view a, std::string_view b);

// `TLS.ver` is the string "2.0" (reference/usersig.md §7).
bool is_v2_document(const boost::json::object& object);

// The version-specific verifiers on an already decoded document (used by the combined verifier so a
// UserSig is decoded once).
VerifyResult verify_v2_document(const boost::json::object& object, std::string_view secret_key,
                                const VerifyRequest& request);
VerifyResult verify_v1_document(const boost::json::object& object, std::string_view public_key_pem,
                                const VerifyRequest& request);

// Expired iff now > time + expire (reference/usersig.md §3.4), without overflowing for huge times.
bool is_expired(std::int64_t time, std::int64_t expire, std::int64_t now);

}  // namespace timock::auth::detail
