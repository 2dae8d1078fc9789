#include "control/control_plane.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "api/fields.hpp"
#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"
#include "control/apps.hpp"
#include "core/clock.hpp"
#include "router/query.hpp"
#include "store/app_registry.hpp"

namespace timock::control {

namespace json = boost::json;
using router::HttpRequest;
using router::HttpResponse;
using router::json_response;

namespace {

// 180 days: the default validity of Tencent's UserSig generators (reference/usersig.md §2.1).
constexpr std::int64_t kDefaultSigExpire = 15552000;

HttpResponse problem(unsigned status, std::string_view message, std::string_view field = {}) {
  json::object body{{"error", message}};
  if (!field.empty()) body["field"] = field;
  return json_response(status, json::serialize(body));
}

HttpResponse ok_json(const json::value& value, unsigned status = 200) {
  return json_response(status, json::serialize(value));
}

std::optional<json::object> parse_object(std::string_view body) {
  if (body.empty()) return json::object{};
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

std::optional<core::SdkAppId> parse_id(std::string_view text) {
  core::SdkAppId id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id == 0 || id > 0xFFFFFFFFull) return std::nullopt;
  return id;
}

HttpResponse list_apps(router::Services& services) {
  json::array apps;
  for (const auto& app : services.apps.list()) apps.push_back(app_to_json(*app));
  return ok_json(json::object{{"apps", std::move(apps)}});
}

HttpResponse create_app(const HttpRequest& request, router::Services& services) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object");
  core::App app;
  if (const auto* id = body->if_contains("sdkappid"); id && !id->is_null()) {
    const auto n = api::as_int(*id);
    if (!n || *n <= 0 || *n > 0xFFFFFFFFll) return problem(400, "sdkappid must be an integer 1..4294967295", "sdkappid");
    app.sdkappid = static_cast<core::SdkAppId>(*n);
    if (services.apps.find(app.sdkappid)) return problem(409, "an app with this sdkappid exists", "sdkappid");
  } else {
    do app.sdkappid = generate_sdkappid();
    while (services.apps.find(app.sdkappid));
  }
  const auto read_string = [&](std::string_view key, std::string& out) -> bool {
    const auto* value = body->if_contains(key);
    if (!value || value->is_null()) return true;
    if (!value->is_string()) return false;
    out = std::string(value->get_string());
    return true;
  };
  if (!read_string("secret_key", app.secret_key)) return problem(400, "secret_key must be a string", "secret_key");
  if (!read_string("admin", app.admin) || !api::valid_user_id(app.admin))
    return problem(400, "admin must be a UserID of 1 to 32 bytes", "admin");
  if (!read_string("public_key_pem", app.public_key_pem))
    return problem(400, "public_key_pem must be a string", "public_key_pem");
  if (!app.public_key_pem.empty() && app.public_key_pem.find("-----BEGIN PUBLIC KEY-----") == std::string::npos)
    return problem(400, "public_key_pem must be a PEM 'PUBLIC KEY' (SPKI)", "public_key_pem");
  const bool secret_given = body->contains("secret_key") && !body->at("secret_key").is_null();
  if (!secret_given && app.public_key_pem.empty()) app.secret_key = generate_secret_key();
  app.created_at = services.clock.now();
  auto saved = services.apps.save(std::move(app));
  services.sig_cache.erase_app(saved->sdkappid);
  return ok_json(app_to_json(*saved), 201);
}

HttpResponse mint_usersig(const HttpRequest& request, router::Services& services, const core::App& app) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object");
  const auto identifier = api::string_field(*body, {"identifier", "UserID"});
  if (!identifier.ok() || identifier.value.empty()) return problem(400, "identifier is required", "identifier");
  const auto expire = api::int_field(*body, {"expire"});
  if (expire.state == api::FieldState::wrong_type || (expire.ok() && expire.value < 0))
    return problem(400, "expire must be a non-negative integer (seconds)", "expire");
  if (app.secret_key.empty())
    return problem(409, "this app has only a public key; mint v1 sigs with `timock usersig gen --private-key`");
  const std::int64_t now = services.clock.now();
  const std::int64_t seconds = expire.ok() ? expire.value : kDefaultSigExpire;
  const auto sig = auth::mint_v2({app.sdkappid, app.secret_key, identifier.value, now, seconds, std::nullopt});
  return ok_json(json::object{{"usersig", sig}, {"expire_at", now + seconds}, {"identifier", identifier.value},
                              {"sdkappid", app.sdkappid}});
}

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

}  // namespace

HttpResponse handle_control(const HttpRequest& request, router::Services& services) {
  if (!services.control_token.empty() && request.control_token != services.control_token)
    return problem(401, "missing or wrong X-Timock-Token header");
  const auto target = router::parse_target(request.target);
  if (!target) return problem(400, "malformed URL");
  const auto parts = target->segments();  // "mock", ...
  const std::string_view method = request.method;
  try {
    if (parts.size() == 2 && parts[1] == "health") {
      if (method != "GET") return problem(405, "use GET");
      return ok_json(json::object{{"status", "ok"}, {"version", TIMOCK_VERSION}});
    }
    if (parts.size() == 2 && parts[1] == "clock") {
      if (method == "GET") return ok_json(clock_json(services.clock));
      if (method == "PUT") return put_clock(request, services.clock);
      return problem(405, "use GET or PUT");
    }
    if (parts.size() == 2 && parts[1] == "apps") {
      if (method == "GET") return list_apps(services);
      if (method == "POST") return create_app(request, services);
      return problem(405, "use GET or POST");
    }
    if (parts.size() >= 3 && parts[1] == "apps") {
      const auto id = parse_id(parts[2]);
      if (!id) return problem(400, "the app id must be an SDKAppID");
      const auto app = services.apps.find(*id);
      if (!app) return problem(404, "no such app");
      if (parts.size() == 3) {
        if (method == "GET") return ok_json(app_to_json(*app));
        return problem(405, "use GET");
      }
      if (parts.size() == 4 && parts[3] == "usersig") {
        if (method != "POST") return problem(405, "use POST");
        return mint_usersig(request, services, *app);
      }
    }
  } catch (const std::exception& error) {
    return problem(500, error.what());
  }
  return problem(404, "no such control-plane route");
}

}  // namespace timock::control
