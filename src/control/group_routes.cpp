// GET /mock/apps/{id}/groups?q=&offset=&limit=: the app's groups a page at a time, searched by GroupId or
// name on the server (the web console's group list). REST's get_appid_group_list pages but cannot search, and
// would need a get_group_info per page for the names.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "router/query.hpp"
#include "store/group_directory.hpp"
#include "store/store.hpp"

namespace timock::control {

namespace json = boost::json;

router::HttpResponse handle_groups(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app) {
  if (request.method != "GET") return problem(405, "use GET");
  const auto target = router::parse_target(request.target);
  PageQuery query;
  if (auto refused = read_page_query(*target, query)) return *refused;
  store::GroupPage page;
  {
    auto reading = services.store.read();
    page = store::page_groups(reading.db(), app, query.search, query.offset, query.limit);
  }
  json::array groups;
  for (const auto& group : page.groups)
    groups.push_back(json::object{{"group_id", group.group_id},
                                  {"type", group.type},
                                  {"name", group.name},
                                  {"owner", group.owner},
                                  {"member_num", group.member_num},
                                  {"create_time", group.create_time},
                                  {"last_msg_time", group.last_msg_time}});
  return ok_json(
      json::object{{"total", page.total}, {"offset", query.offset}, {"groups", std::move(groups)}});
}

}  // namespace timock::control
