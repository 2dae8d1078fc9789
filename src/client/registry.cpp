#include "client/registry.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <set>

#include "auth/client_identity.hpp"
#include "callback/callbacks.hpp"
#include "callback/dispatcher.hpp"
#include "core/clock.hpp"
#include "store/app_registry.hpp"

namespace timock::client {

void Registry::attach(Protocol protocol, Transport& transport) {
  std::lock_guard lock(mutex_);
  (protocol == Protocol::webim ? webim_ : chatsdk_) = &transport;
}

Transport* Registry::transport(Protocol protocol) const {
  std::lock_guard lock(mutex_);
  return protocol == Protocol::webim ? webim_ : chatsdk_;
}

void Registry::state_change(core::SdkAppId app, std::string_view user, std::string_view action,
                            std::string_view reason, std::size_t kicked_devices) const {
  if (!deps_.callbacks) return;
  const auto found = apps_.find(app);
  if (!found || !found->options.callback.wants("State.StateChange")) return;
  // §7 State.StateChange: EventTime in milliseconds; KickedDevice lists the platforms a login pushed out (all
  // web instances here, as both client protocols are the web SDKs).
  boost::json::array kicked;
  for (std::size_t i = 0; i < kicked_devices; ++i) kicked.push_back(boost::json::object{{"Platform", "Web"}});
  const callback::Callbacks origin(found->options.callback, std::string(callback::kWebPlatform), "");
  deps_.callbacks->tell(*found, origin, "State.StateChange",
                        {{"EventTime", deps_.clock.now() * 1000},
                         {"Info", {{"Action", action}, {"To_Account", user}, {"Reason", reason}}},
                         {"KickedDevice", std::move(kicked)}});
}

void Registry::disconnected(core::SdkAppId app, std::string_view user) const {
  state_change(app, user, "Disconnect", "LinkClose");
}

Instance Registry::login(core::SdkAppId app, std::string_view user, Protocol protocol,
                         std::int64_t sig_expires_at) {
  Instance instance;
  instance.app = app;
  instance.user = std::string(user);
  instance.tinyid = auth::tinyid_of(app, user);
  instance.a2 = auth::new_a2_key();  // URL-safe: WebIM appends it to URLs raw (webim-protocol.md §2.1)
  instance.protocol = protocol;
  instance.sig_expires_at = sig_expires_at;
  instance.login_time = instance.last_active = deps_.clock.now();
  auto* const to = transport(protocol);
  if (to) instance.connection = to->open(instance);
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    instance.inst_id = next_inst_id_++;
    auto& mine = by_user_[{app, instance.user, protocol}];
    while (mine.size() >= kMaxInstancesPerUser) {
      const auto oldest = mine.front();
      mine.pop_front();
      // Forgotten, not kept as kicked: a client that reconnects all day must not grow the map. Its calls then
      // get the same answer as any unknown instance.
      if (auto it = instances_.find({app, oldest}); it != instances_.end()) {
        ended.push_back({std::move(it->second), KickReason::instance_limit});
        instances_.erase(it);
      }
    }
    mine.push_back(instance.a2);
    instances_.insert_or_assign({app, instance.a2}, instance);
  }
  tell(ended);
  state_change(app, user, "Login", "Register", ended.size());
  // A WebIM login is online at once, and the Chat SDK's status subscribers hear of it (one world); a Chat SDK
  // login is announced when its socket attaches.
  if (protocol == Protocol::webim)
    announce_status(app, user);
  else
    presence_changed(app, user);
  return instance;
}

std::optional<Instance> Registry::find(core::SdkAppId app, std::string_view tinyid, std::string_view a2,
                                       Protocol protocol) {
  const auto now = deps_.clock.now();
  std::lock_guard lock(mutex_);
  auto it = instances_.find({app, std::string(a2)});
  if (it == instances_.end() || it->second.tinyid != tinyid || it->second.protocol != protocol)
    return std::nullopt;
  it->second.last_active = now;
  return it->second;
}

void Registry::erase_locked(std::map<Key, Instance>::iterator it, std::vector<Ended>& ended,
                            KickReason reason) {
  const auto& instance = it->second;
  if (auto mine = by_user_.find({instance.app, instance.user, instance.protocol}); mine != by_user_.end()) {
    std::erase(mine->second, instance.a2);
    if (mine->second.empty()) by_user_.erase(mine);
  }
  ended.push_back({std::move(it->second), reason});
  instances_.erase(it);
}

