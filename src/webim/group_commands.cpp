// The WebIM 1.7 client's group calls (reference/webim-groups.md §2): group_open_http_svc/<command> with the
// SDK's bodies, each run by the client layer's group_command as the logged-in user. This file only translates
// what WebIM 1.7 names differently: its MsgPriority words, the old ShutUp* names, the SelfInfo its apps read,
// and its tip items.
#include <algorithm>
#include <boost/json/value.hpp>
#include <optional>

#include "api/fields.hpp"
#include "client/groups.hpp"
#include "webim/client_call.hpp"
#include "webim/message_item.hpp"
#include "webim/sessions.hpp"

namespace timock::webim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

constexpr std::string_view kService = "group_open_http_svc";

// §3: the SDK never stores what it sends to a group; it shows its own message only when the long poll brings
// it back, to every instance of the sender, the sending one included. So a WebIM group call names no origin
// instance (client::Caller::instance), and what it causes reaches the caller's own poll too.
client::Caller group_caller(const ClientCall& call) {
  return {call.app, call.user, {}, call.callbacks};
}

ClientReply answer(api::Reply reply) {
  return {std::move(reply), std::nullopt};
}

// §3, §4.2: the client's MsgPriority words are REST's priorities (pushes carry them back as 1, 2, 3).
std::optional<std::string_view> rest_priority(std::string_view word) {
  if (word == "REDPACKET") return "High";
  if (word == "COMMON") return "Normal";
  if (word == "LOVEMSG") return "Low";
  return std::nullopt;
}

// §2: the 1.7 demos read ShutUpAllMember (REST: MuteAllMember).
void add_old_names(json::value& list) {
  if (!list.is_array()) return;
  for (auto& value : list.get_array())
    if (auto* info = value.if_object())
      if (const auto* mute_all = info->if_contains("MuteAllMember")) (*info)["ShutUpAllMember"] = *mute_all;
}

ClientReply group_call(ClientCall& call, std::string_view command, json::object body) {
  auto reply = client::group_command(call.deps(), group_caller(call), command, std::move(body));
  if (reply.code == ErrorCode::ok)
    for (std::string_view list : {"GroupIdList", "GroupInfo"})
      if (auto* value = reply.fields.if_contains(list)) add_old_names(*value);
  return answer(std::move(reply));
}

ClientReply send_group_msg(ClientCall& call) {
  json::object body = call.body;
  if (const auto* priority = body.if_contains("MsgPriority"); priority && priority->is_string())
    if (const auto rest = rest_priority(priority->get_string())) body["MsgPriority"] = *rest;
  return group_call(call, "send_group_msg", std::move(body));
}

// The SelfInfo fields a 1.7 app reads of its groups (§2: Role, MsgFlag, JoinTime; it crashes without
// SelfInfo).
json::array self_info_filter() {
  return {"Role", "JoinTime", "MsgFlag", "MsgSeq", "NameCard", "ShutUpUntil", "UnreadMsgNum"};
}

ClientReply get_joined_group_list(ClientCall& call) {
  json::object body = call.body;
  // Login asks for NextMsgSeq only (webim-protocol.md §4.4); every answer carries SelfInfo. A ResponseFilter
  // that is not an object goes through as sent, for REST's 10004.
  auto& filter = body["ResponseFilter"];
  if (filter.is_null()) filter = json::object{};
  if (auto* filters = filter.if_object()) {
    if (!filters->contains("SelfInfoFilter")) (*filters)["SelfInfoFilter"] = self_info_filter();
    // Other builds of the 1.7 SDK send login's GroupBaseInfoFilter beside ResponseFilter, not in it.
    if (const auto* base = body.if_contains("GroupBaseInfoFilter");
        base && !filters->contains("GroupBaseInfoFilter"))
      (*filters)["GroupBaseInfoFilter"] = *base;
  }
  return group_call(call, "get_joined_group_list", std::move(body));
}

// §5: the items as the long poll pushes them (ToGroupId, GroupInfo, tips as Event 4 with an object MsgBody),
// newest first; IsFinished ends the app's paging.
ClientReply group_msg_get(ClientCall& call) {
  auto reply = client::group_command(call.deps(), group_caller(call), "group_msg_get", call.body);
  if (reply.code == ErrorCode::ok)
    if (auto* list = reply.fields.if_contains("RspMsgList"); list && list->is_array())
      for (auto& item : list->get_array())
        if (item.is_object()) item = as_webim_group_item(std::move(item.get_object()));
  return answer(std::move(reply));
}

// §8 applyJoinBigGroup: joining a live room must answer a LongPollingKey, or the SDK fails the join (-12);
// the instance then polls that room with get_msg, and the room's traffic leaves its ordinary poll.
ClientReply apply_join_group(ClientCall& call) {
  auto reply = client::group_command(call.deps(), group_caller(call), "apply_join_group", call.body);
  const auto* huge = reply.fields.if_contains("HugeGroupFlag");
  const auto group_id = api::string_field(call.body, {"GroupId"});
  if (reply.code == ErrorCode::ok && huge && *huge == 1 && group_id.ok()) {
    reply.fields["LongPollingKey"] = call.sessions.watch_room(call.instance, group_id.value);
  }
  return answer(std::move(reply));
}

// §8: v1/group_open_long_polling_http_noauth_svc/get_msg {USP, StartSeq, HoldTime, Key} of a logged-in
// client.
ClientReply room_get_msg(ClientCall& call) {
  const auto key = api::string_field(call.body, {"Key"});
  const auto start = api::int_field(call.body, {"StartSeq"});
  if (!key.ok() || start.state == api::FieldState::wrong_type)
    return answer(
        api::Reply::error(ErrorCode::group_invalid_params, "Key must be a String, StartSeq an Integer"));
  const auto start_seq = static_cast<std::uint64_t>(std::max<std::int64_t>(0, start.ok() ? start.value : 0));
  return {api::Reply::ok(), call.sessions.room_poll(call.instance, key.value, start_seq)};
}

}  // namespace

void add_group_commands(std::map<std::string, ClientCommand, std::less<>>& table) {
  const std::string prefix = std::string(kService) + "/";
  for (const auto name : client::group_command_names())
    table.emplace(prefix + std::string(name), [command = std::string(name)](ClientCall& call) {
      return group_call(call, command, call.body);
    });
  table.insert_or_assign(prefix + "send_group_msg", send_group_msg);
  table.insert_or_assign(prefix + "get_joined_group_list", get_joined_group_list);
  table.insert_or_assign(prefix + "group_msg_get", group_msg_get);
  table.insert_or_assign(prefix + "apply_join_group", apply_join_group);
  table.emplace("group_open_long_polling_http_noauth_svc/get_msg", room_get_msg);
  // deleteApplyJoinGroupPendency deletes a join request's notice (§2); timock keeps notices in no list.
  table.emplace("openim/deletemsg", [](ClientCall&) { return answer(api::Reply::ok()); });
}

}  // namespace timock::webim
