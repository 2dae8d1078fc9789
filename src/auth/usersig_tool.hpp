// `timock usersig gen|verify|decode`: the CLI over the UserSig library, as plain functions that write to
// the given streams and return the process exit code (main.cpp parses the flags and calls these).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace timock::auth {

struct GenOptions {
  std::uint64_t sdkappid = 0;
  std::string key;               // v2 secret key (text); exclusive with private_key_file
  std::string private_key_file;  // v1: PEM file, SEC1 or PKCS#8
  std::string identifier;
  std::int64_t expire = 15552000;    // 180 days, the usual default (reference/usersig.md §2.1)
  std::optional<std::int64_t> time;  // default: the system clock
  std::optional<std::string> userbuf_base64;
};

struct VerifyOptions {
  std::uint64_t sdkappid = 0;
  std::string key;              // v2 secret key; exclusive with public_key_file
  std::string public_key_file;  // v1: SPKI "PUBLIC KEY" PEM file
  std::string identifier;
  std::optional<std::int64_t> now;  // default: the system clock
  std::string usersig;
};

// Prints the UserSig and a newline. 0 on success, 2 on bad options (message on err).
int usersig_gen(const GenOptions& options, std::ostream& out, std::ostream& err);
// 0 valid ("valid: ..."), 1 not ("invalid: expired (REST 70001)"), 2 bad options.
int usersig_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err);
// Prints the JSON inside any UserSig: 0, or 1 when it cannot be decoded.
int usersig_decode(std::string_view usersig, std::ostream& out, std::ostream& err);

}  // namespace timock::auth
