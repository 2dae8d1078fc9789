#include "router/router.hpp"

#include "chatsdk/socket_gateway.hpp"
#include "control/control_plane.hpp"
#include "router/query.hpp"
#include "webim/client_gateway.hpp"

namespace timock::router {

HttpResponse Router::handle(const HttpRequest& request) {
  const std::string_view target = request.target;
  if (target == "/mock" || target.starts_with("/mock/") || target.starts_with("/mock?"))
    return control::handle_control(request, services_);
  if (services_.webim) {
    if (const auto target = parse_target(request.target); target && webim::is_client_call(*target))
      return webim::handle_client(request, services_, *target);
  }
  return handle_rest(request, services_);
}

std::shared_ptr<SocketSession> Router::open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer) {
  const auto target = parse_target(upgrade.target);
  if (!target) return nullptr;
  return chatsdk::open_socket(*target, services_, std::move(peer));
}

}  // namespace timock::router
