// UserSig v1 (tls-sig-api, ECDSA-SHA256): verify (reference/usersig.md §5.6) and mint (§6).
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <charconv>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "auth/usersig.hpp"
#include "auth/usersig_codec.hpp"

namespace timock::auth {
namespace detail {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

// The C++ tls-sig-api's TLS.version (§5.1); never signed, written for the reader's benefit.
constexpr std::string_view kV1Version = "201803230000";

BioPtr memory_bio(std::string_view pem) {
  if (pem.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return nullptr;
  return BioPtr{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
}

// An EC key whatever the curve (secp256k1 or prime256v1 in practice, §5.3), or null.
EvpPkeyPtr read_public_key(std::string_view pem) {
  BioPtr bio = memory_bio(pem);
  if (!bio) return nullptr;
  EvpPkeyPtr key{PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)};
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC) return nullptr;
  return key;
}

// Parsing the PEM costs about as much as the ECDSA check itself, and an app verifies many tickets with
// one key, so each thread keeps the last key it parsed.
EVP_PKEY* cached_public_key(std::string_view pem) {
  thread_local std::string last_pem;
  thread_local EvpPkeyPtr last_key;
  if (!last_key || last_pem != pem) {
    last_key = read_public_key(pem);
    last_pem = last_key ? std::string(pem) : std::string{};
  }
  return last_key.get();
}

// §5.1: appid_at_3rd only when present, then five fixed lines, then the userbuf line when present.
std::string signed_text(const std::string_view* appid_at_3rd, std::string_view account_type,
                        std::string_view identifier, std::string_view sdk_appid, std::string_view time,
                        std::string_view expire_after, const std::string_view* userbuf) {
  std::string text;
  if (appid_at_3rd != nullptr) text.append("TLS.appid_at_3rd:").append(*appid_at_3rd).append("\n");
  text.append("TLS.account_type:").append(account_type).append("\n");
  text.append("TLS.identifier:").append(identifier).append("\n");
  text.append("TLS.sdk_appid:").append(sdk_appid).append("\n");
  text.append("TLS.time:").append(time).append("\n");
  text.append("TLS.expire_after:").append(expire_after).append("\n");
  if (userbuf != nullptr) text.append("TLS.userbuf:").append(*userbuf).append("\n");
  return text;
}

// A decimal string of digits only, at most `max` (§5.6 step 5).
std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t max) {
  std::uint64_t value = 0;
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

bool ecdsa_verify(EVP_PKEY* key, std::string_view text, std::string_view der_sig) {
  EvpMdCtxPtr ctx{EVP_MD_CTX_new()};
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der_sig.data()), der_sig.size(),
                          reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
}

VerifyResult fail(VerifyResult result, SigFailure failure) {
  result.failure = failure;
  return result;
}

}  // namespace

VerifyResult verify_v1_document(const boost::json::object& object, std::string_view public_key_pem,
                                const VerifyRequest& request) {
  VerifyResult result;
  // §5.6 step 2 / §7: a v2 ticket is not v1 (vector v2-ticket-to-v1-verifier).
  if (is_v2_document(object)) return fail(result, SigFailure::version);
  result.version = 1;

  // §5.6 steps 3–4: presence; appid_at_3rd is mandatory in a userbuf ticket.
  for (const char* name :
       {"TLS.account_type", "TLS.identifier", "TLS.sdk_appid", "TLS.time", "TLS.expire_after", "TLS.sig"}) {
    if (!object.contains(name)) return fail(result, SigFailure::field_missing);
  }
  const boost::json::value* appid_at_3rd = object.if_contains("TLS.appid_at_3rd");
  const boost::json::value* userbuf = object.if_contains("TLS.userbuf");
  if (userbuf != nullptr && appid_at_3rd == nullptr) return fail(result, SigFailure::field_missing);

  // §5.6 step 5: every field is a string (TLS.version is not signed and not looked at).
  for (const char* name : {"TLS.account_type", "TLS.identifier", "TLS.sdk_appid", "TLS.time",
                           "TLS.expire_after", "TLS.sig", "TLS.appid_at_3rd", "TLS.userbuf"}) {
    const boost::json::value* value = object.if_contains(name);
    if (value != nullptr && !value->is_string()) return fail(result, SigFailure::field_type);
  }
  auto text_of = [&](const char* name) -> std::string_view { return object.at(name).get_string(); };
  const std::string_view time_text = text_of("TLS.time");
  const std::string_view expire_text = text_of("TLS.expire_after");
  // Same ranges as v2 (§4 step 7): 2^32 s of validity is 136 years.
  const auto time = parse_decimal(time_text, std::numeric_limits<std::int64_t>::max());
  const auto expire = parse_decimal(expire_text, std::numeric_limits<std::uint32_t>::max());
  if (!time || !expire) return fail(result, SigFailure::field_type);
  std::optional<std::string_view> userbuf_text;
  std::optional<std::string> userbuf_bytes;
  if (userbuf != nullptr) {
    userbuf_text = userbuf->get_string();
    userbuf_bytes = base64_decode(*userbuf_text);
    if (!userbuf_bytes) return fail(result, SigFailure::field_type);
  }
  result.time = static_cast<std::int64_t>(*time);
  result.expire = static_cast<std::int64_t>(*expire);

  if (public_key_pem.empty()) return fail(result, SigFailure::key_missing);

  // Our REST order (DESIGN): sdkappid, identifier, signature, expiry, userbuf. sdk_appid is compared as
  // the exact decimal string (Go's rule), not strtoul's lenient parse (§5.4).
  if (text_of("TLS.sdk_appid") != std::to_string(request.sdkappid)) {
    return fail(result, SigFailure::sdkappid_mismatch);
  }
  const std::string_view identifier = text_of("TLS.identifier");
  if (identifier != request.identifier) return fail(result, SigFailure::identifier_mismatch);

  EVP_PKEY* key = cached_public_key(public_key_pem);
  if (key == nullptr) return fail(result, SigFailure::key_missing);  // configured PEM is unusable
  std::optional<std::string_view> appid_text;
  if (appid_at_3rd != nullptr) appid_text = appid_at_3rd->get_string();
  const std::string text =
      signed_text(appid_text ? &*appid_text : nullptr, text_of("TLS.account_type"), identifier,
                  text_of("TLS.sdk_appid"), time_text, expire_text, userbuf_text ? &*userbuf_text : nullptr);
  // A TLS.sig that is not base64 cannot be a signature: sig_mismatch (vector v1-neg-sig-not-base64).
  const auto der = base64_decode(text_of("TLS.sig"));
  if (!der || !ecdsa_verify(key, text, *der)) return fail(result, SigFailure::sig_mismatch);

  if (is_expired(result.time, result.expire, request.now)) return fail(result, SigFailure::expired);

  if (request.expected_userbuf.has_value() != userbuf_bytes.has_value() ||
      (userbuf_bytes && *userbuf_bytes != *request.expected_userbuf)) {
    return fail(result, SigFailure::userbuf_mismatch);
  }
  return result;
}

}  // namespace detail

