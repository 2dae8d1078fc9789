#include "router/router.hpp"

#include "chatsdk/socket_gateway.hpp"
#include "control/control_plane.hpp"
#include "router/preamble.hpp"
#include "router/envelope.hpp"
#include "router/query.hpp"
#include "store/store.hpp"
#include "webim/client_gateway.hpp"

namespace timock::router {

HttpResponse Router::handle(const HttpRequest& request) {
  // Every surface's writes (REST, WebIM, the control plane) are answered only once they are on disk; a
  // request whose writes were lost (a full disk) is answered with an error, and its journal entry says so.
  store::CommitWatch watch(services_.store);
  auto response = route(request);
  const auto range = watch.range();
  switch (services_.store.durability(range)) {
    case store::Durability::on_disk:
      break;
    case store::Durability::lost:
      journal_not_durable(services_.journal, response.journal_app, response.journal_seq);
      response = json_response(kNotDurableStatus, not_durable_envelope());
      break;
    case store::Durability::pending:
      response.wait_durable = durability_wait(services_, range, response.journal_app, response.journal_seq);
      break;
  }
  return response;
}

HttpResponse Router::route(const HttpRequest& request) {
  const std::string_view target = request.target;
  if (target == "/mock" || target.starts_with("/mock/") || target.starts_with("/mock?"))
    return control::handle_control(request, services_);
  // Parsed once: the client/REST split and the REST checks read the same query.
  const auto parsed = parse_target(request.target);
  if (services_.webim && services_.clients && parsed && webim::is_client_call(*parsed))
    return webim::handle_client(request, services_, *parsed);
  return handle_rest(request, services_, parsed);
}

std::shared_ptr<SocketSession> Router::open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer) {
  const auto target = parse_target(upgrade.target);
  if (!target) return nullptr;
  return chatsdk::open_socket(*target, services_, std::move(peer));
}

}  // namespace timock::router
