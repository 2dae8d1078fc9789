// A user's global mute (openconfigsvr setnospeaking/getnospeaking, reference/rest-api.md §3.8; schema/011):
// when its C2C and its group messages are refused again.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct GlobalMute {
  // Unix times; 0 = not muted, kForever = muted for ever.
  std::int64_t c2c_until = 0;
  std::int64_t group_until = 0;
  static constexpr std::int64_t kForever = -1;

  // Whether a mute that lasts `until` still holds at `now`.
  static bool holds(std::int64_t until, std::int64_t now) { return until == kForever || until > now; }
};

class GlobalMuteRepository {
 public:
  GlobalMuteRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  GlobalMute get(std::string_view user);
  void set(std::string_view user, const GlobalMute& mute);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
