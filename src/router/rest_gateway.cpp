// Request-level checks for /v4/{service}/{command}, in DESIGN's order:
// sdkappid present (60012) → app known (70020) → usersig (70002/70003/70014/70013/70009/70001/70016)
// → service and command known (60009; group service 10003) → quotas, when the app has them on (60011, 60007)
// → fault gate → caller is the admin (service's code) → JSON body (service's code) → handler. Every call an
// app receives is journaled and counted.
#include <boost/json/object.hpp>

#include "api/command.hpp"
#include "auth/caller.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "core/json_limits.hpp"
#include "core/quota_meter.hpp"
#include "router/callback_run.hpp"
#include "router/preamble.hpp"
#include "router/envelope.hpp"
#include "router/query.hpp"
#include "router/router.hpp"

namespace timock::router {

namespace json = boost::json;
using core::ErrorCode;

namespace {

std::string_view string_in(const std::optional<json::object>& body, std::initializer_list<std::string_view> keys) {
  if (!body) return {};
  for (auto key : keys)
    if (const auto* value = body->if_contains(key); value && value->is_string()) return value->get_string();
  return {};
}

// What a call asks of a quota counted in recipients: batchsendmsg's To_Account entries (issue #5).
std::int64_t recipients_of(std::string_view service, std::string_view command,
                           const std::optional<json::object>& body) {
  if (!body || !core::counts_recipients(service, command)) return 0;
  const auto* to = body->if_contains("To_Account");
  return to && to->is_array() ? static_cast<std::int64_t>(to->get_array().size()) : 0;
}

// The command itself, through the app's callbacks (router/callback_run.hpp): the one path that journals the call
// itself (`recorded`), as its reply may come later.
HttpResponse run_command(const HttpRequest& request, Context& services, const std::shared_ptr<Preamble>& call,
                         const api::Handler& handler, const api::ServiceInfo& service, std::string identifier,
                         json::object body) {
  const core::App& app = *call->app();
  auto callbacks = std::make_shared<callback::Callbacks>(app.options.callback, std::string(callback::kRestPlatform),
                                                         std::string(request.client_ip));
  auto attempt = [&services, call, &handler, &service, callbacks, identifier = std::move(identifier),
                  body = std::move(body), origin = std::string(request.origin)] {
    const api::CallContext context{*call->app(), identifier,      services.store, services.clock, &services.hub,
                                   {},           callbacks.get(), origin};
    const auto reply = call->run([&] { return handler(context, body); }, service.internal_error);
    return json_response(200, call->envelope(reply, service.error_display, service.action_status));
  };
  // The request's views stay valid until its reply is written, which is after this runs.
  auto finish = [call, request](HttpResponse& response) {
    call->shape(response);
    call->record(request, response);
  };
  return run_with_callbacks(services, call->shared_app(), std::move(callbacks), std::move(attempt), std::move(finish));
}

HttpResponse process(const HttpRequest& request, Context& services, const std::optional<ParsedTarget>& target,
                     const std::shared_ptr<Preamble>& shared_call, bool& recorded) {
  Preamble& call = *shared_call;
  const auto reply_with = [&](const api::Reply& reply, bool error_display, bool action_status = true) {
    return json_response(200, call.envelope(reply, error_display, action_status));
  };
  if (!target) return reply_with(api::Reply::error(ErrorCode::http_parse_error), false);
  const auto segments = target->segments();
  if (segments.size() == 3) call.set_service(segments[1], segments[2]);

  if (auto refused = call.find_app(target->param("sdkappid"))) return reply_with(*refused, false);
  const core::App& app = *call.app();

  const std::string_view identifier = target->param("identifier").value_or("");
  call.set_identifier(identifier);
  const std::string_view usersig = target->param("usersig").value_or("");
  const auto sig = auth::check_usersig(app, identifier, usersig, services.clock.now(), services.sig_cache);
  if (!sig.ok()) return reply_with(api::Reply::error(sig.code), false);

  const api::ServiceInfo* service =
      segments.size() == 3 && segments[0] == "v4" ? services.commands.service(segments[1]) : nullptr;
  if (!service) return reply_with(api::Reply::error(ErrorCode::unknown_resource), false);
  const api::Handler* handler = services.commands.find(segments[1], segments[2]);
  if (!handler)
    return reply_with(api::Reply::error(service->unknown_command), service->error_display,
                      service->action_status);

  // Bodies must be a JSON object (core::parse_object bounds depth and numbers).
  const auto body = core::parse_object(request.body);
  // The user a REST call acts for, as fault rules and the journal name it.
  if (const auto acting = string_in(body, {"From_Account", "Operator_Account", "Report_Account"}); !acting.empty())
    call.set_identifier(acting);

  // Quotas (reference/rest-api.md §8) come after the UserSig and the command lookup, so only authenticated
  // calls to real commands use an app's budget, and before the fault gate: a call the frequency limit turns
  // away never reaches the service that fault rules stand in for (nor counts down a rule's `times`).
  if (auto refused = call.admit_quota(recipients_of(segments[1], segments[2], body))) return reply_with(*refused, false);
  if (auto replaced = call.fault_gate(body ? &*body : nullptr)) {
    auto response = reply_with(*replaced, service->error_display, service->action_status);
    call.shape(response);
    return response;
  }

  HttpResponse response;
  if (identifier != app.admin) {
    response = reply_with(api::Reply::error(service->admin_required), service->error_display,
                          service->action_status);
  } else if (!body) {
    response =
        reply_with(api::Reply::error(service->bad_json, "Fail to Parse json data of body, Please check it"),
                   service->error_display, service->action_status);
  } else {
    recorded = true;
    return run_command(request, services, shared_call, *handler, *service, std::string(identifier), *body);
  }
  call.shape(response);
  return response;
}

}  // namespace

HttpResponse handle_rest(const HttpRequest& request, Context& services, const std::optional<ParsedTarget>& target) {
  auto call = std::make_shared<Preamble>(services, Surface::rest, std::string_view{}, std::string_view{});
  bool recorded = false;
  auto response = process(request, services, target, call, recorded);
  if (!recorded) call->record(request, response);
  return response;
}

}  // namespace timock::router
