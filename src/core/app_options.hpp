// AppOptions to and from JSON ({"reject_unimported_login": bool, "webim_delivery": "inline"|"notify",
// "chatsdk_avchatroom_delivery": "push"|"long_poll",
// "quotas": see core/quota_json.hpp,
// "callback": see core/callback_json.hpp}).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/domain.hpp"

namespace timock::core {

boost::json::object options_to_json(const AppOptions& options);
// nullopt with `error` naming the bad field.
std::optional<AppOptions> options_from_json(const boost::json::value& value, std::string& error);

}  // namespace timock::core
