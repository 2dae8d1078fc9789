// Where and how timock calls an app's server back (reference/rest-api.md §7): the app's `options.callback`,
// set by PUT /mock/apps/{id}/callback, POST /mock/apps options, fixtures and snapshots. Plain types here;
// JSON in core/callback_json.hpp, the calls themselves in callback/.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace timock::core {

struct CallbackConfig {
  // §7: the callback timeout is 2 s.
  static constexpr std::int64_t kDefaultTimeoutMs = 2000;

  std::string url;    // http:// or https://; empty = the app has no callbacks
  std::string token;  // §7 "鉴权 Token": when set, each call carries Sign and RequestTime
  std::int64_t timeout_ms = kDefaultTimeoutMs;
  // CallbackCommand names ("C2C.CallbackBeforeSendMsg", …) the app wants; empty = all of them.
  std::set<std::string, std::less<>> commands;
  // §7: a before-callback that fails or times out lets the event through by default; "deny" refuses it
  // (80003 for message sends) instead.
  bool deny_on_failure = false;

  bool enabled() const { return !url.empty(); }
  bool wants(std::string_view command) const {
    return enabled() && (commands.empty() || commands.contains(command));
  }
  bool operator==(const CallbackConfig&) const = default;
};

}  // namespace timock::core
