// /mock/apps/{id}/callback: where and how timock calls the app's server (reference/rest-api.md §7). The
// configuration is the app's `options.callback`, so it is stored with the app, kept by reset and carried by
// snapshots and fixtures like the other options.
#include <boost/json/value.hpp>

#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/callback_json.hpp"
#include "store/app_registry.hpp"

namespace timock::control {

namespace {

router::HttpResponse callback_state(const core::App& app) {
  return ok_json(core::callback_config_to_json(app.options.callback));
}

std::shared_ptr<const core::App> save_callback(router::Context& services, const core::App& app,
                                               core::CallbackConfig config) {
  core::App updated = app;
  updated.options.callback = std::move(config);
  return services.apps.save(std::move(updated));
}

router::HttpResponse put_callback(const router::HttpRequest& request, router::Context& services,
                                  const core::App& app) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object {url, token?, timeout_ms?, commands?, on_failure?}");
  // DELETE turns callbacks off; a PUT names where they go.
  if (const auto* url = body->if_contains("url"); !url || (url->is_string() && url->get_string().empty()))
    return problem(400, "url is required", "url");
  auto parsed = core::callback_config_from_json(*body);
  if (auto* error = std::get_if<core::CallbackConfigError>(&parsed))
    return problem(400, error->field + " " + error->message, error->field);
  return callback_state(*save_callback(services, app, std::get<core::CallbackConfig>(std::move(parsed))));
}

}  // namespace

router::HttpResponse handle_callback(const router::HttpRequest& request, router::Context& services,
                                     core::SdkAppId id) {
  const auto app = services.apps.find(id);
  if (!app) return problem(404, "no such app");
  const std::string_view method = request.method;
  if (method == "GET") return callback_state(*app);
  if (method == "PUT") return put_callback(request, services, *app);
  if (method == "DELETE") return callback_state(*save_callback(services, *app, {}));
  return problem(405, "use GET, PUT or DELETE");
}

}  // namespace timock::control