void Registry::tell(const std::vector<Ended>& ended) {
  std::set<std::pair<core::SdkAppId, std::string>> users;
  for (const auto& [instance, reason] : ended) {
    if (auto* to = transport(instance.protocol)) to->kicked(instance, reason);
    if (reason != KickReason::app_reset) users.emplace(instance.app, instance.user);
    if (reason == KickReason::logout) state_change(instance.app, instance.user, "Logout", "Unregister");
    if (reason == KickReason::idle_timeout) state_change(instance.app, instance.user, "Disconnect", "TimeOut");
  }
  // Their subscribers see the change (a logout, a kick).
  for (const auto& [app, user] : users) announce_status(app, user);
}

void Registry::logout(core::SdkAppId app, std::string_view a2) {
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    if (auto it = instances_.find({app, std::string(a2)}); it != instances_.end())
      erase_locked(it, ended, KickReason::logout);
  }
  tell(ended);
}

std::vector<Instance> Registry::instances_on(Protocol protocol) const {
  std::vector<Instance> out;
  std::lock_guard lock(mutex_);
  for (const auto& [key, instance] : instances_)
    if (instance.protocol == protocol) out.push_back(instance);
  return out;
}

void Registry::time_out(core::SdkAppId app, std::string_view a2) {
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    if (auto it = instances_.find({app, std::string(a2)}); it != instances_.end())
      erase_locked(it, ended, KickReason::idle_timeout);
  }
  tell(ended);
}

void Registry::end_user_locked(core::SdkAppId app, std::string_view user, Protocol protocol, KickReason reason,
                               std::vector<Ended>& ended) {
  auto mine = by_user_.find({app, std::string(user), protocol});
  if (mine == by_user_.end()) return;
  const auto a2s = mine->second;  // erase_locked edits the list
  for (const auto& a2 : a2s)
    if (auto it = instances_.find({app, a2}); it != instances_.end()) erase_locked(it, ended, reason);
}

void Registry::logout_user(core::SdkAppId app, std::string_view user, Protocol protocol) {
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    end_user_locked(app, user, protocol, KickReason::logout, ended);
  }
  tell(ended);
}

void Registry::on_kick(core::SdkAppId app, std::string_view user) {
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    for (const auto protocol : {Protocol::webim, Protocol::chatsdk})
      end_user_locked(app, user, protocol, KickReason::rest_kick, ended);
  }
  tell(ended);
}

void Registry::on_app_reset(core::SdkAppId app) {
  std::vector<Ended> ended;
  {
    std::lock_guard lock(mutex_);
    for (auto it = instances_.lower_bound({app, std::string()});
         it != instances_.end() && it->first.first == app;) {
      ended.push_back({std::move(it->second), KickReason::app_reset});
      it = instances_.erase(it);
    }
    std::erase_if(by_user_, [app](const auto& item) { return std::get<0>(item.first) == app; });
  }
  statuses_.forget_app(app);
  tell(ended);
}

bool Registry::is_online(core::SdkAppId app, std::string_view user) const {
  return status_of(app, user) == UserStatus::online;
}

UserStatus Registry::status_of(core::SdkAppId app, std::string_view user) const {
  std::vector<Instance> mine;
  {
    std::lock_guard lock(mutex_);
    for (const auto protocol : {Protocol::webim, Protocol::chatsdk})
      if (auto found = by_user_.find({app, std::string(user), protocol}); found != by_user_.end())
        for (const auto& a2 : found->second)
          if (auto it = instances_.find({app, a2}); it != instances_.end()) mine.push_back(it->second);
  }
  for (const auto& instance : mine)
    if (auto* to = transport(instance.protocol); to && to->connected(instance)) return UserStatus::online;
  return mine.empty() ? UserStatus::not_logged_in : UserStatus::offline;
}

void Registry::presence_changed(core::SdkAppId app, std::string_view user) const {
  if (presence_observer_) presence_observer_(app, user, status_of(app, user));
}

void Registry::announce_status(core::SdkAppId app, std::string_view user) const {
  // Every change of a user's logins or connections comes here (tell, a socket attached or closed), and so
  // does a new custom status, which the observer does not mind being told of.
  presence_changed(app, user);
  if (!deps_.hub) return;
  auto subscribers = statuses_.subscribers(app, user);
  if (subscribers.empty()) return;
  std::vector<core::Recipient> to;
  for (auto& subscriber : subscribers) to.push_back({std::move(subscriber), false});
  const boost::json::object notice{{"To_Account", user},
                                   {"Status", static_cast<int>(status_of(app, user))},
                                   {"CustomStatus", statuses_.custom(app, user)}};
  deps_.hub->deliver(core::c2c_notice_delivery(app, core::C2cNotice::user_status,
                                               boost::json::serialize(notice), std::move(to), ""));
}

