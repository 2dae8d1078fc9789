// /mock/apps and /mock/apps/{id}[/reset|/usersig|/snapshot]: isolated apps, their keys and their state.
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"
#include "control/apps.hpp"
#include "control/control_plane.hpp"
#include "control/fixture_format.hpp"
#include "control/replies.hpp"
#include "core/app_options.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "core/fault_rules.hpp"
#include "core/journal.hpp"
#include "core/quota_meter.hpp"
#include "store/app_registry.hpp"

namespace timock::control {

namespace json = boost::json;
using router::HttpRequest;
using router::HttpResponse;

namespace {

// 180 days: the default validity of Tencent's UserSig generators (reference/usersig.md §2.1).
constexpr std::int64_t kDefaultSigExpire = 15552000;

HttpResponse create_app(const HttpRequest& request, router::Context& services) {
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
  if (!app.public_key_pem.empty() && !auth::is_v1_public_key(app.public_key_pem))
    return problem(400, "public_key_pem must be an EC public key in PEM (SPKI, 'BEGIN PUBLIC KEY')",
                   "public_key_pem");
  if (const auto* options = body->if_contains("options")) {
    std::string error;
    auto parsed = core::options_from_json(*options, error);
    if (!parsed) return problem(400, error, "options");
    app.options = *parsed;
  }
  // An app with only a public key (v1 sigs) gets no secret unless one is asked for.
  if (app.secret_key.empty() && app.public_key_pem.empty()) app.secret_key = generate_secret_key();
  app.created_at = services.clock.now();
  auto saved = services.apps.save(std::move(app));
  services.sig_cache.erase_app(saved->sdkappid);
  return ok_json(app_to_json(*saved), 201);
}

HttpResponse mint_usersig(const HttpRequest& request, router::Context& services, const core::App& app) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object");
  const auto identifier = api::string_field(*body, {"identifier", "UserID"});
  if (!identifier.ok() || identifier.value.empty()) return problem(400, "identifier is required", "identifier");
  const auto expire = api::int_field(*body, {"expire"});
  if (expire.state == api::FieldState::wrong_type || (expire.ok() && (expire.value < 0 || expire.value > 0xFFFFFFFFll)))
    return problem(400, "expire must be seconds, 0 to 4294967295", "expire");
  if (app.secret_key.empty())
    return problem(409, "this app has only a public key; mint v1 sigs with `timock usersig gen --private-key`");
  const std::int64_t now = services.clock.now();
  const std::int64_t seconds = expire.ok() ? expire.value : kDefaultSigExpire;
  const auto sig = auth::mint_v2({app.sdkappid, app.secret_key, identifier.value, now, seconds, std::nullopt});
  return ok_json(json::object{{"usersig", sig}, {"expire_at", now + seconds}, {"identifier", identifier.value},
                              {"sdkappid", app.sdkappid}});
}

// Forget everything kept in memory about an app (sigs verified with its keys, faults, journal, quota
// counters). Its quota configuration is one of its options: reset keeps it, delete takes it with the app.
void forget_app(router::Context& services, core::SdkAppId id) {
  services.hub.app_reset(id);
  services.sig_cache.erase_app(id);
  services.faults.clear(id);
  services.quotas.clear(id);
  services.journal.clear(id);
}

HttpResponse put_snapshot(const HttpRequest& request, router::Context& services, core::SdkAppId id) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object: one app, or {\"apps\": [one app]}");
  json::value app_json = *body;
  std::string path = "$";
  if (const auto* apps = body->if_contains("apps")) {
    if (!apps->is_array() || apps->get_array().size() != 1) return problem(400, "apps must hold exactly one app", "$.apps");
    app_json = apps->get_array()[0];
    path = "$.apps[0]";
  }
  // The path names the app: a snapshot of one app can be loaded into another.
  if (app_json.is_object()) app_json.get_object()["sdkappid"] = id;
  auto parsed = snapshot_from_json(app_json, path, services.clock.now());
  if (auto* error = std::get_if<FixtureError>(&parsed)) return problem(400, error->message, error->path);
  const auto published = services.apps.replace({std::get<core::AppSnapshot>(parsed)});
  services.sig_cache.erase_app(id);
  // The app as loaded (a DELETE racing this PUT may already have removed it from the registry again).
  return ok_json(json::object{{"apps", json::array{snapshot_to_json(services.apps.snapshot(*published.front()))}}});
}

}  // namespace

HttpResponse handle_apps(const HttpRequest& request, router::Context& services) {
  if (request.method == "GET") {
    json::array apps;
    for (const auto& app : services.apps.list()) apps.push_back(app_to_json(*app));
    return ok_json(json::object{{"apps", std::move(apps)}});
  }
  if (request.method == "POST") return create_app(request, services);
  return problem(405, "use GET or POST");
}

HttpResponse handle_app(const HttpRequest& request, router::Context& services, core::SdkAppId id,
                        std::string_view sub_route) {
  const std::string_view method = request.method;
  if (sub_route == "snapshot") {
    if (method == "PUT") return put_snapshot(request, services, id);
    if (method != "GET") return problem(405, "use GET or PUT");
    const auto app = services.apps.find(id);
    if (!app) return problem(404, "no such app");
    return ok_json(json::object{{"apps", json::array{snapshot_to_json(services.apps.snapshot(*app))}}});
  }
  const auto app = services.apps.find(id);
  if (!app) return problem(404, "no such app");
  if (sub_route.empty()) {
    if (method == "GET") return ok_json(app_to_json(*app));
    if (method == "DELETE") {
      services.apps.remove(id);
      forget_app(services, id);
      return ok_json(json::object{{"deleted", id}});
    }
    return problem(405, "use GET or DELETE");
  }
  if (sub_route == "reset") {
    if (method != "POST") return problem(405, "use POST");
    services.apps.reset(id);
    forget_app(services, id);
    return ok_json(app_to_json(*app));
  }
  if (sub_route == "usersig") {
    if (method != "POST") return problem(405, "use POST");
    return mint_usersig(request, services, *app);
  }
  return problem(404, "no such control-plane route");
}

}  // namespace timock::control
