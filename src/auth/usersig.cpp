// The version-independent parts of UserSig: failure names and REST codes, the combined verifier
// (reference/usersig.md §7), decoding for the CLI and the PrivateMapKey userbuf (§2.3).
#include "auth/usersig.hpp"

#include <limits>
#include <stdexcept>

#include "auth/usersig_codec.hpp"

namespace timock::auth {

std::string_view to_string(SigFailure failure) {
  switch (failure) {
    case SigFailure::none:
      return "none";
    case SigFailure::empty:
      return "empty";
    case SigFailure::base64:
      return "base64";
    case SigFailure::zlib:
      return "zlib";
    case SigFailure::json:
      return "json";
    case SigFailure::version:
      return "version";
    case SigFailure::field_missing:
      return "field_missing";
    case SigFailure::field_type:
      return "field_type";
    case SigFailure::identifier_mismatch:
      return "identifier_mismatch";
    case SigFailure::sdkappid_mismatch:
      return "sdkappid_mismatch";
    case SigFailure::expired:
      return "expired";
    case SigFailure::userbuf_mismatch:
      return "userbuf_mismatch";
    case SigFailure::sig_mismatch:
      return "sig_mismatch";
    case SigFailure::key_missing:
      return "key_missing";
  }
  return "unknown";
}

core::ErrorCode rest_error_code(SigFailure failure) {
  // reference/usersig.md §4 (suggested codes) and rest-api.md §1.4. A userbuf mismatch has no REST code
  // of its own; it means the ticket is the wrong kind, so it is "illegal" like the other format faults.
  switch (failure) {
    case SigFailure::none:
      return core::ErrorCode::ok;
    case SigFailure::empty:
      return core::ErrorCode::usersig_empty;
    case SigFailure::base64:
    case SigFailure::zlib:
    case SigFailure::json:
    case SigFailure::version:
    case SigFailure::field_missing:
    case SigFailure::field_type:
    case SigFailure::userbuf_mismatch:
      return core::ErrorCode::usersig_illegal;
    case SigFailure::identifier_mismatch:
      return core::ErrorCode::identifier_mismatch;
    case SigFailure::sdkappid_mismatch:
      return core::ErrorCode::sdkappid_mismatch;
    case SigFailure::expired:
      return core::ErrorCode::usersig_expired;
    case SigFailure::sig_mismatch:
      return core::ErrorCode::usersig_verify_failed;
    case SigFailure::key_missing:
      return core::ErrorCode::key_not_configured;
  }
  return core::ErrorCode::usersig_illegal;
}

VerifyResult verify_usersig(std::string_view usersig, const AppKeys& keys, const VerifyRequest& request) {
  try {
    detail::Document doc = detail::decode_document(usersig);
    if (doc.failure != SigFailure::none) return VerifyResult{.failure = doc.failure};
    // §7: dispatch as the official C++ verifier does; each path reports key_missing when the app lacks
    // that kind of key.
    if (detail::is_v2_document(doc.object)) {
      return detail::verify_v2_document(doc.object, keys.secret_key, request);
    }
    return detail::verify_v1_document(doc.object, keys.public_key_pem, request);
  } catch (...) {
    // Only allocation failure or an OpenSSL internal error gets here: fail closed, never throw.
    return VerifyResult{.failure = SigFailure::sig_mismatch};
  }
}

std::string private_map_userbuf(std::string_view identifier, std::uint64_t sdkappid, std::uint32_t room_id,
                                std::string_view room_str, std::uint32_t expire_at,
                                std::uint32_t privilege_map) {
  // reference/usersig.md §2.3, big-endian, UTF-8 account bytes (§2.4: the C++/Go/PHP layout).
  if (identifier.size() > std::numeric_limits<std::uint16_t>::max() ||
      room_str.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw std::invalid_argument("private_map_userbuf: identifier or room string longer than 65535 bytes");
  }
  std::string out;
  auto put16 = [&](std::uint32_t v) {
    out.push_back(static_cast<char>((v >> 8) & 0xff));
    out.push_back(static_cast<char>(v & 0xff));
  };
  auto put32 = [&](std::uint32_t v) {
    put16(v >> 16);
    put16(v & 0xffff);
  };
  const bool string_room = !room_str.empty();
  out.push_back(string_room ? 1 : 0);                    // cVer
  put16(static_cast<std::uint32_t>(identifier.size()));  // wAccountLen
  out.append(identifier);                                // account
  put32(static_cast<std::uint32_t>(sdkappid));           // dwSdkAppid
  put32(string_room ? 0 : room_id);                      // dwAuthID
  put32(expire_at);                                      // dwExpTime (absolute)
  put32(privilege_map);                                  // dwPrivilegeMap
  put32(0);                                              // dwAccountType
  if (string_room) {
    put16(static_cast<std::uint32_t>(room_str.size()));  // wRoomStrLen
    out.append(room_str);                                // roomStr
  }
  return out;
}

}  // namespace timock::auth
