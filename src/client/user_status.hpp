// User status (the Chat SDK's setSelfStatus, getUserStatus, subscribeUserStatus; modern-sdk-protocol.md §11
// ws_*_status): each user's custom status and who subscribed to whose status. In memory, like logins: a
// restart forgets them, as it logs every client out.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.hpp"

namespace timock::client {

// The SDK's TencentCloudChat.TYPES.USER_STATUS_*: online (a login with a live connection), offline (logged
// in, no connection: a closed socket), not logged in.
enum class UserStatus { online = 1, offline = 2, not_logged_in = 3 };
// "online", "offline", "not_logged_in": how the control plane and the console name a status.
std::string_view status_name(UserStatus status);

class UserStatuses {
 public:
  // The documented caps (setSelfStatus: 100 bytes; subscribeUserStatus: 200 users a user).
  static constexpr std::size_t kMaxCustomStatusBytes = 100;
  static constexpr std::size_t kMaxSubscriptions = 200;

  void set_custom(core::SdkAppId app, std::string_view user, std::string status);
  std::string custom(core::SdkAppId app, std::string_view user) const;
  // Adds `users` to what `subscriber` follows (past kMaxSubscriptions the rest are refused and returned).
  std::vector<std::string> subscribe(core::SdkAppId app, std::string_view subscriber,
                                     const std::vector<std::string>& users);
  // Removes `users`, or every subscription when `users` is empty.
  void unsubscribe(core::SdkAppId app, std::string_view subscriber, const std::vector<std::string>& users);
  // Who follows `user`.
  std::vector<std::string> subscribers(core::SdkAppId app, std::string_view user) const;
  void forget_app(core::SdkAppId app);

 private:
  using UserKey = std::pair<core::SdkAppId, std::string>;
  mutable std::mutex mutex_;
  std::map<UserKey, std::string> custom_;
  std::map<UserKey, std::set<std::string>> following_;  // subscriber → users
  std::map<UserKey, std::set<std::string>> followers_;  // user → subscribers
};

}  // namespace timock::client
