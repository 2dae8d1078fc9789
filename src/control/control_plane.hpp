// /mock/*: the control plane that test suites drive (DESIGN "Control plane").
#pragma once

#include "router/http_types.hpp"
#include "router/services.hpp"

namespace timock::control {

router::HttpResponse handle_control(const router::HttpRequest& request, router::Services& services);

}  // namespace timock::control
