// The Chat SDK's group commands (reference/modern-sdk-groups.md §3): group_open_http_svc.<command> with REST's
// body shapes, so each goes to the client layer's group_command as sent; a Community's commands come on
// million_group_open_http_svc (§2) and go the same way. Also the housekeeping the SDK's group module sends.
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "chatsdk/c2c_commands.hpp"
#include "client/groups.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using api::Reply;

namespace {

Reply group_call(ChatCall& call) {
  const std::string_view servcmd = call.frame.servcmd;
  return client::group_command(call.deps(), call.caller(), servcmd.substr(servcmd.find('.') + 1), call.body);
}

// After a reconnect, the groups the SDK does not catch up by history ask for their notices (revocations, §6):
// timock keeps none apart from the history, so each group gets its (empty) list, which the SDK needs.
Reply batch_get_group_notify(ChatCall& call) {
  json::array replies;
  if (const auto list = api::array_field(call.body, {"NotifyReqList"}); list.ok())
    for (const auto& item : *list.value)
      if (const auto* request = item.if_object(); request && request->contains("GroupId"))
        replies.push_back(
            {{"GroupId", request->at("GroupId")}, {"NextMsgTime", 0}, {"NotifyMsgList", json::array{}}});
  return Reply::ok({{"NotifyRspList", std::move(replies)}});
}

}  // namespace

ChatCommand group_service_command(std::string_view servcmd) {
  // The client layer answers the rest of the service: 10007 for the App admin's commands, 10003 for others.
  if (servcmd.starts_with("group_open_http_svc.") || servcmd.starts_with("million_group_open_http_svc."))
    return group_call;
  return nullptr;
}

void add_group_commands(std::map<std::string, ChatCommand, std::less<>>& table) {
  for (const auto name : client::group_command_names()) {
    table.emplace("group_open_http_svc." + std::string(name), group_call);
    // A Community's own joined list is its twin's: every group is in the first one already, so the twin is
    // empty (§7: an empty list or 11000); its other commands act on the community as on any group.
    if (name != "get_joined_group_list") table.emplace("million_group_open_http_svc." + std::string(name), group_call);
  }
  table.emplace("million_group_open_http_svc.get_joined_group_list",
                [](ChatCall&) { return Reply::ok({{"GroupIdList", json::array{}}, {"TotalCount", 0}}); });
  table.emplace("group_open_http_svc.batch_get_group_notify", batch_get_group_notify);
  // handleGroupApplication deletes the request's notice afterwards (§3.19); notices are kept in no list here.
  table.emplace("openim.deletemsg", [](ChatCall&) { return Reply::ok(); });
}

}  // namespace timock::chatsdk
