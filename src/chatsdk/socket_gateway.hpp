// The Chat SDK's WebSocket entry point (reference/modern-sdk-protocol.md §2, §7): an upgrade on a path ending
// in /binfo (binary frames) or /info (text frames) opens a ChatSocket, which takes each frame through the
// same checks as every other surface: app (60012/70020) → login (wslogin's UserSig, or the A2Key in the
// head: 70001 when unknown) → fault gate (matched on the servcmd's service and command) → command.
#pragma once

#include <memory>
#include <string_view>

#include "router/context.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"

namespace timock::client {
class Registry;
}

namespace timock::chatsdk {

class SocketSessions;

// Whether the path is the SDK's socket (…/binfo or …/info).
bool is_socket_path(std::string_view path);

class Gateway {
 public:
  Gateway(router::Context& context, client::Registry& clients, SocketSessions& sessions)
      : context_(context), clients_(clients), sessions_(sessions) {}
  // A session for the upgraded socket, or null when the path is not the SDK's.
  // `client_ip`: the peer's address, the ClientIP of the callbacks its calls cause.
  std::shared_ptr<router::SocketSession> open_socket(const router::ParsedTarget& target,
                                                     std::shared_ptr<router::SocketPeer> peer,
                                                     std::string_view client_ip = {});

 private:
  router::Context& context_;
  client::Registry& clients_;
  SocketSessions& sessions_;
};

}  // namespace timock::chatsdk
