#include "client/user_status.hpp"

namespace timock::client {

std::string_view status_name(UserStatus status) {
  switch (status) {
    case UserStatus::online:
      return "online";
    case UserStatus::offline:
      return "offline";
    case UserStatus::not_logged_in:
      break;
  }
  return "not_logged_in";
}

void UserStatuses::set_custom(core::SdkAppId app, std::string_view user, std::string status) {
  std::lock_guard lock(mutex_);
  if (status.empty())
    custom_.erase({app, std::string(user)});
  else
    custom_[{app, std::string(user)}] = std::move(status);
}

std::string UserStatuses::custom(core::SdkAppId app, std::string_view user) const {
  std::lock_guard lock(mutex_);
  const auto it = custom_.find({app, std::string(user)});
  return it == custom_.end() ? std::string() : it->second;
}

std::vector<std::string> UserStatuses::subscribe(core::SdkAppId app, std::string_view subscriber,
                                                 const std::vector<std::string>& users) {
  std::vector<std::string> refused;
  std::lock_guard lock(mutex_);
  auto& mine = following_[{app, std::string(subscriber)}];
  for (const auto& user : users) {
    if (!mine.contains(user) && mine.size() >= kMaxSubscriptions) {
      refused.push_back(user);
      continue;
    }
    mine.insert(user);
    followers_[{app, user}].insert(std::string(subscriber));
  }
  return refused;
}

void UserStatuses::unsubscribe(core::SdkAppId app, std::string_view subscriber,
                               const std::vector<std::string>& users) {
  std::lock_guard lock(mutex_);
  const auto it = following_.find({app, std::string(subscriber)});
  if (it == following_.end()) return;
  const auto drop = [&](const std::string& user) {
    if (auto f = followers_.find({app, user}); f != followers_.end()) {
      f->second.erase(std::string(subscriber));
      if (f->second.empty()) followers_.erase(f);
    }
  };
  if (users.empty()) {
    for (const auto& user : it->second) drop(user);
    following_.erase(it);
    return;
  }
  for (const auto& user : users) {
    if (it->second.erase(user) > 0) drop(user);
  }
  if (it->second.empty()) following_.erase(it);
}

std::vector<std::string> UserStatuses::subscribers(core::SdkAppId app, std::string_view user) const {
  std::lock_guard lock(mutex_);
  const auto it = followers_.find({app, std::string(user)});
  if (it == followers_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

void UserStatuses::forget_app(core::SdkAppId app) {
  std::lock_guard lock(mutex_);
  const auto in_app = [app](const auto& item) { return item.first.first == app; };
  std::erase_if(custom_, in_app);
  std::erase_if(following_, in_app);
  std::erase_if(followers_, in_app);
}

}  // namespace timock::client
