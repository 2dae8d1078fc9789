// Who is logged in, on every client protocol: one registry of instances (a WebIM tab's TinyId + A2Key, a Chat
// SDK login), the login limit per user, kicks, presence and UserSig expiry; and the delivery of
// core::Delivery values to the instances of their recipients. What a protocol does with a connection (park a
// long poll, push a frame on a socket) is its Transport's business: the registry calls transports only after
// releasing its lock, so a transport may call back into it. Login state lives in memory: after a restart
// clients get their protocol's "log in again" code.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "client/messages.hpp"
#include "client/user_status.hpp"
#include "core/event_hub.hpp"
#include "core/online.hpp"

namespace timock::store {
class AppRegistry;
}

namespace timock::client {

enum class Protocol { webim, chatsdk };

// Why an instance ended; each protocol tells its client in its own words (WebIM: 91101 on the poll; Chat
// SDK: stat_forceoffline with KickType 2 or 3, or nothing).
enum class KickReason {
  instance_limit,  // the user logged in once too often on this protocol: the oldest instance goes
  rest_kick,       // REST im_open_login_svc/kick, or the account was deleted
  logout,          // the instance itself logged out
  app_reset,       // the app was reset or deleted
  idle_timeout,    // a WebIM instance stopped polling for longer than the idle limit (webim::Sessions)
};

// A protocol's state for one instance (a poll queue, a socket attachment). Created by the protocol's
// Transport at login, owned by the registry's entry and by whoever is delivering to it at that moment.
class Connection {
 public:
  virtual ~Connection() = default;
};

struct Instance {
  core::SdkAppId app = 0;
  std::string user;
  std::string tinyid;
  std::string a2;  // names the instance: URL-safe, the SDKs send it on every call
  Protocol protocol = Protocol::webim;
  std::uint64_t inst_id = 0;        // ≠ 0: the Chat SDK's status_instid (modern-sdk-protocol.md §6.1)
  std::int64_t sig_expires_at = 0;  // when the login's UserSig expires
  std::int64_t login_time = 0;
  std::int64_t last_active = 0;  // server time of the last call that named the instance (find)
  std::shared_ptr<Connection> connection;
};

// One instance a delivery goes to, and in which view (the receiver's, or a sync copy for the sender).
struct Target {
  Instance instance;
  bool sync_copy = false;
};

// What a transport gets to encode: the delivery, its app, and the message sender's profile (WebIM items
// show it), looked up once per delivery.
struct Outgoing {
  const core::App& app;
  const core::Delivery& delivery;
  const Sender& sender;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // A new instance's connection state (no I/O: it is called while the login is being made).
  virtual std::shared_ptr<Connection> open(const Instance& instance) = 0;
  virtual void kicked(const Instance& instance, KickReason reason) = 0;
  // Encode once, then hand to every target's connection.
  virtual void deliver(const Outgoing& outgoing, std::span<const Target> targets) = 0;
  // This protocol's presence rule: WebIM counts a live instance, the Chat SDK a login with a socket attached.
  virtual bool connected(const Instance& instance) const = 0;
};

class Registry final : public core::EventListener, public core::OnlineDirectory {
 public:
  // A user may hold this many instances per protocol (phones, tabs); past it the oldest is kicked, as the
  // real service does when its web instance limit is exceeded (rest-api.md §4.6). Counted per protocol, so 8
  // WebIM tabs and 8 sockets coexist; it also bounds what reconnecting clients leave behind.
  static constexpr std::size_t kMaxInstancesPerUser = 8;

  Registry(Deps deps, store::AppRegistry& apps) : deps_(deps), apps_(apps) {}

  // Wiring, before serving: the transport of each protocol.
  void attach(Protocol protocol, Transport& transport);

