#include "control/control_plane.hpp"

#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "control/replies.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/sdkappid.hpp"
#include "router/query.hpp"
#include "store/app_registry.hpp"

namespace timock::control {

namespace json = boost::json;
using router::HttpRequest;
using router::HttpResponse;

namespace {

json::object clock_json(const core::Clock& clock) {
  return {{"now", clock.now()}, {"offset_s", clock.offset_seconds()}, {"frozen", clock.frozen()}};
}

// PUT /mock/clock {now?, offset_s?, frozen?}: `now` jumps to a time (frozen there if asked), `offset_s`
// shifts real time, `frozen:false` alone lets a frozen clock run again from where it stands.
HttpResponse put_clock(const HttpRequest& request, core::Clock& clock) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object");
  const auto now = api::int_field(*body, {"now"});
  const auto offset = api::int_field(*body, {"offset_s"});
  const auto* frozen = body->if_contains("frozen");
  if (now.state == api::FieldState::wrong_type || (now.ok() && now.value < 0))
    return problem(400, "now must be unix seconds", "now");
  if (offset.state == api::FieldState::wrong_type) return problem(400, "offset_s must be an integer", "offset_s");
  if (frozen && !frozen->is_bool()) return problem(400, "frozen must be true or false", "frozen");
  if (now.ok() && offset.ok()) return problem(400, "give now or offset_s, not both");
  const bool freeze = frozen ? frozen->get_bool() : clock.frozen();
  if (now.ok()) {
    clock.set_now(now.value, freeze);
  } else if (offset.ok()) {
    clock.unfreeze();
    clock.set_offset(offset.value);
    if (freeze) clock.set_now(clock.now(), true);
  } else if (frozen) {
    clock.set_now(clock.now(), freeze);
  }
  return ok_json(clock_json(clock));
}

HttpResponse route(const HttpRequest& request, router::Context& services, const router::ParsedTarget& target) {
  const auto parts = target.segments();  // "mock", ...
  const std::string_view method = request.method;
  if (parts.size() == 2 && parts[1] == "health") {
    if (method != "GET") return problem(405, "use GET");
    return ok_json(json::object{{"status", "ok"}, {"version", TIMOCK_VERSION}});
  }
  if (parts.size() == 2 && parts[1] == "clock") {
    if (method == "GET") return ok_json(clock_json(services.clock));
    if (method == "PUT") return put_clock(request, services.clock);
    return problem(405, "use GET or PUT");
  }
  if (parts.size() == 2 && parts[1] == "metrics") {
    if (method != "GET") return problem(405, "use GET");
    auto response = router::json_response(200, services.metrics.prometheus_text());
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return response;
  }
  if (parts.size() == 2 && parts[1] == "disk") return handle_disk(request, services);
  if (parts.size() == 2 && parts[1] == "apps") return handle_apps(request, services);
  if (parts.size() >= 3 && parts[1] == "apps") {
    const auto id = core::parse_sdkappid(parts[2]);
    if (!id) return problem(400, "the app id must be an SDKAppID (1..4294967295)");
    if (parts.size() == 4 && parts[3] == "snapshot") return handle_app(request, services, *id, "snapshot");
    if (!services.apps.find(*id)) return problem(404, "no such app");
    if (parts.size() == 3) return handle_app(request, services, *id, "");
    if (parts[3] == "faults" && parts.size() <= 5)
      return handle_faults(request, services, *id,
                           parts.size() == 5 ? std::optional<std::string_view>(parts[4]) : std::nullopt);
    if (parts[3] == "journal" && parts.size() == 4) return handle_journal(request, services, *id);
    if (parts[3] == "accounts")
      return handle_accounts(request, services, *id, std::span<const std::string_view>(parts).subspan(4));
    if (parts[3] == "online" && parts.size() == 4) return handle_online(request, services, *id);
    if (parts[3] == "groups" && parts.size() == 4) return handle_groups(request, services, *id);
    if (parts[3] == "quotas" && parts.size() == 4) return handle_quotas(request, services, *id);
    if (parts[3] == "callback" && parts.size() == 4) return handle_callback(request, services, *id);
    if (parts.size() == 4) return handle_app(request, services, *id, parts[3]);
  }
  return problem(404, "no such control-plane route");
}

}  // namespace

HttpResponse handle_control(const HttpRequest& request, router::Context& services, std::string_view control_token) {
  if (!control_token.empty() && request.control_token != control_token)
    return problem(401, "missing or wrong X-Timock-Token header");
  const auto target = router::parse_target(request.target);
  if (!target) return problem(400, "malformed URL");
  try {
    return route(request, services, *target);
  } catch (const std::exception& error) {
    return problem(500, error.what());
  }
}

}  // namespace timock::control
