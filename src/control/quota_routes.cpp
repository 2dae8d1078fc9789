// /mock/apps/{id}/quotas: read, set and turn off the app's quotas (reference/rest-api.md §8's per-API
// frequency limits). The configuration is the app's `options.quotas`, so it is stored with the app, kept by
// reset and carried by snapshots; the counters live in memory (core::QuotaMeter).
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/clock.hpp"
#include "core/quota_json.hpp"
#include "core/quota_meter.hpp"
#include "store/app_registry.hpp"

namespace timock::control {

namespace json = boost::json;

namespace {

json::value limit_json(const std::optional<std::int64_t>& limit) {
  return limit ? json::value(*limit) : json::value(nullptr);
}

json::object counters_json(const core::QuotaUsage& usage) {
  json::object commands;
  for (const auto& command : usage.commands) {
    json::object one{{"per_second", limit_json(command.limits.per_second)},
                     {"calls_this_second", command.calls_this_second}};
    const auto slash = command.command.find('/');
    if (core::counts_recipients(std::string_view(command.command).substr(0, slash),
                                std::string_view(command.command).substr(slash + 1))) {
      one["recipients_per_minute"] = limit_json(command.limits.recipients_per_minute);
      one["recipients_this_minute"] = command.recipients_this_minute;
    }
    one["rejected"] = command.rejected;
    commands[command.command] = std::move(one);
  }
  return {{"now", usage.now},
          {"calls_this_second", usage.calls_this_second},
          {"rejected", usage.rejected},
          {"commands", std::move(commands)}};
}

// The configuration as PUT takes it, plus the live counters of the current windows.
router::HttpResponse quota_state(router::Context& services, const core::App& app) {
  auto out = core::quota_config_to_json(app.options.quotas);
  out["counters"] =
      counters_json(services.quotas.usage(app.sdkappid, app.options.quotas, services.clock.now()));
  return ok_json(out);
}

std::shared_ptr<const core::App> save_quotas(router::Context& services, const core::App& app,
                                             core::QuotaConfig quotas) {
  core::App updated = app;
  updated.options.quotas = std::move(quotas);
  // Turning quotas off forgets the traffic counted so far; turning them on again starts from empty windows.
  if (!updated.options.quotas.enabled) services.quotas.clear(app.sdkappid);
  return services.apps.save(std::move(updated));
}

router::HttpResponse put_quotas(const router::HttpRequest& request, router::Context& services,
                                const core::App& app) {
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object {enabled?, app_per_second?, limits?}");
  auto parsed = core::quota_config_from_json(*body);
  if (auto* error = std::get_if<core::QuotaConfigError>(&parsed))
    return problem(400, error->field + " " + error->message, error->field);
  auto quotas = std::get<core::QuotaConfig>(std::move(parsed));
  // A typo in a command name would otherwise be a limit that never applies.
  for (const auto& [key, limits] : quotas.limits) {
    const auto slash = key.find('/');
    if (!services.commands.find(std::string_view(key).substr(0, slash),
                                std::string_view(key).substr(slash + 1)))
      return problem(400, "limits." + key + " is not a REST command timock answers", "limits." + key);
  }
  return quota_state(services, *save_quotas(services, app, std::move(quotas)));
}

}  // namespace

router::HttpResponse handle_quotas(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId id) {
  const auto app = services.apps.find(id);
  if (!app) return problem(404, "no such app");
  const std::string_view method = request.method;
  if (method == "GET") return quota_state(services, *app);
  if (method == "PUT") return put_quotas(request, services, *app);
  if (method == "DELETE") return quota_state(services, *save_quotas(services, *app, {}));
  return problem(405, "use GET, PUT or DELETE");
}

}  // namespace timock::control