VerifyResult verify_v1(std::string_view usersig, std::string_view public_key_pem,
                       const VerifyRequest& request) {
  try {
    detail::Document doc = detail::decode_document(usersig);
    if (doc.failure != SigFailure::none) return VerifyResult{.failure = doc.failure};
    return detail::verify_v1_document(doc.object, public_key_pem, request);
  } catch (...) {
    // Only allocation failure gets here: fail closed, never throw.
    return VerifyResult{.failure = SigFailure::sig_mismatch};
  }
}

bool is_v1_public_key(std::string_view pem) { return detail::read_public_key(pem) != nullptr; }

std::string mint_v1(const MintV1& input) {
  // PEM_read_bio_PrivateKey skips the "EC PARAMETERS" block `openssl ecparam -genkey` writes first and
  // reads SEC1 "EC PRIVATE KEY" as well as PKCS#8 "PRIVATE KEY" (§5.3).
  detail::BioPtr bio = detail::memory_bio(input.private_key_pem);
  detail::EvpPkeyPtr key{bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr};
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC) {
    throw std::invalid_argument("mint_v1: not an EC private key in PEM (SEC1 or PKCS#8)");
  }

  const std::string sdk_appid = std::to_string(input.sdkappid);
  const std::string time = std::to_string(input.time);
  const std::string expire = std::to_string(input.expire);
  std::optional<std::string> userbuf;
  if (input.userbuf) userbuf = detail::base64_encode(*input.userbuf);
  const std::string_view appid_at_3rd = input.appid_at_3rd;
  std::optional<std::string_view> userbuf_view;
  if (userbuf) userbuf_view = *userbuf;
  const std::string text = detail::signed_text(&appid_at_3rd, input.account_type, input.identifier, sdk_appid,
                                               time, expire, userbuf_view ? &*userbuf_view : nullptr);

  detail::EvpMdCtxPtr ctx{EVP_MD_CTX_new()};
  std::size_t der_size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_size, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size()) != 1) {
    throw std::runtime_error("mint_v1: ECDSA signing failed");
  }
  std::string der(der_size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &der_size,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1) {
    throw std::runtime_error("mint_v1: ECDSA signing failed");
  }
  der.resize(der_size);

  // §5.2 / §6: the npm and C++ key order, every value a string.
  boost::json::object json;
  json["TLS.account_type"] = input.account_type;
  json["TLS.identifier"] = input.identifier;
  json["TLS.appid_at_3rd"] = input.appid_at_3rd;
  json["TLS.sdk_appid"] = sdk_appid;
  json["TLS.expire_after"] = expire;
  json["TLS.version"] = detail::kV1Version;
  json["TLS.time"] = time;
  if (userbuf) json["TLS.userbuf"] = *userbuf;
  json["TLS.sig"] = detail::base64_encode(der);
  return detail::wrap_json(detail::serialize_like_rapidjson(json));
}

}  // namespace timock::auth
