// Request-level checks for /v4/{service}/{command}, in DESIGN's order:
// sdkappid present (60012) → app known (70020) → usersig (70002/70003/70014/70013/70009/70001/70016)
// → service and command known (60009; group service 10003) → caller is the admin (service's code)
// → JSON body (service's code) → handler.
#include <boost/json.hpp>
#include <charconv>

#include "api/command.hpp"
#include "auth/caller.hpp"
#include "core/clock.hpp"
#include "router/envelope.hpp"
#include "router/query.hpp"
#include "router/router.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"

namespace timock::router {

namespace json = boost::json;
using core::ErrorCode;

namespace {

HttpResponse fail(ErrorCode code, std::string_view info = {}, bool error_display = false) {
  return json_response(200, envelope(api::Reply::error(code, std::string(info)), error_display));
}

std::optional<core::SdkAppId> parse_sdkappid(std::string_view text) {
  core::SdkAppId value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Bodies must be a JSON object. Nesting is bounded so hostile input cannot exhaust the stack.
constexpr std::size_t kMaxJsonDepth = 64;

std::optional<json::object> parse_body(std::string_view body) {
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  auto value = json::parse(body, ec, {}, options);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

}  // namespace

HttpResponse handle_rest(const HttpRequest& request, Services& services) {
  const auto target = parse_target(request.target);
  if (!target) return fail(ErrorCode::http_parse_error);

  const auto sdkappid_text = target->param("sdkappid");
  if (!sdkappid_text || sdkappid_text->empty()) return fail(ErrorCode::sdkappid_missing);
  const auto sdkappid = parse_sdkappid(*sdkappid_text);
  const auto app = sdkappid ? services.apps.find(*sdkappid) : nullptr;
  if (!app) return fail(ErrorCode::sdkappid_not_found);

  const std::string_view identifier = target->param("identifier").value_or("");
  const std::string_view usersig = target->param("usersig").value_or("");
  const auto sig = auth::check_usersig(*app, identifier, usersig, services.clock.now(), services.sig_cache);
  if (!sig.ok()) return fail(sig.code);

  const auto segments = target->segments();
  const api::ServiceInfo* service = segments.size() == 3 && segments[0] == "v4"
                                        ? services.commands.service(segments[1])
                                        : nullptr;
  if (!service) return fail(ErrorCode::unknown_resource);
  const api::Handler* handler = services.commands.find(segments[1], segments[2]);
  if (!handler) return fail(service->unknown_command, {}, service->error_display);

  if (identifier != app->admin) return fail(service->admin_required, {}, service->error_display);

  auto body = parse_body(request.body);
  if (!body)
    return fail(service->bad_json, "Fail to Parse json data of body, Please check it", service->error_display);

  const api::CallContext context{*app, identifier, services.store, services.clock};
  api::Reply reply;
  try {
    reply = (*handler)(context, *body);
  } catch (const std::exception& error) {
    // A store failure (disk full, locked file) is the service's internal error, never a crash.
    reply = api::Reply::error(service->internal_error, error.what());
  }
  return json_response(200, envelope(reply, service->error_display));
}

}  // namespace timock::router
