// Who is online, as the REST API's query_online_status sees it (reference/rest-api.md §3.2). The client
// protocols know; the event hub asks them (core::EventListener::is_online).
#pragma once

#include <string_view>

#include "core/domain.hpp"

namespace timock::core {

class Presence {
 public:
  virtual ~Presence() = default;
  // True when some client instance of `user` is logged in and not kicked.
  virtual bool online(SdkAppId app, std::string_view user) const = 0;
};

}  // namespace timock::core
