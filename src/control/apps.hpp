// Creating apps: used by POST /mock/apps, by `--app` and by the demo app at start.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/domain.hpp"

namespace timock::control {

// A random SDKAppID in the China-site range (1400xxxxxx) and a 64-hex-character secret, as the console makes.
core::SdkAppId generate_sdkappid();
std::string generate_secret_key();

boost::json::object app_to_json(const core::App& app);

}  // namespace timock::control
