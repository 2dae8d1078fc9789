// The client commands the seed's pages use (reference/webim-protocol.md §4), plus the login: each reads its
// WebIM fields, calls the client layer (client/) and writes the WebIM reply.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "api/fields.hpp"
#include "client/client.hpp"
#include "client/conversations.hpp"
#include "client/directory.hpp"
#include "client/login.hpp"
#include "client/messages.hpp"
#include "core/clock.hpp"
#include "core/json_text.hpp"
#include "router/query.hpp"
#include "webim/client_call.hpp"
#include "webim/message_item.hpp"
#include "webim/sessions.hpp"

namespace timock::webim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

ClientReply ok(json::object fields = {}) { return {api::Reply::ok(std::move(fields)), std::nullopt}; }

ClientReply portrait_get(ClientCall& call) {
  const auto to = api::array_field(call.body, {"To_Account"});
  std::vector<std::string_view> ids;
  if (to.ok())
    for (const auto& id : *to.value)
      if (id.is_string()) ids.push_back(id.get_string());
  const auto found = client::profiles(call.deps(), call.app, ids);
  json::array items, invalid;
  for (const auto& p : found.found)
    items.push_back({{"To_Account", p.user_id},
                     {"ResultCode", 0},
                     {"ResultInfo", ""},
                     {"ProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", p.nick}},
                                                 json::object{{"Tag", "Tag_Profile_IM_Image"}, {"Value", p.face_url}}}}});
  for (const auto& id : found.invalid) invalid.emplace_back(id);
  return ok({{"UserProfileItem", std::move(items)}, {"Fail_Account", json::array{}}, {"Invalid_Account", std::move(invalid)}});
}

ClientReply getlongpollingid(ClientCall& call) {
  const auto id = call.sessions.new_long_polling_id(call.instance);
  const auto hold_s = std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::seconds>(call.sessions.hold()).count());
  return ok({{"LongPollingId", id}, {"Timeout", hold_s}});
}

ClientReply longpolling(ClientCall& call) {
  const auto cookie = api::object_field(call.body, {"Cookie"});
  std::string_view long_polling_id;
  std::int64_t notice = 0, notify = 0;
  if (cookie.ok()) {
    if (auto id = api::string_field(*cookie.value, {"LongPollingId"}); id.ok()) long_polling_id = id.value;
    if (auto n = api::int_field(*cookie.value, {"NoticeSeq"}); n.ok()) notice = n.value;
    if (auto n = api::int_field(*cookie.value, {"NotifySeq"}); n.ok()) notify = n.value;
  }
  const bool notify_mode = call.app.options.webim_delivery == "notify";
  const PollCursors cursors{static_cast<std::uint64_t>(std::max<std::int64_t>(0, notice)),
                            static_cast<std::uint64_t>(std::max<std::int64_t>(0, notify))};
  auto response = call.sessions.long_poll(call.instance, long_polling_id, cursors, notify_mode);
  return {api::Reply::ok(), std::move(response)};
}

ClientReply getmsg(ClientCall& call) {
  const auto cookie = api::string_field(call.body, {"Cookie"});
  // §4.9: a first sync brings what is unread (the seed turns each into an unread badge), then pages.
  const auto page = client::sync_page(call.deps(), call.caller(), cookie.ok() ? cookie.value : "", {.senders = true});
  std::vector<std::string> list;
  list.reserve(page.messages.size());
  for (const auto& m : page.messages) list.push_back(message_item_json(m, page.senders.at(m.from_account)));
  auto reply = api::Reply::ok({{"Cookie", page.next_cookie}, {"SyncFlag", page.more ? 1 : 0}, {"MsgCount", list.size()}});
  reply.raw_fields.emplace_back("MsgList", core::array_json(list));
  return {std::move(reply), std::nullopt};
}

ClientReply sendmsg(ClientCall& call) { return {client::send(call.deps(), call.caller(), call.body, {}), std::nullopt}; }

ClientReply getroammsg(ClientCall& call) {
  // §4.11/§8: ascending pages, never Complete 0 with a short page (the SDK would loop asking for the rest).
  const auto page = client::history_page(call.deps(), call.caller(), client::history_query_of(call.body), true);
  if (!page.ok()) return {*page.error, std::nullopt};
  std::vector<std::string> list;
  list.reserve(page.value.messages.size());
  for (const auto& m : page.value.messages)
    list.push_back(message_item_json(m, page.value.senders.at(m.from_account)));
  return {client::history_reply(page.value, list), std::nullopt};
}

