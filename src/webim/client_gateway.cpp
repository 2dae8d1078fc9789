// Checks for a client call: sdkappid (60012/70020) → for login the UserSig, otherwise the session of
// tinyid + a2 (20002; a long poll of a gone session gets 91101 so the SDK stops polling) → fault gate
// → JSON body → command. Every reply is a non-empty JSON object, unknown commands included (§2.3).
#include "webim/client_gateway.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "core/clock.hpp"
#include "core/json_limits.hpp"
#include "core/metrics.hpp"
#include "core/sdkappid.hpp"
#include "router/call_shaping.hpp"
#include "router/envelope.hpp"
#include "store/app_registry.hpp"
#include "webim/client_call.hpp"
#include "webim/sessions.hpp"

namespace timock::webim {

namespace json = boost::json;
using core::ErrorCode;

bool is_client_call(const router::ParsedTarget& target) {
  return target.param("websdkappid").has_value() ||
         (target.param("tinyid").has_value() && target.param("a2").has_value());
}

namespace {

router::HttpResponse enveloped(const api::Reply& reply) { return router::json_response(200, router::envelope(reply, false)); }

struct Outcome {
  router::HttpResponse response;
  ErrorCode code = ErrorCode::ok;
  std::string user;
  std::string fault_rule;
  std::shared_ptr<const core::App> app;
};

Outcome process(const router::HttpRequest& request, router::Services& services, const router::ParsedTarget& target,
                std::string_view service, std::string_view command) {
  Outcome out;
  const auto fail = [&](ErrorCode code, std::string_view info = {}) {
    out.code = code;
    out.response = enveloped(api::Reply::error(code, std::string(info)));
    return out;
  };
  const auto sdkappid_text = target.param("sdkappid");
  if (!sdkappid_text || sdkappid_text->empty()) return fail(ErrorCode::sdkappid_missing);
  if (const auto sdkappid = core::parse_sdkappid(*sdkappid_text)) out.app = services.apps.find(*sdkappid);
  if (!out.app) return fail(ErrorCode::sdkappid_not_found);
  const core::App& app = *out.app;

  json::parse_options options;
  options.max_depth = core::kMaxJsonDepth;
  boost::system::error_code parse_ec;
  auto parsed = json::parse(request.body.empty() ? std::string_view("{}") : request.body, parse_ec, {}, options);
  const json::object empty;
  const json::object* body =
      (!parse_ec && parsed.is_object() && core::all_numbers_finite(parsed)) ? &parsed.get_object() : nullptr;

  ClientCall call{services, *services.clients, *services.webim, app, {}, {}, body ? *body : empty, target};
  const bool is_login = service == "openim" && command == "login";
  const bool is_accesslayer = service == "webim" && command == "accesslayer";
  if (is_login || is_accesslayer) {
    call.user = std::string(target.param("identifier").value_or(""));
  } else {
    auto instance = call.clients.find(app.sdkappid, target.param("tinyid").value_or(""),
                                      target.param("a2").value_or(""), client::Protocol::webim);
    if (!instance) {
      if (service == "openim" && command == "longpolling") {
        out.code = ErrorCode::webim_longpoll_kicked;
        out.response = router::json_response(200, kicked_poll_body());
        return out;
      }
      return fail(ErrorCode::msg_auth_failed, "unknown tinyid/a2, or the login was kicked: log in again");
    }
    call.user = instance->user;
    call.instance = std::move(*instance);
  }
  out.user = call.user;

  std::string_view peer;
  if (body)
    for (std::string_view key : {"To_Account", "Peer_Account"})
      if (const auto* v = body->if_contains(key); v && v->is_string()) peer = v->get_string();
  const auto fault = router::consult_faults(services, app.sdkappid, {service, command, call.user, peer});
  if (fault) {
    out.fault_rule = fault->rule_id;
    if (fault->error) {
      fail(fault->error->code, fault->error->error_info);
      fault->shape(out.response);
      return out;
    }
  }
  if (!body) return fail(ErrorCode::json_parse_error_common, "Fail to Parse json data of body, Please check it");

  ClientReply reply;
  try {
    if (is_accesslayer) {
      // §2.4: WebImAccessLayer 0 keeps the SDK on this host.
      reply.reply = api::Reply::ok({{"WebImAccessLayer", 0}});
    } else if (is_login) {
      reply = login(call, target.param("usersig").value_or(""));
    } else {
      const auto& commands = session_commands();
      const std::string key = std::string(service) + "/" + std::string(command);
      auto it = commands.find(key);
      if (it == commands.end())
        reply.reply = api::Reply::error(ErrorCode::http_parse_error, "timock does not emulate " + key + " yet");
      else
        reply = it->second(call);
    }
  } catch (const std::exception& error) {
    reply = {router::failed_call(services, app.sdkappid, ErrorCode::openim_internal_error, error), std::nullopt};
  }
  if (reply.raw) {
    out.response = std::move(*reply.raw);
    out.code = reply.reply.code;
  } else {
    out.code = reply.reply.code;
    out.response = enveloped(reply.reply);
  }
  if (fault) fault->shape(out.response);
  return out;
}

}  // namespace

router::HttpResponse handle_client(const router::HttpRequest& request, router::Services& services,
                                   const router::ParsedTarget& target) {
  const auto started = std::chrono::steady_clock::now();
  const auto segments = target.segments();
  const std::string service = segments.size() == 3 ? std::string(segments[1]) : std::string();
  const std::string command = segments.size() == 3 ? std::string(segments[2]) : std::string();
  auto out = process(request, services, target, service, command);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  services.metrics.set_parked_polls(static_cast<std::int64_t>(services.webim->parked_polls()));
  router::record_call(services, request, out.response,
                      {"webim", out.app ? out.app->sdkappid : 0, service, command, out.user, core::to_int(out.code),
                       seconds, out.fault_rule});
  return std::move(out.response);
}

}  // namespace timock::webim
