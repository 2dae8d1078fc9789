#include "auth/client_identity.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>


#include <cstdint>

namespace timock::auth {

std::string tinyid_of(core::SdkAppId app, std::string_view user) {
  // Below 2^53, so it survives JSON.parse even where a client reads it as a number.
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const std::string key = std::to_string(app) + "/" + std::string(user);
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  std::uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n = (n << 8) | digest[i];
  return std::to_string(1000000000000000ull + n % 8000000000000000ull);
}

std::string new_a2_key() {
  unsigned char raw[32];
  RAND_bytes(raw, sizeof raw);
  std::string hex;
  hex.reserve(2 * sizeof raw);
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned char c : raw) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

}  // namespace timock::auth