ClientReply msgreaded(ClientCall& call) { return {client::mark_read(call.deps(), call.caller(), call.body), std::nullopt}; }

std::string msg_show(const std::string& body_json) {
  // What a conversation list shows for the last message: its text, or a placeholder per element type.
  boost::system::error_code ec;
  const auto body = json::parse(body_json, ec);
  if (ec || !body.is_array()) return {};
  std::string show;
  for (const auto& value : body.get_array()) {
    const auto* element = value.if_object();
    const auto* type_value = element ? element->if_contains("MsgType") : nullptr;
    const auto* content = element ? element->if_contains("MsgContent") : nullptr;
    const std::string_view type = type_value && type_value->is_string() ? type_value->get_string() : "";
    const auto* text = content && content->is_object() ? content->get_object().if_contains("Text") : nullptr;
    if (type == "TIMTextElem") show += text && text->is_string() ? std::string(text->get_string()) : std::string();
    else if (type == "TIMFaceElem") show += "[表情]";
    else if (type == "TIMLocationElem") show += "[位置]";
    else if (type == "TIMImageElem") show += "[图片]";
    else if (type == "TIMSoundElem") show += "[语音]";
    else if (type == "TIMFileElem") show += "[文件]";
    else if (type == "TIMVideoFileElem") show += "[视频]";
    else if (type == "TIMCustomElem") show += "[自定义消息]";
    else show += "[消息]";
  }
  return show;
}

json::object c2c_session_item(const client::ConversationView& c) {
  return {{"Type", c.type},
          {"To_Account", c.target},
          {"MsgTimeStamp", c.last->msg_time},
          {"MsgSeq", c.last->msg_seq},
          {"MsgRandom", c.last->msg_random},
          {"MsgShow", msg_show(c.last->body_json)},
          {"UnreadMsgCount", c.unread},
          {"C2cNick", c.nick},
          {"C2cImage", c.face_url}};
}

// A group's row (webim-groups.md §7): the demo's field names, ToAccount without an underscore; its last entry's
// sender (@TIM#SYSTEM for a tip, which the demo skips); the member's unread and read seq.
json::object group_session_item(const client::GroupConversationView& c) {
  const auto& m = *c.last;
  const bool tip = m.kind == core::GroupMessageKind::tip;
  return {{"Type", 2},
          {"ToAccount", c.group.group_id},
          {"GroupNick", c.group.name},
          {"GroupImage", c.group.face_url},
          {"MsgGroupFrom_Account", m.from_account},
          {"MsgGroupFromCardName", c.last_sender_name_card},
          {"MsgGroupFromNickName", c.last_sender_nick},
          {"MsgSeq", m.msg_seq},
          {"MsgRandom", m.msg_random},
          {"MsgTimeStamp", m.msg_time},
          {"MsgShow", tip ? std::string("[群提示]") : m.recalled() ? std::string() : msg_show(m.body_json)},
          {"UnreadMsgCount", c.unread},
          {"MsgGroupReadedSeq", c.self.read_seq}};
}

ClientReply recentcontact_get(ClientCall& call) {
  const auto count = api::int_field(call.body, {"Count"});
  const std::int64_t limit =
      std::min(count.ok() && count.value > 0 ? count.value : client::kMaxRecentContacts, client::kMaxRecentContacts);
  // Both kinds, newest first (a C2C row first when the times are equal), at most `limit`.
  const auto c2c = client::recent_conversations(call.deps(), call.caller(), limit);
  const auto groups = client::recent_group_conversations(call.deps(), call.caller(), limit);
  json::array items;
  auto next_c2c = c2c.begin();
  auto next_group = groups.begin();
  while (static_cast<std::int64_t>(items.size()) < limit && (next_c2c != c2c.end() || next_group != groups.end())) {
    const bool group_next = next_group != groups.end() &&
                            (next_c2c == c2c.end() || next_group->last->msg_time > next_c2c->last->msg_time);
    if (group_next) items.push_back(group_session_item(*next_group++));
    else items.push_back(c2c_session_item(*next_c2c++));
  }
  return ok({{"SessionItem", std::move(items)}, {"CompleteFlag", 1}});
}