namespace {

// Whether `text` contains `search`, ignoring ASCII case (a UserID is ASCII; other bytes compare as they are).
bool contains_folded(std::string_view text, std::string_view search) {
  const auto fold = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return std::search(text.begin(), text.end(), search.begin(), search.end(),
                     [&](char a, char b) { return fold(a) == fold(b); }) != text.end();
}

std::string_view protocol_name(Protocol protocol) {
  return protocol == Protocol::webim ? "webim" : "chatsdk";
}

}  // namespace

core::OnlinePage Registry::online_users(core::SdkAppId app, std::string_view search, std::size_t offset,
                                        std::size_t limit) const {
  core::OnlinePage page;
  std::vector<std::pair<std::string, std::vector<Instance>>> shown;
  {
    // by_user_ is ordered by (app, user, protocol): an app's users come in UserID order, each user's
    // protocols side by side. The walk is over the app's logged-in users only; just the page's instances are
    // copied.
    std::lock_guard lock(mutex_);
    const std::string* previous = nullptr;
    for (auto it = by_user_.lower_bound({app, std::string(), Protocol::webim});
         it != by_user_.end() && std::get<0>(it->first) == app; ++it) {
      const auto& user = std::get<1>(it->first);
      if (!search.empty() && !contains_folded(user, search)) continue;
      if (!previous || *previous != user) {
        ++page.total;
        if (page.total > offset && page.total <= offset + limit)
          shown.emplace_back(user, std::vector<Instance>{});
      }
      previous = &user;
      if (shown.empty() || shown.back().first != user) continue;
      for (const auto& a2 : it->second)
        if (auto found = instances_.find({app, a2}); found != instances_.end())
          shown.back().second.push_back(found->second);
    }
  }
  // The transports are asked outside the lock, as everywhere (they may call back).
  for (auto& [user, instances] : shown) {
    std::sort(instances.begin(), instances.end(),
              [](const Instance& a, const Instance& b) { return a.inst_id < b.inst_id; });
    core::OnlineUser item{user, {}};
    for (const auto& instance : instances) {
      auto* const to = transport(instance.protocol);
      item.instances.push_back(core::OnlineInstance{std::string(protocol_name(instance.protocol)),
                                                    instance.inst_id, std::string(callback::kWebPlatform),
                                                    instance.login_time, instance.last_active,
                                                    instance.sig_expires_at, to && to->connected(instance)});
    }
    page.users.push_back(std::move(item));
  }
  return page;
}

void Registry::on_delivery(const core::Delivery& delivery) {
  std::vector<Target> webim, chatsdk;
  {
    std::lock_guard lock(mutex_);
    // An app with nobody online (the common case under load, and a big group's) is one look, not two per
    // recipient (bench/RESULTS.md G3).
    const auto first = by_user_.lower_bound({delivery.app, std::string(), Protocol::webim});
    if (first == by_user_.end() || std::get<0>(first->first) != delivery.app) return;
    for (const auto& recipient : delivery.to) {
      for (const auto protocol : {Protocol::webim, Protocol::chatsdk}) {
        auto found = by_user_.find(UserKey{delivery.app, recipient.user, protocol});
        if (found == by_user_.end()) continue;
        for (const auto& a2 : found->second) {
          if (a2 == delivery.origin_instance)
            continue;  // it learns from its own reply (webim-protocol.md §4.8)
          auto it = instances_.find({delivery.app, a2});
          if (it == instances_.end()) continue;
          (protocol == Protocol::webim ? webim : chatsdk).push_back({it->second, recipient.sync_copy});
        }
      }
    }
  }
  // Most deliveries reach nobody online: then nothing is looked up or encoded.
  if (webim.empty() && chatsdk.empty()) return;
  const auto app = apps_.find(delivery.app);
  if (!app) return;
  // WebIM items show the sender's nick and avatar, and so do both protocols' group message items (GroupInfo's
  // From_AccountNick, modern-sdk-groups.md §5.1).
  const bool group_message = delivery.kind == core::DeliveryKind::group_message;
  const auto& from = delivery.kind == core::DeliveryKind::c2c_message || delivery.kind == core::DeliveryKind::c2c_recall
                         ? delivery.message.from_account
                         : delivery.group_message.from_account;
  const Sender sender = (webim.empty() && !group_message) || from.empty() ? Sender{} : sender_of(deps_, *app, from);
  const Outgoing outgoing{*app, delivery, sender};
  if (auto* to = transport(Protocol::webim); to && !webim.empty()) to->deliver(outgoing, webim);
  if (auto* to = transport(Protocol::chatsdk); to && !chatsdk.empty()) to->deliver(outgoing, chatsdk);
}

}  // namespace timock::client
