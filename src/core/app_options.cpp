#include "core/app_options.hpp"

#include <boost/json/value.hpp>

#include "core/callback_json.hpp"
#include "core/quota_json.hpp"

namespace timock::core {

boost::json::object options_to_json(const AppOptions& options) {
  return {{"reject_unimported_login", options.reject_unimported_login},
          {"webim_delivery", options.webim_delivery},
          {"chatsdk_avchatroom_delivery", options.chatsdk_avchatroom_delivery},
          {"quotas", quota_config_to_json(options.quotas)},
          {"callback", callback_config_to_json(options.callback)}};
}

std::optional<AppOptions> options_from_json(const boost::json::value& value, std::string& error) {
  AppOptions options;
  if (value.is_null()) return options;
  if (!value.is_object()) {
    error = "options must be an object";
    return std::nullopt;
  }
  for (const auto& [key, field] : value.get_object()) {
    if (key == "reject_unimported_login") {
      if (!field.is_bool()) {
        error = "options.reject_unimported_login must be true or false";
        return std::nullopt;
      }
      options.reject_unimported_login = field.get_bool();
    } else if (key == "webim_delivery") {
      if (!field.is_string() || (field.get_string() != "inline" && field.get_string() != "notify")) {
        error = "options.webim_delivery must be \"inline\" or \"notify\"";
        return std::nullopt;
      }
      options.webim_delivery = std::string(field.get_string());
    } else if (key == "chatsdk_avchatroom_delivery") {
      if (!field.is_string() || (field.get_string() != "push" && field.get_string() != "long_poll")) {
        error = "options.chatsdk_avchatroom_delivery must be \"push\" or \"long_poll\"";
        return std::nullopt;
      }
      options.chatsdk_avchatroom_delivery = std::string(field.get_string());
    } else if (key == "quotas") {
      auto quotas = quota_config_from_json(field);
      if (auto* bad = std::get_if<QuotaConfigError>(&quotas)) {
        error = "options.quotas" + (bad->field.empty() ? "" : "." + bad->field) + " " + bad->message;
        return std::nullopt;
      }
      options.quotas = std::get<QuotaConfig>(std::move(quotas));
    } else if (key == "callback") {
      auto callback = callback_config_from_json(field);
      if (auto* bad = std::get_if<CallbackConfigError>(&callback)) {
        error = "options.callback" + (bad->field.empty() ? "" : "." + bad->field) + " " + bad->message;
        return std::nullopt;
      }
      options.callback = std::get<CallbackConfig>(std::move(callback));
    } else {
      error = "unknown option options." + std::string(key);
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace timock::core
