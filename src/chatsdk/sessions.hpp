// Chat SDK logins and the sockets they are attached to (reference/modern-sdk-protocol.md §6.1, §6.6, §6.10):
// wslogin mints an A2Key; the SDK presents it on every later request and, after a reconnect, logs in again
// with it on a new socket. Pushes (messages, kicks) go to every socket a user has attached. Login state lives
// in memory: after a restart an old A2Key gets 70001 and the SDK logs in afresh with its UserSig.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/event_hub.hpp"

namespace timock::router {
class SocketPeer;
}

namespace timock::chatsdk {

// One login: an A2Key and who it belongs to.
struct Login {
  core::SdkAppId app = 0;
  std::string user;
  std::string tinyid;
  std::string a2;
  std::uint64_t inst_id = 0;  // the SDK's status_instid (≠ 0, §6.1)
  std::int64_t expires_at = 0;  // the UserSig's expiry: past it requests get 70001 (the SDK's userSigExpired)
};

// Where a socket's pushes go. `socket_id` names the socket (the "instance" of CallContext is "ws:<id>").
struct Attachment {
  std::uint64_t socket_id = 0;
  std::shared_ptr<router::SocketPeer> peer;
  bool binary = true;
};

class SocketSessions final : public core::EventListener {
 public:
  // Logins remembered per user. Past this the oldest is dropped and its socket told it was kicked by another
  // device (KickType 2): the web instance limit of rest-api.md §4.6, and a bound on what reconnects keep.
  static constexpr std::size_t kMaxLoginsPerUser = 8;

  // wslogin with a verified UserSig: a new A2Key, attached to the socket.
  Login login(core::SdkAppId app, const std::string& user, std::int64_t expires_at, const Attachment& socket);
  // wslogin with a2 + tinyid after a reconnect: the same login, now attached to this socket.
  std::optional<Login> relogin(core::SdkAppId app, std::string_view tinyid, std::string_view a2,
                               const Attachment& socket);
  // The login an A2Key names (requests carry a2 + tinyid in the head).
  std::optional<Login> find(core::SdkAppId app, std::string_view tinyid, std::string_view a2) const;
  // wslogout: the A2Key is forgotten.
  void logout(core::SdkAppId app, std::string_view a2);
  // The socket closed: its login stays valid for a re-login, but nothing is pushed to it any more.
  void detach(std::uint64_t socket_id);
  std::uint64_t next_socket_id();

  void on_c2c_message(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) override;
  void on_c2c_recalled(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) override;
  void on_kick(core::SdkAppId app, std::string_view user) override;
  void on_app_reset(core::SdkAppId app) override;
  bool is_online(core::SdkAppId app, std::string_view user) const override;

 private:
  struct Entry {
    Login login;
    std::optional<Attachment> socket;
  };
  using Key = std::pair<core::SdkAppId, std::string>;
  // Sends `body` as `servcmd` to every socket attached to the user, except `skip_socket`. Holds mutex_.
  void push_locked(core::SdkAppId app, const std::string& user, std::string_view servcmd,
                   const boost::json::object& body, std::uint64_t skip_socket);
  void kick_locked(Entry& entry, int kick_type);

  mutable std::mutex mutex_;
  std::map<Key, Entry> logins_;                   // (app, a2) → login
  std::map<Key, std::deque<std::string>> by_user_;  // (app, user) → its A2Keys, oldest first
  std::uint64_t next_socket_id_ = 1;
  std::uint64_t next_inst_id_ = 1;
  std::uint64_t next_push_seq_ = 1;
};

}  // namespace timock::chatsdk
