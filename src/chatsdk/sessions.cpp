#include "chatsdk/sessions.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "api/client_sync.hpp"
#include "auth/client_identity.hpp"
#include "chatsdk/frame.hpp"
#include "chatsdk/message_item.hpp"
#include "router/socket.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {

// §4: KickType 1 multipleAccount, 2 multipleDevice, 3 REST API kick.
constexpr int kKickedByAnotherDevice = 2;
constexpr int kKickedByRest = 3;

json::object kick_body(int kick_type) {
  return {{"EventArray",
           json::array{json::object{
               {"Event", 9},
               {"C2cNotifyMsgArray",
                json::array{json::object{
                    {"KickoutMsgNotify", json::object{{"KickType", kick_type}, {"NewInstInfo", json::object{}}}}}}}}}}};
}

// The socket a call came from ("ws:<id>", CallContext::instance), 0 for REST and WebIM: it hears of its own
// send or recall from the reply, not a push.
std::uint64_t socket_of(std::string_view origin) {
  std::uint64_t id = 0;
  if (origin.starts_with("ws:")) std::from_chars(origin.data() + 3, origin.data() + origin.size(), id);
  return id;
}

}  // namespace

std::uint64_t SocketSessions::next_socket_id() {
  std::lock_guard lock(mutex_);
  return next_socket_id_++;
}

Login SocketSessions::login(core::SdkAppId app, const std::string& user, std::int64_t expires_at,
                            const Attachment& socket) {
  Login login{app, user, auth::tinyid_of(app, user), auth::new_a2_key(), 0, expires_at};
  std::lock_guard lock(mutex_);
  login.inst_id = next_inst_id_++;
  auto& mine = by_user_[{app, user}];
  while (mine.size() >= kMaxLoginsPerUser) {
    const auto oldest = mine.front();
    mine.pop_front();
    if (auto it = logins_.find({app, oldest}); it != logins_.end()) {
      kick_locked(it->second, kKickedByAnotherDevice);
      logins_.erase(it);
    }
  }
  mine.push_back(login.a2);
  // A socket holds one login at a time: a second wslogin on it replaces the first's attachment.
  for (auto& [key, entry] : logins_)
    if (entry.socket && entry.socket->socket_id == socket.socket_id) entry.socket.reset();
  logins_[{app, login.a2}] = Entry{login, socket};
  return login;
}

std::optional<Login> SocketSessions::relogin(core::SdkAppId app, std::string_view tinyid, std::string_view a2,
                                             const Attachment& socket) {
  std::lock_guard lock(mutex_);
  auto it = logins_.find({app, std::string(a2)});
  if (it == logins_.end() || it->second.login.tinyid != tinyid) return std::nullopt;
  for (auto& [key, entry] : logins_)
    if (entry.socket && entry.socket->socket_id == socket.socket_id) entry.socket.reset();
  it->second.socket = socket;
  return it->second.login;
}

std::optional<Login> SocketSessions::find(core::SdkAppId app, std::string_view tinyid, std::string_view a2) const {
  std::lock_guard lock(mutex_);
  auto it = logins_.find({app, std::string(a2)});
  if (it == logins_.end() || it->second.login.tinyid != tinyid) return std::nullopt;
  return it->second.login;
}

void SocketSessions::logout(core::SdkAppId app, std::string_view a2) {
  std::lock_guard lock(mutex_);
  auto it = logins_.find({app, std::string(a2)});
  if (it == logins_.end()) return;
  auto& mine = by_user_[{app, it->second.login.user}];
  std::erase(mine, it->second.login.a2);
  if (mine.empty()) by_user_.erase({app, it->second.login.user});
  logins_.erase(it);
}

void SocketSessions::detach(std::uint64_t socket_id) {
  std::lock_guard lock(mutex_);
  for (auto& [key, entry] : logins_)
    if (entry.socket && entry.socket->socket_id == socket_id) entry.socket.reset();
}

void SocketSessions::push_locked(core::SdkAppId app, const std::string& user, std::string_view servcmd,
                                 const json::object& body, std::uint64_t skip_socket) {
  auto found = by_user_.find({app, user});
  if (found == by_user_.end()) return;
  for (const auto& a2 : found->second) {
    auto it = logins_.find({app, a2});
    if (it == logins_.end() || !it->second.socket || it->second.socket->socket_id == skip_socket) continue;
    const auto& socket = *it->second.socket;
    socket.peer->send(encode_frame(servcmd, next_push_seq_++, body, socket.binary));
  }
}

void SocketSessions::kick_locked(Entry& entry, int kick_type) {
  if (!entry.socket) return;
  entry.socket->peer->send(encode_frame("im_open_status.stat_forceoffline", next_push_seq_++, kick_body(kick_type),
                                        entry.socket->binary));
  entry.socket.reset();
}

void SocketSessions::on_c2c_message(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) {
  const auto origin_socket = socket_of(origin);
  const auto session_data = "sd-" + std::to_string(message.id);
  std::lock_guard lock(mutex_);
  if (message.receiver_sees)
    push_locked(app, message.to_account, "im_open_push.msg_push",
                msg_push_body(json::array{message_item(app, message, message.to_account)}, session_data),
                origin_socket);
  if (message.from_account != message.to_account && message.sender_sees && api::client::syncs_sender(message, origin))
    push_locked(app, message.from_account, "im_open_push.msg_push",
                msg_push_body(json::array{message_item(app, message, message.from_account, true)}, session_data),
                origin_socket);
}

void SocketSessions::on_c2c_recalled(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) {
  const auto origin_socket = socket_of(origin);
  // Both sides show the recall; the revoker is the sender (a REST admin recall acts for the sender too).
  const auto body = recall_push_body(app, message, message.from_account);
  std::lock_guard lock(mutex_);
  push_locked(app, message.to_account, "im_open_push.msg_push", body, origin_socket);
  if (message.from_account != message.to_account)
    push_locked(app, message.from_account, "im_open_push.msg_push", body, origin_socket);
}

void SocketSessions::on_kick(core::SdkAppId app, std::string_view user) {
  std::lock_guard lock(mutex_);
  auto found = by_user_.find({app, std::string(user)});
  if (found == by_user_.end()) return;
  for (const auto& a2 : found->second) {
    auto it = logins_.find({app, a2});
    if (it == logins_.end()) continue;
    kick_locked(it->second, kKickedByRest);
    logins_.erase(it);
  }
  by_user_.erase(found);
}

void SocketSessions::on_app_reset(core::SdkAppId app) {
  std::lock_guard lock(mutex_);
  std::erase_if(logins_, [app](const auto& item) { return item.first.first == app; });
  std::erase_if(by_user_, [app](const auto& item) { return item.first.first == app; });
}

bool SocketSessions::is_online(core::SdkAppId app, std::string_view user) const {
  std::lock_guard lock(mutex_);
  auto found = by_user_.find({app, std::string(user)});
  if (found == by_user_.end()) return false;
  for (const auto& a2 : found->second)
    if (auto it = logins_.find({app, a2}); it != logins_.end() && it->second.socket) return true;
  return false;
}

}  // namespace timock::chatsdk
