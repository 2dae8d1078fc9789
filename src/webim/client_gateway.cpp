// Checks for a client call: sdkappid (60012/70020) → for login the UserSig, otherwise the session of
// tinyid + a2 (20002; a long poll of a gone session gets 91101 so the SDK stops polling) → fault gate
// → JSON body → command. Every reply is a non-empty JSON object, unknown commands included (§2.3).
#include "webim/client_gateway.hpp"

#include <boost/json/object.hpp>

#include "callback/callbacks.hpp"
#include "core/json_limits.hpp"
#include "core/metrics.hpp"
#include "router/callback_run.hpp"
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

// The command itself, through the app's callbacks (router/callback_run.hpp): its reply may come later, so it
// journals the call itself. Each run reads the query again from the request's target, which lives until the
// reply is written.
router::HttpResponse run_command(const router::HttpRequest& request, router::Context& context,
                                 client::Registry& clients, Sessions& sessions,
                                 const std::shared_ptr<router::Preamble>& preamble, std::string user,
                                 client::Instance instance, json::object body, std::string service,
                                 std::string command) {
  const core::App& app = *preamble->app();
  auto callbacks = std::make_shared<callback::Callbacks>(app.options.callback, std::string(callback::kWebPlatform),
                                                         std::string(request.client_ip));
  auto attempt = [&context, &clients, &sessions, preamble, callbacks, user = std::move(user),
                  instance = std::move(instance), body = std::move(body), service = std::move(service),
                  command = std::move(command), target_text = std::string(request.target)] {
    const auto target = router::parse_target(target_text);  // parsed once already, so valid
    ClientCall call{context, clients, sessions, *preamble->app(), user, instance, body, *target, callbacks.get()};
    const bool is_login = service == "openim" && command == "login";
    const bool is_accesslayer = service == "webim" && command == "accesslayer";
    ClientReply reply;
    bool answered = false;  // the command ran to its end (did not throw)
    const auto outcome = preamble->run(
        [&] {
          if (is_accesslayer) {
            // §2.4: WebImAccessLayer 0 keeps the SDK on this host.
            reply.reply = api::Reply::ok({{"WebImAccessLayer", 0}});
          } else if (is_login) {
            reply = login(call, target->param("usersig").value_or(""));
          } else {
            const auto& commands = session_commands();
            const std::string key = service + "/" + command;
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
    if (answered && reply.raw) {
      preamble->set_code(reply.reply.code);
      return std::move(*reply.raw);
    }
    return router::json_response(200, preamble->envelope(outcome));
  };
  auto finish = [&context, &sessions, preamble, request](router::HttpResponse& response) {
    preamble->shape(response);
    context.metrics.set_parked_polls(static_cast<std::int64_t>(sessions.parked_polls()));
    preamble->record(request, response);
  };
  return router::run_with_callbacks(context, preamble->shared_app(), std::move(callbacks), std::move(attempt),
                                    std::move(finish));
}

router::HttpResponse process(const router::HttpRequest& request, router::Context& context,
                             client::Registry& clients, Sessions& sessions, const router::ParsedTarget& target,
                             const std::shared_ptr<router::Preamble>& shared_preamble, std::string_view service,
                             std::string_view command, bool& recorded) {
  router::Preamble& preamble = *shared_preamble;
  const auto fail = [&](const api::Reply& reply) { return router::json_response(200, preamble.envelope(reply)); };
  if (auto refused = preamble.find_app(target.param("sdkappid"))) return fail(*refused);
  const core::App& app = *preamble.app();

  // An empty body is an empty object: the SDK posts nothing for some calls.
  const auto body = request.body.empty() ? std::optional(json::object()) : core::parse_object(request.body);
  std::string user;
  client::Instance instance;
  const bool is_login = service == "openim" && command == "login";
  const bool is_accesslayer = service == "webim" && command == "accesslayer";
  if (is_login || is_accesslayer) {
    user = std::string(target.param("identifier").value_or(""));
  } else {
    auto found = clients.find(app.sdkappid, target.param("tinyid").value_or(""), target.param("a2").value_or(""),
                              client::Protocol::webim);
    if (!found) {
      if (service == "openim" && command == "longpolling") {
        preamble.set_code(ErrorCode::webim_longpoll_kicked);
        return router::json_response(200, kicked_poll_body());
      }
      return fail(api::Reply::error(ErrorCode::msg_auth_failed, "unknown tinyid/a2, or the login was kicked: log in again"));
    }
    user = found->user;
    instance = std::move(*found);
    sessions.seen(instance);  // any call keeps the instance from timing out (Sessions::expire_idle)
  }
  preamble.set_identifier(user);

  if (auto replaced = preamble.fault_gate(body ? &*body : nullptr)) {
    auto response = fail(*replaced);
    preamble.shape(response);
    return response;
  }
  if (!body) return fail(api::Reply::error(ErrorCode::json_parse_error_common, "Fail to Parse json data of body, Please check it"));
  recorded = true;
  return run_command(request, context, clients, sessions, shared_preamble, std::move(user), std::move(instance),
                     *body, std::string(service), std::string(command));
}

}  // namespace

router::HttpResponse Gateway::handle(const router::HttpRequest& request, const router::ParsedTarget& target) {
  const auto segments = target.segments();
  const std::string service = segments.size() == 3 ? std::string(segments[1]) : std::string();
  const std::string command = segments.size() == 3 ? std::string(segments[2]) : std::string();
  auto preamble = std::make_shared<router::Preamble>(context_, router::Surface::webim, service, command);
  bool recorded = false;
  auto response = process(request, context_, clients_, sessions_, target, preamble, service, command, recorded);
  if (!recorded) {
    context_.metrics.set_parked_polls(static_cast<std::int64_t>(sessions_.parked_polls()));
    preamble->record(request, response);
  }
  return response;
}

}  // namespace timock::webim
