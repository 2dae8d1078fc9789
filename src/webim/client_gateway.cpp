// Checks for a client call: sdkappid (60012/70020) → for login the UserSig, otherwise the session of
// tinyid + a2 (20002; a long poll of a gone session gets 91101 so the SDK stops polling) → fault gate
// → JSON body → command. Every reply is a non-empty JSON object, unknown commands included (§2.3).
#include "webim/client_gateway.hpp"

#include <boost/json/object.hpp>

#include "core/json_limits.hpp"
#include "core/metrics.hpp"
#include "router/preamble.hpp"
#include "router/envelope.hpp"
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

router::HttpResponse process(const router::HttpRequest& request, router::Context& context,
                             client::Registry& clients, Sessions& sessions, const router::ParsedTarget& target,
                             router::Preamble& preamble, std::string_view service, std::string_view command) {
  const auto fail = [&](const api::Reply& reply) { return router::json_response(200, preamble.envelope(reply)); };
  if (auto refused = preamble.find_app(target.param("sdkappid"))) return fail(*refused);
  const core::App& app = *preamble.app();

  // An empty body is an empty object: the SDK posts nothing for some calls.
  const auto body = request.body.empty() ? std::optional(json::object()) : core::parse_object(request.body);
  const json::object empty;
  ClientCall call{context, clients, sessions, app, {}, {}, body ? *body : empty, target};
  const bool is_login = service == "openim" && command == "login";
  const bool is_accesslayer = service == "webim" && command == "accesslayer";
  if (is_login || is_accesslayer) {
    call.user = std::string(target.param("identifier").value_or(""));
  } else {
    auto instance = call.clients.find(app.sdkappid, target.param("tinyid").value_or(""),
                                      target.param("a2").value_or(""), client::Protocol::webim);
    if (!instance) {
      if (service == "openim" && command == "longpolling") {
        preamble.set_code(ErrorCode::webim_longpoll_kicked);
        return router::json_response(200, kicked_poll_body());
      }
      return fail(api::Reply::error(ErrorCode::msg_auth_failed, "unknown tinyid/a2, or the login was kicked: log in again"));
    }
    call.user = instance->user;
    call.instance = std::move(*instance);
  }
  preamble.set_identifier(call.user);

  if (auto replaced = preamble.fault_gate(body ? &*body : nullptr)) {
    auto response = fail(*replaced);
    preamble.shape(response);
    return response;
  }
  if (!body) return fail(api::Reply::error(ErrorCode::json_parse_error_common, "Fail to Parse json data of body, Please check it"));

  ClientReply reply;
  bool answered = false;  // the command ran to its end (did not throw)
  const auto outcome = preamble.run(
      [&] {
        if (is_accesslayer) {
          // §2.4: WebImAccessLayer 0 keeps the SDK on this host.
          reply.reply = api::Reply::ok({{"WebImAccessLayer", 0}});
        } else if (is_login) {
          reply = login(call, target.param("usersig").value_or(""));
        } else {
          const auto& commands = session_commands();
          const std::string key = std::string(service) + "/" + std::string(command);
          auto it = commands.find(key);
          // The same "not emulated" as on the Chat SDK: a non-empty FAIL object is all WebIM needs (§2.3).
          if (it == commands.end())
            reply.reply = api::Reply::error(ErrorCode::feature_not_emulated, "timock does not emulate " + key + " yet");
          else
            reply = it->second(call);
        }
        answered = true;
        return reply.reply;
      },
      ErrorCode::openim_internal_error);
  router::HttpResponse response;
  if (answered && reply.raw) {
    preamble.set_code(reply.reply.code);
    response = std::move(*reply.raw);
  } else {
    response = router::json_response(200, preamble.envelope(outcome));
  }
  preamble.shape(response);
  return response;
}

}  // namespace

router::HttpResponse Gateway::handle(const router::HttpRequest& request, const router::ParsedTarget& target) {
  const auto segments = target.segments();
  const std::string service = segments.size() == 3 ? std::string(segments[1]) : std::string();
  const std::string command = segments.size() == 3 ? std::string(segments[2]) : std::string();
  router::Preamble preamble(context_, router::Surface::webim, service, command);
  auto response = process(request, context_, clients_, sessions_, target, preamble, service, command);
  context_.metrics.set_parked_polls(static_cast<std::int64_t>(sessions_.parked_polls()));
  preamble.record(request, response);
  return response;
}

}  // namespace timock::webim
