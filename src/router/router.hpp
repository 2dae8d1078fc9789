// path → route: /mock/* to the control plane, /console/* to the web console's files, a client protocol's
// HTTP call (WebIM) to its gateway, everything else to the REST gateway (which answers unknown paths with the
// envelope too); a WebSocket upgrade to the socket route (the Chat SDK, the console's event stream). The
// routes other than REST are given by app::Parts, so router/ includes no protocol's or control plane's
// header.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "router/context.hpp"
#include "router/http_types.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"

namespace timock::router {

struct Routes {
  std::function<HttpResponse(const HttpRequest&)> control;
  // The web console's page and files (/console, /console/…).
  std::function<HttpResponse(const HttpRequest&)> console;
  // A client protocol's HTTP call: its response, or nullopt when the request is none of its (then REST).
  std::function<std::optional<HttpResponse>(const HttpRequest&, const ParsedTarget&)> client;
  // The session for a WebSocket upgrade, or null when no socket route takes the path.
  // `client_ip`: the peer's address (a callback's ClientIP).
  std::function<std::shared_ptr<SocketSession>(const ParsedTarget&, std::shared_ptr<SocketPeer>,
                                               std::string_view client_ip)>
      socket;
};

class Router {
 public:
  Router(Context& context, Routes routes) : context_(context), routes_(std::move(routes)) {}
  HttpResponse handle(const HttpRequest& request);
  // A WebSocket upgrade: the session for it, or null when no socket route takes the path (the request is
  // then answered as plain HTTP).
  std::shared_ptr<SocketSession> open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer);
  Context& context() { return context_; }

 private:
  HttpResponse route(const HttpRequest& request);
  Context& context_;
  Routes routes_;
};

// The REST gateway: request-level checks in DESIGN's order, then the command handler. `target` is
// parse_target(request.target), nullopt when the target is not a valid URL.
HttpResponse handle_rest(const HttpRequest& request, Context& context, const std::optional<ParsedTarget>& target);

}  // namespace timock::router
