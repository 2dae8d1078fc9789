// CallbackConfig to and from JSON: {url, token?, timeout_ms?, commands?, on_failure? ("allow"|"deny")}.
#pragma once

#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <variant>

#include "core/callback_config.hpp"

namespace timock::core {

// What is wrong with a configuration: the field's name and why.
struct CallbackConfigError {
  std::string field;
  std::string message;
  bool operator==(const CallbackConfigError&) const = default;
};

boost::json::object callback_config_to_json(const CallbackConfig& config);
std::variant<CallbackConfig, CallbackConfigError> callback_config_from_json(const boost::json::value& value);

}  // namespace timock::core
