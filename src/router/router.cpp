#include "router/router.hpp"

#include "api/history_files.hpp"
#include "core/clock.hpp"
#include "router/envelope.hpp"
#include "router/preamble.hpp"
#include "router/query.hpp"
#include "store/store.hpp"

namespace timock::router {

HttpResponse Router::handle(const HttpRequest& request) {
  // Every surface's writes (REST, WebIM, the control plane) are answered only once they are on disk; a
  // request whose writes were lost (a full disk) is answered with an error, and its journal entry says so.
  WriteWatch watch(context_);
  auto response = route(request);
  settle_writes(watch, context_, response);
  return response;
}

void settle_writes(WriteWatch& watch, Context& services, HttpResponse& response) {
  switch (watch.durability()) {
    case store::Durability::on_disk:
      break;
    case store::Durability::lost:
      journal_not_durable(services.journal, response.journal_app, response.journal_seq);
      response = json_response(kNotDurableStatus, not_durable_envelope());
      break;
    case store::Durability::pending:
      response.wait_durable = watch.wait(response.journal_app, response.journal_seq);
      break;
  }
}

HttpResponse Router::route(const HttpRequest& request) {
  const std::string_view target = request.target;
  if (routes_.control && (target == "/mock" || target.starts_with("/mock/") || target.starts_with("/mock?")))
    return routes_.control(request);
  if (routes_.console &&
      (target == "/console" || target.starts_with("/console/") || target.starts_with("/console?")))
    return routes_.console(request);
  // open_msg_svc/get_history's files, at the URL its reply gives (api/history_files.hpp).
  if (request.method == "GET" && target.starts_with(api::kHistoryFilePath)) {
    auto file = api::history_file_download(context_.store, context_.apps, target.substr(0, target.find('?')),
                                           context_.clock.now());
    if (!file) return json_response(404, error_envelope(core::ErrorCode::history_file_not_ready));
    auto response = json_response(200, std::move(*file));
    response.content_type = "application/gzip";
    return response;
  }
  // Parsed once: the client/REST split and the REST checks read the same query.
  const auto parsed = parse_target(request.target);
  if (routes_.client && parsed)
    if (auto response = routes_.client(request, *parsed)) return std::move(*response);
  return handle_rest(request, context_, parsed);
}

std::shared_ptr<SocketSession> Router::open_socket(const HttpRequest& upgrade, std::shared_ptr<SocketPeer> peer) {
  const auto target = parse_target(upgrade.target);
  if (!target || !routes_.socket) return nullptr;
  return routes_.socket(*target, std::move(peer), upgrade.client_ip);
}

}  // namespace timock::router
