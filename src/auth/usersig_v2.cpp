// UserSig v2 (tls-sig-api-v2, HMAC-SHA256): mint (reference/usersig.md §2, §6) and verify (§4).
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "auth/usersig.hpp"
#include "auth/usersig_codec.hpp"

namespace timock::auth {
namespace detail {
namespace {

struct EvpMacDeleter {
  void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};
struct EvpMacCtxDeleter {
  void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};

// Fetched once: an EVP_MAC_fetch per verification would dominate the cost of a short HMAC.
EVP_MAC* hmac_algorithm() {
  static const std::unique_ptr<EVP_MAC, EvpMacDeleter> mac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
  return mac.get();
}

// reference/usersig.md §2.1: identifier, sdkappid, time, expire, then the userbuf line when present.
std::string signed_text(std::string_view identifier, std::uint64_t sdkappid, std::int64_t time,
                        std::int64_t expire, const std::string* userbuf_base64) {
  std::string text;
  text.reserve(96 + identifier.size() + (userbuf_base64 ? userbuf_base64->size() : 0));
  text.append("TLS.identifier:").append(identifier).append("\n");
  text.append("TLS.sdkappid:").append(std::to_string(sdkappid)).append("\n");
  text.append("TLS.time:").append(std::to_string(time)).append("\n");
  text.append("TLS.expire:").append(std::to_string(expire)).append("\n");
  if (userbuf_base64 != nullptr) text.append("TLS.userbuf:").append(*userbuf_base64).append("\n");
  return text;
}

// An integer JSON number in 0..max; doubles (even 15552000.0) and strings are refused (§4 step 7).
std::optional<std::uint64_t> as_unsigned(const boost::json::value& value, std::uint64_t max) {
  if (value.is_int64()) {
    const std::int64_t i = value.get_int64();
    if (i < 0 || static_cast<std::uint64_t>(i) > max) return std::nullopt;
    return static_cast<std::uint64_t>(i);
  }
  if (value.is_uint64() && value.get_uint64() <= max) return value.get_uint64();
  return std::nullopt;
}

VerifyResult fail(VerifyResult result, SigFailure failure) {
  result.failure = failure;
  return result;
}

}  // namespace

std::string hmac_sha256_base64(std::string_view key, std::string_view text) {
  static constexpr unsigned char kNoKey = 0;  // EVP_MAC_init wants a non-null pointer even for 0 bytes
  std::unique_ptr<EVP_MAC_CTX, EvpMacCtxDeleter> ctx{EVP_MAC_CTX_new(hmac_algorithm())};
  if (!ctx) throw std::runtime_error("EVP_MAC_CTX_new failed");
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  const auto* key_bytes = key.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(key.data());
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t mac_size = 0;
  if (EVP_MAC_init(ctx.get(), key_bytes, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1 ||
      EVP_MAC_final(ctx.get(), mac, &mac_size, sizeof mac) != 1) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return base64_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

VerifyResult verify_v2_document(const boost::json::object& object, std::string_view secret_key,
                                const VerifyRequest& request) {
  VerifyResult result;
  // §4 step 5 / §7: only TLS.ver == "2.0" is v2.
  if (!is_v2_document(object)) return fail(result, SigFailure::version);
  result.version = 2;

  // §4 step 6: presence.
  for (const char* name : {"TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire", "TLS.sig"}) {
    if (!object.contains(name)) return fail(result, SigFailure::field_missing);
  }
  // §4 step 7: types and ranges.
  const boost::json::value& identifier = object.at("TLS.identifier");
  const boost::json::value& sig = object.at("TLS.sig");
  const auto sdkappid = as_unsigned(object.at("TLS.sdkappid"), std::numeric_limits<std::uint32_t>::max());
  const auto time = as_unsigned(object.at("TLS.time"), std::numeric_limits<std::int64_t>::max());
  const auto expire = as_unsigned(object.at("TLS.expire"), std::numeric_limits<std::uint32_t>::max());
  if (!identifier.is_string() || !sig.is_string() || !sdkappid || !time || !expire) {
    return fail(result, SigFailure::field_type);
  }
  const boost::json::value* userbuf_value = object.if_contains("TLS.userbuf");
  std::optional<std::string> userbuf_base64;  // the JSON string verbatim: the MAC covers it (§2.1)
  std::optional<std::string> userbuf_bytes;
  if (userbuf_value != nullptr) {
    if (!userbuf_value->is_string()) return fail(result, SigFailure::field_type);
    userbuf_base64 = std::string(userbuf_value->get_string());
    userbuf_bytes = base64_decode(*userbuf_base64);
    if (!userbuf_bytes) return fail(result, SigFailure::field_type);
  }
  result.time = static_cast<std::int64_t>(*time);
  result.expire = static_cast<std::int64_t>(*expire);

  if (secret_key.empty()) return fail(result, SigFailure::key_missing);

  // Our REST order (DESIGN): sdkappid, identifier, signature, expiry, userbuf.
  if (*sdkappid != request.sdkappid) return fail(result, SigFailure::sdkappid_mismatch);
  const std::string_view identifier_text = identifier.get_string();
  if (identifier_text != request.identifier)
    return fail(result, SigFailure::identifier_mismatch);  // byte-equal

  // §4 steps 12–13: recompute from the validated values, compare as base64 strings in constant time,
  // so a non-canonical TLS.sig (no `=`) is refused.
  const std::string expected_sig =
      hmac_sha256_base64(secret_key, signed_text(identifier_text, *sdkappid, result.time, result.expire,
                                                 userbuf_base64 ? &*userbuf_base64 : nullptr));
  if (!equal_constant_time(expected_sig, sig.get_string())) return fail(result, SigFailure::sig_mismatch);

  if (is_expired(result.time, result.expire, request.now)) return fail(result, SigFailure::expired);

  // §4 step 11 (Go's semantics): presence and bytes must both match what the caller expects.
  if (request.expected_userbuf.has_value() != userbuf_bytes.has_value() ||
      (userbuf_bytes && *userbuf_bytes != *request.expected_userbuf)) {
    return fail(result, SigFailure::userbuf_mismatch);
  }
  return result;
}

}  // namespace detail

VerifyResult verify_v2(std::string_view usersig, std::string_view secret_key, const VerifyRequest& request) {
  try {
    detail::Document doc = detail::decode_document(usersig);
    if (doc.failure != SigFailure::none) return VerifyResult{.failure = doc.failure};
    return detail::verify_v2_document(doc.object, secret_key, request);
  } catch (...) {
    // Only allocation failure or an OpenSSL internal error gets here: fail closed, never throw.
    return VerifyResult{.failure = SigFailure::sig_mismatch};
  }
}

std::string mint_v2(const MintV2& input) {
  std::optional<std::string> userbuf_base64;
  if (input.userbuf) userbuf_base64 = detail::base64_encode(*input.userbuf);
  const std::string sig = detail::hmac_sha256_base64(
      input.secret_key, detail::signed_text(input.identifier, input.sdkappid, input.time, input.expire,
                                            userbuf_base64 ? &*userbuf_base64 : nullptr));
  // reference/usersig.md §2.2 / §6: the official C++ library's key order, so the output is byte-equal to
  // its tickets (cpp_official_rendering in the vectors).
  boost::json::object json;
  json["TLS.ver"] = "2.0";
  json["TLS.sdkappid"] = input.sdkappid;
  json["TLS.identifier"] = input.identifier;
  json["TLS.time"] = input.time;
  json["TLS.expire"] = input.expire;
  if (userbuf_base64) json["TLS.userbuf"] = *userbuf_base64;
  json["TLS.sig"] = sig;
  return detail::wrap_json(detail::serialize_like_rapidjson(json));
}

}  // namespace timock::auth
