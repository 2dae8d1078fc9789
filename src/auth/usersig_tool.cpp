#include "auth/usersig_tool.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "auth/usersig.hpp"
#include "auth/usersig_codec.hpp"

namespace timock::auth {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitBadOptions = 2;

// A PEM key is a few hundred bytes; anything past 64 KiB is not a key file.
constexpr std::size_t kMaxKeyFileSize = 64 * 1024;

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::string> read_key_file(const std::string& path, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "cannot open key file: " << path << "\n";
    return std::nullopt;
  }
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxKeyFileSize) {
      err << "key file too large: " << path << "\n";
      return std::nullopt;
    }
  }
  return text;
}

}  // namespace

int usersig_gen(const GenOptions& options, std::ostream& out, std::ostream& err) {
  if (options.key.empty() == options.private_key_file.empty()) {
    err << "usersig gen: give exactly one of --key SECRET (v2) or --private-key PEM_FILE (v1)\n";
    return kExitBadOptions;
  }
  if (options.identifier.empty()) {
    err << "usersig gen: --identifier is required\n";
    return kExitBadOptions;
  }
  // Ranges the verifier accepts (reference/usersig.md §4 step 7).
  if (options.sdkappid > std::numeric_limits<std::uint32_t>::max()) {
    err << "usersig gen: --sdkappid must be in 0..4294967295\n";
    return kExitBadOptions;
  }
  if (options.expire < 0 || options.expire > std::numeric_limits<std::uint32_t>::max()) {
    err << "usersig gen: --expire must be in 0..4294967295 seconds\n";
    return kExitBadOptions;
  }
  const std::int64_t time = options.time.value_or(system_now());
  if (time < 0) {
    err << "usersig gen: --time must not be negative\n";
    return kExitBadOptions;
  }
  std::optional<std::string> userbuf;
  if (options.userbuf_base64) {
    userbuf = detail::base64_decode(*options.userbuf_base64);
    if (!userbuf) {
      err << "usersig gen: --userbuf must be padded standard base64\n";
      return kExitBadOptions;
    }
  }

  if (!options.key.empty()) {
    out << mint_v2(MintV2{.sdkappid = options.sdkappid,
                          .secret_key = options.key,
                          .identifier = options.identifier,
                          .time = time,
                          .expire = options.expire,
                          .userbuf = userbuf})
        << "\n";
    return kExitOk;
  }
  const auto pem = read_key_file(options.private_key_file, err);
  if (!pem) return kExitBadOptions;
  try {
    MintV1 input;
    input.sdkappid = options.sdkappid;
    input.private_key_pem = *pem;
    input.identifier = options.identifier;
    input.time = time;
    input.expire = options.expire;
    input.userbuf = userbuf;
    out << mint_v1(input) << "\n";
  } catch (const std::exception& e) {
    err << "usersig gen: " << e.what() << "\n";
    return kExitBadOptions;
  }
  return kExitOk;
}

int usersig_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  if (options.key.empty() == options.public_key_file.empty()) {
    err << "usersig verify: give exactly one of --key SECRET (v2) or --public-key PEM_FILE (v1)\n";
    return kExitBadOptions;
  }
  if (options.identifier.empty()) {
    err << "usersig verify: --identifier is required\n";
    return kExitBadOptions;
  }
  AppKeys keys;
  keys.secret_key = options.key;
  if (!options.public_key_file.empty()) {
    const auto pem = read_key_file(options.public_key_file, err);
    if (!pem) return kExitBadOptions;
    keys.public_key_pem = *pem;
  }
  VerifyRequest request;
  request.sdkappid = options.sdkappid;
  request.identifier = options.identifier;
  request.now = options.now.value_or(system_now());

  const VerifyResult result = verify_usersig(options.usersig, keys, request);
  if (!result.ok()) {
    out << "invalid: " << to_string(result.failure) << " (REST "
        << static_cast<int>(rest_error_code(result.failure)) << ")\n";
    return kExitInvalid;
  }
  out << "valid: v" << result.version << ", time " << result.time << ", expire " << result.expire
      << ", valid through " << result.expires_at() << "\n";
  return kExitOk;
}

int usersig_decode(std::string_view usersig, std::ostream& out, std::ostream& err) {
  const Decoded decoded = decode_usersig(usersig);
  if (decoded.failure != SigFailure::none) {
    err << "undecodable: " << to_string(decoded.failure) << " (REST "
        << static_cast<int>(rest_error_code(decoded.failure)) << ")\n";
    return kExitInvalid;
  }
  out << decoded.json;
  if (decoded.json.empty() || decoded.json.back() != '\n') out << "\n";
  return kExitOk;
}

}  // namespace timock::auth
