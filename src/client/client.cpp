#include "client/client.hpp"

namespace timock::client {

api::Reply as_user(const Deps& deps, const Caller& caller, std::string_view service, std::string_view command,
                   boost::json::object body) {
  body["From_Account"] = caller.user;
  const api::CallContext context{caller.app,     caller.user,    deps.store, deps.clock, deps.hub,
                                 caller.instance, caller.callbacks};
  const auto* handler = deps.rest.find(service, command);
  // Every caller names a command REST has; a missing one is a bug, answered as REST answers it, never a crash.
  if (!handler) return api::Reply::error(core::ErrorCode::feature_not_emulated, "no REST command " + std::string(command));
  return (*handler)(context, body);
}

}  // namespace timock::client
