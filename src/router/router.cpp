#include "router/router.hpp"

#include "chatsdk/socket_gateway.hpp"
#include "control/control_plane.hpp"
#include "router/query.hpp"
#include "store/store.hpp"
#include "webim/client_gateway.hpp"

namespace timock::router {

HttpResponse Router::handle(const HttpRequest& request) {
  // Every surface's writes (REST, WebIM, the control plane) are answered only once they are on disk.
  store::CommitWatch watch(services_.store);
  auto response = route(request);
  if (const auto ticket = watch.ticket(); ticket != 0 && !services_.store.durable(ticket)) {
    response.wait_durable = [&store = services_.store, ticket](std::function<void(bool)> wake) {
      store.when_durable(ticket, std::move(wake));
    };
  }
  return response;
}

HttpResponse Router::route(const HttpRequest& request) {
  const std::string_view target = request.target;
  if (target == "/mock" || target.starts_with("/mock/") || target.starts_with("/mock?"))
    return control::handle_control(request, services_);
  // Parsed once: the client/REST split and the REST checks read the same query.
  const auto parsed = parse_target(request.target);
  if (services_.webim && parsed && webim::is_client_call(*parsed))
    return webim::handle_client(request, services_, *parsed);
  return handle_rest(request, services_, parsed);
}

std::shared_ptr<SocketSession> Router::open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer) {
  const auto target = parse_target(upgrade.target);
  if (!target) return nullptr;
  return chatsdk::open_socket(*target, services_, std::move(peer));
}

}  // namespace timock::router
