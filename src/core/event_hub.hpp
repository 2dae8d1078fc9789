// The delivery hub: one path from "a message was stored" to every online client, whatever protocol it
// speaks (WebIM long polls, Chat SDK WebSockets). Handlers publish after their transaction commits;
// the client-protocol session managers listen.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/presence.hpp"

namespace timock::core {

class EventListener {
 public:
  virtual ~EventListener() = default;
  // A stored one-to-one message. `origin_instance` is the client instance that sent it (empty for REST):
  // it must not get its own message pushed back before its send reply (webim-protocol.md §4.8).
  virtual void on_c2c_message(SdkAppId app, const C2cMessage& message, std::string_view origin_instance) = 0;
  // A stored one-to-one message was recalled (REST admin_msgwithdraw, a client's msgwithdraw). `origin_instance`
  // as above: the client that recalled it learns from its reply. Protocols without a recall notice ignore it.
  virtual void on_c2c_recalled(SdkAppId /*app*/, const C2cMessage& /*message*/, std::string_view /*origin_instance*/) {}
  // The user's login state was invalidated (REST kick, account deleted): every instance is kicked.
  virtual void on_kick(SdkAppId app, std::string_view user) = 0;
  // The app was deleted or reset: forget its sessions.
  virtual void on_app_reset(SdkAppId app) = 0;
  // Whether this client protocol has `user` logged in (an instance that was not kicked).
  virtual bool is_online(SdkAppId /*app*/, std::string_view /*user*/) const { return false; }
};

class EventHub final : public Presence {
 public:
  // Listeners are added while main() wires the parts together, before any request is served.
  void add_listener(EventListener* listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(listener);
  }
  void c2c_message(SdkAppId app, const C2cMessage& message, std::string_view origin_instance = {}) const {
    for (auto* listener : snapshot()) listener->on_c2c_message(app, message, origin_instance);
  }
  void c2c_recalled(SdkAppId app, const C2cMessage& message, std::string_view origin_instance = {}) const {
    for (auto* listener : snapshot()) listener->on_c2c_recalled(app, message, origin_instance);
  }
  // A REST kick (or account deletion) at server time `now`: every client instance of the user goes, and
  // UserSigs issued before `now` no longer log in (rest-api.md §3.1), whatever protocol presents them.
  void kick(SdkAppId app, std::string_view user, std::int64_t now) const {
    {
      std::lock_guard lock(mutex_);
      kicked_at_[{app, std::string(user)}] = now;
    }
    for (auto* listener : snapshot()) listener->on_kick(app, user);
  }
  // When the user was last kicked, if ever.
  std::optional<std::int64_t> kicked_at(SdkAppId app, std::string_view user) const {
    std::lock_guard lock(mutex_);
    auto it = kicked_at_.find({app, std::string(user)});
    if (it == kicked_at_.end()) return std::nullopt;
    return it->second;
  }
  void app_reset(SdkAppId app) const {
    {
      std::lock_guard lock(mutex_);
      for (auto it = kicked_at_.begin(); it != kicked_at_.end();)
        it = it->first.first == app ? kicked_at_.erase(it) : std::next(it);
    }
    for (auto* listener : snapshot()) listener->on_app_reset(app);
  }
  // Online on any client protocol (a user may hold a WebIM tab and a WebSocket at once).
  bool any_online(SdkAppId app, std::string_view user) const {
    for (auto* listener : snapshot())
      if (listener->is_online(app, user)) return true;
    return false;
  }
  bool online(SdkAppId app, std::string_view user) const override { return any_online(app, user); }

 private:
  std::vector<EventListener*> snapshot() const {
    std::lock_guard lock(mutex_);
    return listeners_;
  }
  mutable std::mutex mutex_;
  std::vector<EventListener*> listeners_;
  // (app, user) → server time of the last kick. One entry per kicked user: bounded by the accounts.
  mutable std::map<std::pair<SdkAppId, std::string>, std::int64_t> kicked_at_;
};

}  // namespace timock::core
