#include "router/router.hpp"

#include "control/control_plane.hpp"

namespace timock::router {

HttpResponse Router::handle(const HttpRequest& request) {
  const std::string_view target = request.target;
  if (target == "/mock" || target.starts_with("/mock/") || target.starts_with("/mock?"))
    return control::handle_control(request, services_);
  return handle_rest(request, services_);
}

}  // namespace timock::router
