// One Chat SDK request after its frame was decoded and its login checked: who is calling on which socket,
// and what they sent. Commands answer with an api::Reply; the gateway wraps it in the envelope and the frame.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "chatsdk/frame.hpp"
#include "client/client.hpp"
#include "client/registry.hpp"
#include "router/context.hpp"

namespace timock::router {
class PendingReply;
}

namespace timock::chatsdk {

class SocketSessions;

struct ChatCall {
  router::Context& context;
  client::Registry& clients;
  const core::App& app;
  const client::Instance& login;  // the caller (empty for commands that need no login)
  const Frame& frame;
  const boost::json::object& body;
  // The call's third-party callbacks (reference/rest-api.md §7); null where none are sent.
  callback::Callbacks* callbacks = nullptr;
  // The socket's transport (live-room long polls); null where the call cannot park.
  SocketSessions* sessions = nullptr;
  bool binary = true;  // the socket's framing (/binfo or /info), for a reply sent later
  // Set by a command whose reply waits (a parked get_msg): the frame is sent when it completes.
  std::shared_ptr<router::PendingReply> parked;

  client::Deps deps() const {
    return {context.store, context.clock, &context.hub, context.commands, context.sig_cache, &context.callbacks};
  }
  client::Caller caller() const { return {app, login.user, login.a2, callbacks}; }
};

using ChatCommand = api::Reply (*)(ChatCall&);

// servcmd → command, for calls of a logged-in user (reference/modern-sdk-protocol.md §6).
const std::map<std::string, ChatCommand, std::less<>>& chat_commands();
// Commands the SDK sends before it has logged in, or about the socket rather than a user: heartbeats,
// telemetry and the SDK's configuration fetches (§5, §6.10). They need no login.
const std::map<std::string, ChatCommand, std::less<>>& socket_commands();

// The login-time configuration (§6.1): every feature bit on, so no call fails 3122 on the client.
std::string purchase_bits();
// The reply to a servcmd timock does not emulate: 60020 with its name, in the fields the SDK reads errors
// from for that command's family, so the app's promise rejects with it.
api::Reply not_emulated(std::string_view servcmd);
// The HelloInterval wslogin announces, in seconds (the SDK's default).
constexpr int kHelloIntervalSeconds = 120;

}  // namespace timock::chatsdk
