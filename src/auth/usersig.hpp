// UserSig: Tencent's login ticket, v2 (HMAC-SHA256 with the app's secret key) and v1 (ECDSA with the
// app's key pair). One implementation mints and verifies, used by the server, the CLI and the tests.
// Facts: reference/usersig.md (§4 is the v2 verifier policy, §5.6 the v1 one, §7 the dispatch).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error_code.hpp"

namespace timock::auth {

// Why a UserSig was refused; the names are the vectors' `reason` values.
enum class SigFailure {
  none,
  empty,
  base64,
  zlib,
  json,
  version,
  field_missing,
  field_type,
  identifier_mismatch,
  sdkappid_mismatch,
  expired,
  userbuf_mismatch,
  sig_mismatch,
  key_missing,  // the app has no key of the sig's kind (v2 needs a secret key, v1 a public key)
};

std::string_view to_string(SigFailure failure);
// The REST error code the failure maps to (reference/usersig.md §4, rest-api.md §1.4).
core::ErrorCode rest_error_code(SigFailure failure);

// The keys an app may hold; either may be empty.
struct AppKeys {
  std::string secret_key;      // v2: the 64-character console string, used as text
  std::string public_key_pem;  // v1: SPKI "PUBLIC KEY" PEM (secp256k1 or prime256v1)
};

struct VerifyRequest {
  std::uint64_t sdkappid = 0;
  std::string_view identifier;
  std::int64_t now = 0;  // unix seconds (the server's clock)
  // nullopt: the caller expects a plain UserSig (no TLS.userbuf). A value: the exact userbuf bytes.
  std::optional<std::string> expected_userbuf;
};

struct VerifyResult {
  SigFailure failure = SigFailure::none;
  int version = 0;          // 1 or 2 once the document was recognised, else 0
  std::int64_t time = 0;    // TLS.time, when it was read
  std::int64_t expire = 0;  // TLS.expire / TLS.expire_after, when it was read
  bool ok() const { return failure == SigFailure::none; }
  // Last valid second; saturates at INT64_MAX (TLS.time may be up to 2^63-1, reference/usersig.md §4).
  std::int64_t expires_at() const {
    return time > 0 && expire > INT64_MAX - time ? INT64_MAX : time + expire;
  }
};

// Combined verifier: TLS.ver "2.0" → v2 with keys.secret_key, otherwise v1 with keys.public_key_pem.
// Never throws; any byte string gives a verdict.
VerifyResult verify_usersig(std::string_view usersig, const AppKeys& keys, const VerifyRequest& request);

// Version-specific verifiers (a v1 ticket to verify_v2, or the reverse, is SigFailure::version).
VerifyResult verify_v2(std::string_view usersig, std::string_view secret_key, const VerifyRequest& request);
VerifyResult verify_v1(std::string_view usersig, std::string_view public_key_pem,
                       const VerifyRequest& request);

struct MintV2 {
  std::uint64_t sdkappid = 0;
  std::string_view secret_key;
  std::string_view identifier;
  std::int64_t time = 0;
  std::int64_t expire = 0;
  std::optional<std::string> userbuf;  // raw bytes; base64'd into TLS.userbuf
};
// Writes the official C++ library's layout with zlib level 1, so the result equals
// `cpp_official_rendering.usersig` of the vectors byte for byte.
std::string mint_v2(const MintV2& input);

struct MintV1 {
  std::uint64_t sdkappid = 0;
  std::string_view private_key_pem;  // SEC1 or PKCS#8
  std::string_view identifier;
  std::int64_t time = 0;
  std::int64_t expire = 0;
  std::string appid_at_3rd = "0";
  std::string account_type = "0";
  std::optional<std::string> userbuf;
};
// Throws std::invalid_argument when the private key cannot be read.
std::string mint_v1(const MintV1& input);

// True when `pem` is an SPKI "PUBLIC KEY" of an EC curve, i.e. usable to verify v1 sigs.
bool is_v1_public_key(std::string_view pem);

// PrivateMapKey userbuf (reference/usersig.md §2.3), UTF-8 layout. room_str empty → numeric room (cVer 0).
std::string private_map_userbuf(std::string_view identifier, std::uint64_t sdkappid, std::uint32_t room_id,
                                std::string_view room_str, std::uint32_t expire_at,
                                std::uint32_t privilege_map);

// The JSON text inside any UserSig (v1 or v2), or nullopt with the failure (empty/base64/zlib).
struct Decoded {
  SigFailure failure = SigFailure::none;
  std::string json;
};
Decoded decode_usersig(std::string_view usersig);

}  // namespace timock::auth
