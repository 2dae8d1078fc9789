#include "control/apps.hpp"

#include <openssl/rand.h>

#include <boost/json/value.hpp>

#include "core/app_options.hpp"
#include <cstdio>
#include <stdexcept>

namespace timock::control {

namespace {
void random_bytes(unsigned char* out, int size) {
  if (RAND_bytes(out, size) != 1) throw std::runtime_error("RAND_bytes failed");
}
}  // namespace

core::SdkAppId generate_sdkappid() {
  unsigned char bytes[4];
  random_bytes(bytes, sizeof bytes);
  const std::uint32_t n = (std::uint32_t(bytes[0]) << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
  // 1400000001 .. 1499999999: looks like a real China-site app and never collides with the demo app.
  return 1400000001ull + n % 99999999ull;
}

std::string generate_secret_key() {
  unsigned char bytes[32];
  random_bytes(bytes, sizeof bytes);
  std::string hex;
  hex.reserve(64);
  char pair[3];
  for (unsigned char b : bytes) {
    std::snprintf(pair, sizeof pair, "%02x", b);
    hex += pair;
  }
  return hex;
}

boost::json::object app_to_json(const core::App& app) {
  boost::json::object out{{"sdkappid", app.sdkappid},
                          {"secret_key", app.secret_key},
                          {"admin", app.admin},
                          {"created_at", app.created_at},
                          {"options", core::options_to_json(app.options)}};
  if (app.public_key_pem.empty())
    out["public_key_pem"] = nullptr;
  else
    out["public_key_pem"] = app.public_key_pem;
  return out;
}

}  // namespace timock::control
