// The Chat SDK's group commands (reference/modern-sdk-groups.md §3): group_open_http_svc.<command> with REST's
// body shapes, so each goes to the client layer's group_command as sent; a Community's commands come on
// million_group_open_http_svc (§2) and go the same way. Also the housekeeping the SDK's group module sends.
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "chatsdk/c2c_commands.hpp"
#include "chatsdk/sessions.hpp"
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

// modern-sdk-groups.md §3.5, §5.4: a live room's join answers HugeGroupFlag 1, and with the app option
// chatsdk_avchatroom_delivery "long_poll" also a LongPollingKey, after which the SDK takes the room's traffic
// from get_msg polls instead of pushes.
Reply apply_join_group(ChatCall& call) {
  auto reply = client::group_command(call.deps(), call.caller(), "apply_join_group", call.body);
  const auto* huge = reply.fields.if_contains("HugeGroupFlag");
  const auto group_id = api::string_field(call.body, {"GroupId"});
  if (reply.code == core::ErrorCode::ok && huge && *huge == 1 && group_id.ok() && call.sessions &&
      call.app.options.chatsdk_avchatroom_delivery == "long_poll")
    if (auto key = call.sessions->watch_room(call.login, group_id.value); !key.empty())
      reply.fields["LongPollingKey"] = std::move(key);
  return reply;
}

// Leaving a room ends its long poll: the member gets none of its traffic any more.
Reply quit_group(ChatCall& call) {
  auto reply = client::group_command(call.deps(), call.caller(), "quit_group", call.body);
  const auto group_id = api::string_field(call.body, {"GroupId"});
  if (reply.code == core::ErrorCode::ok && group_id.ok() && call.sessions)
    call.sessions->unwatch_room(call.login, group_id.value);
  return reply;
}

// §5.4 group_open_long_polling_http_svc.get_msg {USP, StartSeq, StartBroadcastSeq, HoldTime, Key, …}: no
// GroupId, the Key names the room. HoldTime (90) is not taken: the SDK gives up after 15 s.
Reply room_get_msg(ChatCall& call) {
  const auto key = api::string_field(call.body, {"Key"});
  const auto start = api::int_field(call.body, {"StartSeq"});
  if (!key.ok() || start.state == api::FieldState::wrong_type)
    return Reply::error(core::ErrorCode::group_invalid_params, "Key must be a String, StartSeq an Integer");
  if (!call.sessions) return not_emulated(call.frame.servcmd);
  const auto start_seq = static_cast<std::uint64_t>(std::max<std::int64_t>(0, start.ok() ? start.value : 0));
  auto answer = call.sessions->room_poll(call.login, key.value, start_seq,
                                         {call.frame.servcmd, call.frame.seq, call.binary});
  call.parked = std::move(answer.parked);
  return std::move(answer.reply);
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
  table.insert_or_assign("group_open_http_svc.apply_join_group", apply_join_group);
  table.insert_or_assign("group_open_http_svc.quit_group", quit_group);
  table.emplace("group_open_long_polling_http_svc.get_msg", room_get_msg);
  // handleGroupApplication deletes the request's notice afterwards (§3.19); notices are kept in no list here.
  table.emplace("openim.deletemsg", [](ChatCall&) { return Reply::ok(); });
}

}  // namespace timock::chatsdk