ClientReply friend_get_all(ClientCall& call) {
  json::array items;
  for (const auto& f : client::friends(call.deps(), call.caller()))
    items.push_back({{"Info_Account", f.profile.user_id},
                     {"SnsProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", f.profile.nick}},
                                                    json::object{{"Tag", "Tag_SNS_IM_Remark"}, {"Value", f.remark}}}}});
  const auto n = items.size();
  // The whole list in one page (client::kMaxFriends).
  return ok({{"NeedUpdateAll", "Need_Update_All_Yes"}, {"TimeStampNew", call.context.clock.now()}, {"StartIndex", 0},
             {"CompleteFlag", 1}, {"FriendNum", n}, {"CurrentStandardSequence", 1}, {"InfoItem", std::move(items)}});
}

// WebIM 1.7's friend, request and blacklist calls (webim-protocol.md §2: sns on v4): REST sns's command of the same
// name, run as the logged-in user (client::sns_as_user).
constexpr std::string_view kSnsClientCommands[] = {
    "friend_add",      "friend_delete",   "friend_update",     "friend_check",    "friend_get",
    "friend_get_list", "friend_response", "pendency_get",      "pendency_delete", "pendency_report",
    "black_list_add",  "black_list_delete", "black_list_get",  "black_list_check", "group_add",
    "group_delete",    "group_get"};

ClientReply sns_as_user(ClientCall& call, std::string_view command) {
  return {client::sns_as_user(call.deps(), call.caller(), command, call.body), std::nullopt};
}

}  // namespace

ClientReply login(ClientCall& call, std::string_view usersig) {
  std::int64_t sig_expires_at = 0;
  if (auto admitted = client::admit_login(call.deps(), call.app, call.user, usersig, &sig_expires_at);
      admitted.code != ErrorCode::ok)
    return {std::move(admitted), std::nullopt};
  // WebIM never checks the expiry after login (Registry::expired says why), but the instance records it.
  const auto instance = call.clients.login(call.app.sdkappid, call.user, client::Protocol::webim, sig_expires_at);
  return ok({{"TinyId", instance.tinyid}, {"A2Key", instance.a2}, {"InstId", 1}});
}

const std::map<std::string, ClientCommand, std::less<>>& session_commands() {
  static const auto commands = [] {
    std::map<std::string, ClientCommand, std::less<>> table = {
        {"profile/portrait_get", portrait_get},
        {"imopenstat/web_report", [](ClientCall&) { return ok(); }},
        {"openim/authkey",
         [](ClientCall&) { return ok({{"AuthKey", "timock"}, {"ExpireTime", 86400}, {"IpList", json::array{"127.0.0.1"}}}); }},
        {"openim/getlongpollingid", getlongpollingid},
        {"openim/longpolling", longpolling},
        {"openim/getmsg", getmsg},
        {"openim/sendmsg", sendmsg},
        {"openim/getroammsg", getroammsg},
        {"openim/msgreaded", msgreaded},
        {"recentcontact/get", recentcontact_get},
        // deleteChat (webim-groups.md §2): {From_Account, Type, To_Account} or, for a group, ToGroupid; REST's own.
        {"recentcontact/delete",
         [](ClientCall& call) {
           return ClientReply{client::as_user(call.deps(), call.caller(), "recentcontact", "delete", call.body),
                              std::nullopt};
         }},
        {"sns/friend_get_all", friend_get_all},
        {"openim/longpollinglogout",
         [](ClientCall& call) {
           call.clients.logout(call.app.sdkappid, call.instance.a2);
           return ok();
         }},
        {"openim/logout",
         [](ClientCall& call) {
           call.clients.logout_user(call.app.sdkappid, call.user, client::Protocol::webim);
           return ok();
         }},
    };
    add_group_commands(table);  // group_commands.cpp
    for (const auto command : kSnsClientCommands)
      table.emplace("sns/" + std::string(command), [command](ClientCall& call) { return sns_as_user(call, command); });
    return table;
  }();
  return commands;
}

}  // namespace timock::webim
