#include "callback/sign.hpp"

#include <openssl/evp.h>

#include <boost/algorithm/hex.hpp>
#include <stdexcept>

namespace timock::callback {

std::string sign(std::string_view token, std::int64_t request_time) {
  const std::string input = std::string(token) + std::to_string(request_time);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  std::string hex;
  boost::algorithm::hex_lower(digest, digest + length, std::back_inserter(hex));
  return hex;
}

}  // namespace timock::callback
