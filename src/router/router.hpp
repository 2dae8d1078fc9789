// path → route: /mock/* to the control plane, everything else to the REST gateway (which answers
// unknown paths with the envelope too).
#pragma once

#include <memory>
#include <optional>

#include "router/http_types.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"
#include "router/services.hpp"

namespace timock::router {

class Router {
 public:
  explicit Router(Services services) : services_(std::move(services)) {}
  HttpResponse handle(const HttpRequest& request);
  // A WebSocket upgrade: the session for it, or null when no socket route takes the path (the request is
  // then answered as plain HTTP).
  std::shared_ptr<SocketSession> open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer);
  Services& services() { return services_; }

 private:
  HttpResponse route(const HttpRequest& request);
  Services services_;
};

// The REST gateway: request-level checks in DESIGN's order, then the command handler. `target` is
// parse_target(request.target), nullopt when the target is not a valid URL.
HttpResponse handle_rest(const HttpRequest& request, Services& services,
                         const std::optional<ParsedTarget>& target);

}  // namespace timock::router
