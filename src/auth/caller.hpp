// Who is calling: a UserSig presented with an identifier, checked against the app's keys, through the
// verified-sig cache. Used by REST and the client protocols alike.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/domain.hpp"
#include "core/error_code.hpp"

namespace timock::auth {

class SigCache;

struct SigCheck {
  core::ErrorCode code = core::ErrorCode::ok;
  std::string_view reason;  // the verifier's reason (SigFailure name), empty when ok
  std::int64_t expires_at = 0;
  std::int64_t issued_at = 0;  // TLS.time
  bool ok() const { return code == core::ErrorCode::ok; }
};

// 70002/70003/70014/70013/70009/70001/70016 in DESIGN's order, or ok.
SigCheck check_usersig(const core::App& app, std::string_view identifier, std::string_view usersig,
                       std::int64_t now, SigCache& cache);

}  // namespace timock::auth
