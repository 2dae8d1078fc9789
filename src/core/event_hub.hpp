// The delivery hub: one path from "something was stored" to every online client, whatever protocol it
// speaks (WebIM long polls, Chat SDK WebSockets). Handlers publish a core::Delivery after their transaction
// commits; the client registry (client/registry.hpp) listens and hands it to each protocol once.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/delivery.hpp"
#include "core/domain.hpp"
#include "core/presence.hpp"

namespace timock::core {

class EventListener {
 public:
  virtual ~EventListener() = default;
  // Something to deliver, its recipients resolved (core/delivery.hpp). The default hands C2C kinds to the
  // two hooks below, which listeners that only record messages (handler tests) override.
  virtual void on_delivery(const Delivery& delivery) {
    if (delivery.kind == DeliveryKind::c2c_message)
      on_c2c_message(delivery.app, delivery.message, delivery.origin_instance);
    else if (delivery.kind == DeliveryKind::c2c_recall)
      on_c2c_recalled(delivery.app, delivery.message, delivery.origin_instance);
  }
  virtual void on_c2c_message(SdkAppId /*app*/, const C2cMessage& /*message*/, std::string_view /*origin_instance*/) {}
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
  void deliver(const Delivery& delivery) const {
    for (auto* listener : snapshot()) listener->on_delivery(delivery);
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
