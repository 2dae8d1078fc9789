#include "core/callback_json.hpp"

#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>

namespace timock::core {

namespace json = boost::json;

namespace {

// A day: far past any receiver a test would wait for, and small enough that timers stay sane.
constexpr std::int64_t kMaxTimeoutMs = 24 * 3600 * 1000;
// The longest URL we keep; a callback URL is a host and a path.
constexpr std::size_t kMaxUrlBytes = 2048;

bool is_http_url(std::string_view text) {
  if (text.size() > kMaxUrlBytes) return false;
  const auto url = boost::urls::parse_absolute_uri(text);
  if (!url) return false;
  return (url->scheme() == "http" || url->scheme() == "https") && !url->encoded_host().empty();
}

}  // namespace

json::object callback_config_to_json(const CallbackConfig& config) {
  json::array commands;
  for (const auto& command : config.commands) commands.emplace_back(command);
  return {{"url", config.url},
          {"token", config.token},
          {"timeout_ms", config.timeout_ms},
          {"commands", std::move(commands)},
          {"on_failure", config.deny_on_failure ? "deny" : "allow"}};
}

std::variant<CallbackConfig, CallbackConfigError> callback_config_from_json(const json::value& value) {
  CallbackConfig config;
  if (value.is_null()) return config;
  if (!value.is_object()) return CallbackConfigError{"", "must be an object {url, token?, timeout_ms?, commands?, on_failure?}"};
  for (const auto& [key, field] : value.get_object()) {
    if (key == "url") {
      // "" turns callbacks off (what an export of an app without them says).
      if (!field.is_string() || (!field.get_string().empty() && !is_http_url(field.get_string())))
        return CallbackConfigError{"url", "must be an http:// or https:// URL with a host"};
      config.url = std::string(field.get_string());
    } else if (key == "token") {
      if (!field.is_string()) return CallbackConfigError{"token", "must be a string"};
      config.token = std::string(field.get_string());
    } else if (key == "timeout_ms") {
      if (!field.is_int64() || field.get_int64() < 1 || field.get_int64() > kMaxTimeoutMs)
        return CallbackConfigError{"timeout_ms", "must be an integer from 1 to 86400000"};
      config.timeout_ms = field.get_int64();
    } else if (key == "commands") {
      if (!field.is_array()) return CallbackConfigError{"commands", "must be an array of CallbackCommand names"};
      for (const auto& command : field.get_array()) {
        if (!command.is_string() || command.get_string().empty())
          return CallbackConfigError{"commands", "must be an array of CallbackCommand names"};
        config.commands.emplace(command.get_string());
      }
    } else if (key == "on_failure") {
      if (!field.is_string() || (field.get_string() != "allow" && field.get_string() != "deny"))
        return CallbackConfigError{"on_failure", "must be \"allow\" or \"deny\""};
      config.deny_on_failure = field.get_string() == "deny";
    } else {
      return CallbackConfigError{std::string(key), "is not a callback setting"};
    }
  }
  // An empty object (or one without url) turns callbacks off; anything else needs the url.
  if (config.url.empty() && (!config.token.empty() || !config.commands.empty()))
    return CallbackConfigError{"url", "is required"};
  return config;
}

}  // namespace timock::core
