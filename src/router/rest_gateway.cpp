// Request-level checks for /v4/{service}/{command}, in DESIGN's order:
// sdkappid present (60012) → app known (70020) → usersig (70002/70003/70014/70013/70009/70001/70016)
// → service and command known (60009; group service 10003) → quotas, when the app has them on (60011, 60007)
// → fault gate → caller is the admin (service's code) → JSON body (service's code) → handler. Every call an
// app receives is journaled and counted.
#include <boost/json.hpp>
#include <chrono>

#include "api/command.hpp"
#include "auth/caller.hpp"
#include "core/clock.hpp"
#include "core/json_limits.hpp"
#include "core/quota_meter.hpp"
#include "core/sdkappid.hpp"
#include "router/call_shaping.hpp"
#include "router/envelope.hpp"
#include "router/query.hpp"
#include "router/router.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"

namespace timock::router {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// Bodies must be a JSON object. Nesting is bounded (core/json_limits.hpp) so hostile input cannot exhaust the
// stack, and whatever is stored can be read back.
std::optional<json::object> parse_body(std::string_view body) {
  json::parse_options options;
  options.max_depth = core::kMaxJsonDepth;
  boost::system::error_code ec;
  auto value = json::parse(body, ec, {}, options);
  if (ec || !value.is_object() || !core::all_numbers_finite(value)) return std::nullopt;
  return std::move(value.get_object());
}

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

// What one call was, for the fault gate, the journal and the metrics.
struct CallRecord {
  std::shared_ptr<const core::App> app;
  std::string service;
  std::string command;
  std::string identifier;
  ErrorCode code = ErrorCode::ok;
  std::string fault_rule;
};

HttpResponse reply_with(CallRecord& call, api::Reply reply, bool error_display) {
  call.code = reply.code;
  return json_response(200, envelope(reply, error_display));
}

HttpResponse process(const HttpRequest& request, Services& services, const std::optional<ParsedTarget>& target,
                     CallRecord& call) {
  if (!target) return reply_with(call, api::Reply::error(ErrorCode::http_parse_error), false);
  const auto segments = target->segments();
  if (segments.size() == 3) {
    call.service = segments[1];
    call.command = segments[2];
  }

  const auto sdkappid_text = target->param("sdkappid");
  if (!sdkappid_text || sdkappid_text->empty())
    return reply_with(call, api::Reply::error(ErrorCode::sdkappid_missing), false);
  const auto sdkappid = core::parse_sdkappid(*sdkappid_text);
  call.app = sdkappid ? services.apps.find(*sdkappid) : nullptr;
  if (!call.app) return reply_with(call, api::Reply::error(ErrorCode::sdkappid_not_found), false);
  const core::App& app = *call.app;

  const std::string_view identifier = target->param("identifier").value_or("");
  call.identifier = identifier;
  const std::string_view usersig = target->param("usersig").value_or("");
  const auto sig = auth::check_usersig(app, identifier, usersig, services.clock.now(), services.sig_cache);
  if (!sig.ok()) return reply_with(call, api::Reply::error(sig.code), false);

  const api::ServiceInfo* service =
      segments.size() == 3 && segments[0] == "v4" ? services.commands.service(segments[1]) : nullptr;
  if (!service) return reply_with(call, api::Reply::error(ErrorCode::unknown_resource), false);
  const api::Handler* handler = services.commands.find(segments[1], segments[2]);
  if (!handler) return reply_with(call, api::Reply::error(service->unknown_command), service->error_display);

  auto body = parse_body(request.body);
  // The user a REST call acts for, and the peer it acts on, as fault rules match them.
  const auto acting = string_in(body, {"From_Account", "Operator_Account", "Report_Account"});
  if (!acting.empty()) call.identifier = acting;
  const auto peer = string_in(body, {"To_Account", "Peer_Account"});

  // Quotas (reference/rest-api.md §8) come after the UserSig and the command lookup, so only authenticated
  // calls to real commands use an app's budget, and before the fault gate: a call the frequency limit turns
  // away never reaches the service that fault rules stand in for (nor counts down a rule's `times`).
  if (app.options.quotas.enabled) {
    const core::QuotaCall metered{call.service, call.command,
                                  recipients_of(call.service, call.command, body)};
    const auto verdict =
        services.quotas.admit(app.sdkappid, app.options.quotas, metered, services.clock.now());
    if (verdict != ErrorCode::ok) return reply_with(call, api::Reply::error(verdict), false);
  }
  const auto fault = consult_faults(services, app.sdkappid, {call.service, call.command, call.identifier, peer});
  if (fault) {
    call.fault_rule = fault->rule_id;
    if (fault->error) {
      auto response = reply_with(call, *fault->error, service->error_display);
      fault->shape(response);
      return response;
    }
  }

  HttpResponse response;
  if (identifier != app.admin) {
    response = reply_with(call, api::Reply::error(service->admin_required), service->error_display);
  } else if (!body) {
    response = reply_with(call, api::Reply::error(service->bad_json, "Fail to Parse json data of body, Please check it"),
                          service->error_display);
  } else {
    const api::CallContext context{app, identifier, services.store, services.clock, &services.hub};
    api::Reply reply;
    try {
      reply = (*handler)(context, *body);
    } catch (const std::exception& error) {
      // A store failure (disk full, locked file) is the service's internal error, never a crash.
      reply = failed_call(services, app.sdkappid, service->internal_error, error);
    }
    response = reply_with(call, std::move(reply), service->error_display);
  }
  if (fault) fault->shape(response);
  return response;
}

}  // namespace

HttpResponse handle_rest(const HttpRequest& request, Services& services, const std::optional<ParsedTarget>& target) {
  const auto started = std::chrono::steady_clock::now();
  CallRecord call;
  auto response = process(request, services, target, call);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  record_call(services, request, response,
              {"rest", call.app ? call.app->sdkappid : 0, call.service, call.command, call.identifier,
               core::to_int(call.code), seconds, call.fault_rule});
  return response;
}

}  // namespace timock::router