  // A new instance for `user` (its UserSig already admitted).
  Instance login(core::SdkAppId app, std::string_view user, Protocol protocol, std::int64_t sig_expires_at);
  // The instance (tinyid, a2) names on `protocol`, if it is still logged in; a call that names it is its
  // latest activity.
  std::optional<Instance> find(core::SdkAppId app, std::string_view tinyid, std::string_view a2,
                               Protocol protocol);
  // Whether a login outlived its UserSig. The Chat SDK asks (70001 → userSigExpired, §4); WebIM must not,
  // since a 70001 poll makes webim_wx.js retry every 100 ms (webim-protocol.md §3.5).
  bool expired(const Instance& instance, std::int64_t now) const { return now > instance.sig_expires_at; }
  // The instance logs out (WebIM longpollinglogout, Chat SDK wslogout, an expired Chat SDK login).
  void logout(core::SdkAppId app, std::string_view a2);
  // Every instance of `user` on `protocol` logs out (WebIM openim/logout).
  void logout_user(core::SdkAppId app, std::string_view user, Protocol protocol);
  // The instances logged in on `protocol` now (a sweep's view: one may end right after).
  std::vector<Instance> instances_on(Protocol protocol) const;
  // The instance went quiet past its protocol's limit: it ends as a logout does, and the app's server hears
  // State.StateChange Disconnect/TimeOut (rest-api.md §7).
  void time_out(core::SdkAppId app, std::string_view a2);

  void on_delivery(const core::Delivery& delivery) override;
  void on_kick(core::SdkAppId app, std::string_view user) override;
  void on_app_reset(core::SdkAppId app) override;
  bool is_online(core::SdkAppId app, std::string_view user) const override;

  // User status (client/user_status.hpp): online with a live connection, offline when logged in without one
  // (a closed socket), not logged in otherwise. REST query_online_status's Online is `online`.
  UserStatus status_of(core::SdkAppId app, std::string_view user) const;
  UserStatuses& statuses() { return statuses_; }
  // Tells the user's subscribers its status and custom status (after a login, a logout, a kick, a socket
  // attached or closed, a new custom status).
  void announce_status(core::SdkAppId app, std::string_view user) const;
  // A Chat SDK socket of `user` closed without a logout: State.StateChange Disconnect/LinkClose.
  void disconnected(core::SdkAppId app, std::string_view user) const;

  // The control plane's list of who is logged in (core/online.hpp).
  core::OnlinePage online_users(core::SdkAppId app, std::string_view search, std::size_t offset,
                                std::size_t limit) const override;
  // Told, outside the lock, when a user's logins or connections change (a login, a logout, a kick, a socket
  // attached or closed), with the user's status after it: the web console's live "who is online". Wiring,
  // before serving.
  using PresenceObserver = std::function<void(core::SdkAppId, std::string_view user, UserStatus)>;
  void set_presence_observer(PresenceObserver observer) { presence_observer_ = std::move(observer); }

 private:
  using Key = std::pair<core::SdkAppId, std::string>;                 // (app, a2)
  using UserKey = std::tuple<core::SdkAppId, std::string, Protocol>;  // (app, user, protocol)
  struct Ended {
    Instance instance;
    KickReason reason;
  };
  // Removes the instance (mutex_ held); the caller tells its transport after unlocking.
  void erase_locked(std::map<Key, Instance>::iterator it, std::vector<Ended>& ended, KickReason reason);
  // Removes every instance of `user` on `protocol` (mutex_ held).
  void end_user_locked(core::SdkAppId app, std::string_view user, Protocol protocol, KickReason reason,
                       std::vector<Ended>& ended);
  void tell(const std::vector<Ended>& ended);
  // reference/rest-api.md §7 State.StateChange, when the app wants it.
  void state_change(core::SdkAppId app, std::string_view user, std::string_view action, std::string_view reason,
                    std::size_t kicked_devices = 0) const;
  Transport* transport(Protocol protocol) const;
  void presence_changed(core::SdkAppId app, std::string_view user) const;

  Deps deps_;
  store::AppRegistry& apps_;
  Transport* webim_ = nullptr;
  Transport* chatsdk_ = nullptr;
  mutable std::mutex mutex_;
  std::map<Key, Instance> instances_;
  // Its instances' A2Keys, oldest first.
  std::map<UserKey, std::deque<std::string>, std::less<>> by_user_;
  std::uint64_t next_inst_id_ = 1;
  UserStatuses statuses_;
  PresenceObserver presence_observer_;
};

}  // namespace timock::client
