// What the WebSocket code needs from the layers above net/: a protocol session for an upgrade request. A
// one-method interface instead of router::Router, so that the WebSocket TUs (the slowest in the build) do not
// include router.hpp and recompile whenever the router or its services change.
#pragma once

#include <memory>

namespace timock::router {
struct HttpRequest;
class SocketPeer;
class SocketSession;
}  // namespace timock::router

namespace timock::net {

class SocketOpener {
 public:
  virtual ~SocketOpener() = default;
  // A WebSocket upgrade: the session for it, or null when no socket route takes the path (the request is
  // then answered as plain HTTP).
  virtual std::shared_ptr<router::SocketSession> open_socket(const router::HttpRequest& upgrade,
                                                             std::shared_ptr<router::SocketPeer> peer) = 0;
};

}  // namespace timock::net
