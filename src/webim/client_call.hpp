// One WebIM client call after its session was checked: who is calling and what they sent.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "client/registry.hpp"
#include "router/http_types.hpp"
#include "router/context.hpp"

namespace timock::router {
struct ParsedTarget;
}

namespace timock::webim {

class Sessions;

struct ClientCall {
  router::Context& context;
  client::Registry& clients;
  Sessions& sessions;
  const core::App& app;
  std::string user;  // the logged-in identifier (for login: the one being logged in)
  client::Instance instance;  // the caller's instance (empty for login)
  const boost::json::object& body;
  const router::ParsedTarget& target;
  // The call's third-party callbacks (reference/rest-api.md §7), sent by the gateway.
  callback::Callbacks* callbacks = nullptr;

  client::Deps deps() const {
    return {context.store, context.clock, &context.hub, context.commands, context.sig_cache};
  }
  client::Caller caller() const { return {app, user, instance.a2, callbacks}; }
};

// A command answers with a Reply (enveloped by the gateway) or, for long polls, a ready HttpResponse.
struct ClientReply {
  api::Reply reply;
  std::optional<router::HttpResponse> raw;
};

using ClientCommand = std::function<ClientReply(ClientCall&)>;

// "service/command" → command, for calls authenticated by tinyid + a2.
const std::map<std::string, ClientCommand, std::less<>>& session_commands();
// Adds the group_open_http_svc commands (reference/webim-groups.md §2) to `table`.
void add_group_commands(std::map<std::string, ClientCommand, std::less<>>& table);
// openim/login: checks the UserSig and opens an instance.
ClientReply login(ClientCall& call, std::string_view usersig);

}  // namespace timock::webim
