// GET /mock/apps/{id}/online?q=&offset=&limit=: who is logged in, on which client protocol and instance (the
// web console's Online view). Read from the client registry through core::OnlineDirectory; logins live in
// memory, so the list is the server's run's. A page at a time, by UserID, like the accounts.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/online.hpp"
#include "router/query.hpp"

namespace timock::control {

namespace json = boost::json;

router::HttpResponse handle_online(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app) {
  if (request.method != "GET") return problem(405, "use GET");
  const auto target = router::parse_target(request.target);
  PageQuery query;
  if (auto refused = read_page_query(*target, query)) return *refused;
  core::OnlinePage page;
  if (services.online)
    page = services.online->online_users(app, query.search, static_cast<std::size_t>(query.offset),
                                         static_cast<std::size_t>(query.limit));
  json::array users;
  for (const auto& user : page.users) {
    json::array instances;
    bool connected = false;
    for (const auto& instance : user.instances) {
      connected = connected || instance.connected;
      instances.push_back(json::object{{"protocol", instance.protocol},
                                       {"inst_id", instance.inst_id},
                                       {"platform", instance.platform},
                                       {"login_time", instance.login_time},
                                       {"last_active", instance.last_active},
                                       {"sig_expires_at", instance.sig_expires_at},
                                       {"connected", instance.connected}});
    }
    // The user's status as the Chat SDK's getUserStatus names it: online with a live connection, offline when
    // logged in without one (a closed socket).
    users.push_back(json::object{{"user_id", user.user_id},
                                 {"status", connected ? "online" : "offline"},
                                 {"instances", std::move(instances)}});
  }
  return ok_json(json::object{{"total", static_cast<std::int64_t>(page.total)},
                              {"offset", query.offset},
                              {"users", std::move(users)}});
}

}  // namespace timock::control
