#include "client/client.hpp"

namespace timock::client {

api::Reply as_user(const Deps& deps, const Caller& caller, std::string_view service, std::string_view command,
                   boost::json::object body) {
  body["From_Account"] = caller.user;
  const api::CallContext context{caller.app, caller.user, deps.store, deps.clock, deps.hub, caller.instance};
  return (*deps.rest.find(service, command))(context, body);
}

}  // namespace timock::client
