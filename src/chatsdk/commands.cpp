// The Chat SDK's session, configuration and post-login sync commands (reference/modern-sdk-protocol.md §5,
// §6.2). Every list answers with its end-of-list marker (CompleteFlag 1, StartIndex 0 …): without one the SDK
// asks again thousands of times a second (§13).
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "client/receive_options.hpp"
#include "chatsdk/chat_call.hpp"
#include "chatsdk/c2c_commands.hpp"
#include "chatsdk/message_item.hpp"
#include "chatsdk/sns_commands.hpp"
#include "client/directory.hpp"
#include "client/registry.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using api::Reply;

namespace {

// The SDK's configuration fetches come again when this many seconds have passed (§5).
constexpr std::int64_t kConfigLifetimeSeconds = 24 * 3600;
// The standard profile tags a contact card shows (portrait_get_all asks for none by name).
constexpr std::string_view kProfileTags[] = {"Tag_Profile_IM_Nick",  "Tag_Profile_IM_Image",
                                             "Tag_Profile_IM_Gender", "Tag_Profile_IM_SelfSignature",
                                             "Tag_Profile_IM_Location", "Tag_Profile_IM_BirthDay",
                                             "Tag_Profile_IM_AllowType", "Tag_Profile_IM_Role",
                                             "Tag_Profile_IM_Level"};

Reply as_user(ChatCall& call, std::string_view service, std::string_view command, json::object body) {
  return client::as_user(call.deps(), call.caller(), service, command, std::move(body));
}

Reply ok(json::object fields = {}) { return Reply::ok(std::move(fields)); }

Reply fetch_config(ChatCall& call) {
  // Version 1 differs from the SDK's initial 0, so it takes the (empty) configuration once, then keeps it.
  return ok({{"int32_error_code", 0},
             {"str_error_message", ""},
             {"str_json_config", "{}"},
             {"uint64_version", 1},
             {"uint32_sdkappid", call.app.sdkappid},
             {"uint32_expired_time", kConfigLifetimeSeconds}});
}

Reply fetch_purchase_bits(ChatCall&) {
  return ok({{"int32_error_code", 0},
             {"str_error_message", ""},
             {"str_purchase_bits", purchase_bits()},
             {"uint32_expired_time", kConfigLifetimeSeconds}});
}

Reply wslogout(ChatCall& call) {
  call.clients.logout(call.app.sdkappid, call.login.a2);
  return ok();
}

Reply portrait_get_all(ChatCall& call) {
  json::array to;
  if (const auto* items = call.body.if_contains("UserItem"); items && items->is_array())
    for (const auto& item : items->get_array())
      if (item.is_object())
        if (const auto* id = item.get_object().if_contains("To_Account"); id && id->is_string()) to.push_back(*id);
  if (to.empty()) return ok({{"UserProfileItem", json::array{}}});
  json::array tags;
  for (auto tag : kProfileTags) tags.emplace_back(tag);
  return as_user(call, "profile", "portrait_get", {{"To_Account", std::move(to)}, {"TagList", std::move(tags)}});
}

Reply portrait_set(ChatCall& call) { return as_user(call, "profile", "portrait_set", call.body); }

// The user ids of a status request's UserIDList (To_Account in older builds).
std::vector<std::string> user_ids(const json::object& body) {
  std::vector<std::string> out;
  for (std::string_view key : {"UserIDList", "To_Account"})
    if (const auto* list = body.if_contains(key); list && list->is_array())
      for (const auto& id : list->get_array())
        if (id.is_string()) out.emplace_back(id.get_string());
  return out;
}

// setSelfStatus: the custom status (≤ 100 bytes) is told to the user's subscribers.
Reply ws_set_custom_status(ChatCall& call) {
  const auto* status = call.body.if_contains("CustomStatus");
  if (status && !status->is_string())
    return Reply::error(core::ErrorCode::openim_json_parse_error, "CustomStatus must be a String");
  const std::string text = status ? std::string(status->get_string()) : std::string();
  if (text.size() > client::UserStatuses::kMaxCustomStatusBytes)
    return Reply::error(core::ErrorCode::openim_json_parse_error, "CustomStatus is longer than 100 bytes");
  call.clients.statuses().set_custom(call.app.sdkappid, call.login.user, text);
  call.clients.announce_status(call.app.sdkappid, call.login.user);
  return ok();
}

// getUserStatus: Status 1 online, 2 offline (logged in, not connected), 3 not logged in, with each custom
// status; the same presence as REST query_online_status.
Reply ws_get_user_status(ChatCall& call) {
  json::array list;
  for (const auto& user : user_ids(call.body))
    list.push_back({{"To_Account", user},
                    {"Status", static_cast<int>(call.clients.status_of(call.app.sdkappid, user))},
                    {"CustomStatus", wire_custom_status(call.clients.statuses().custom(call.app.sdkappid, user))}});
  return ok({{"UserStatusList", std::move(list)}, {"ErrorList", json::array{}}});
}

// subscribeUserStatus: the users' later status changes are pushed (userStatusList); past 200 subscriptions
// the rest come back in ErrorList.
Reply ws_status_subscribe(ChatCall& call) {
  json::array errors;
  for (const auto& user :
       call.clients.statuses().subscribe(call.app.sdkappid, call.login.user, user_ids(call.body)))
    errors.push_back({{"To_Account", user},
                      {"ErrorCode", core::to_int(core::ErrorCode::openim_json_parse_error)},
                      {"ErrorInfo", "more than 200 subscriptions"}});
  return ok({{"ErrorList", std::move(errors)}});
}

// unsubscribeUserStatus: the users named, or all with UnsubscribeAll 1 (an empty list).
Reply ws_status_unsubscribe(ChatCall& call) {
  call.clients.statuses().unsubscribe(call.app.sdkappid, call.login.user, user_ids(call.body));
  return ok({{"ErrorList", json::array{}}});
}

}  // namespace

std::string purchase_bits() { return std::string(64, '1'); }

api::Reply not_emulated(std::string_view servcmd) {
  auto reply = Reply::error(core::ErrorCode::feature_not_emulated,
                            "timock does not emulate " + std::string(servcmd) + " yet");
  // Every family reads the envelope's ErrorCode as errorCode, but for translateText and convertVoiceToText,
  // whose commands rename ErrorCode to `code` and take their error from CmdErrorCode (without it the SDK
  // reads a field of undefined and rejects with 2117/2118 "Cannot read properties of undefined").
  if (servcmd.starts_with("im_open_translate.") || servcmd.starts_with("im_open_speech."))
    reply.fields["CmdErrorCode"] =
        json::object{{"ErrorCode", core::to_int(reply.code)}, {"ErrorInfo", reply.error_info}};
  return reply;
}

const std::map<std::string, ChatCommand, std::less<>>& socket_commands() {
  static const std::map<std::string, ChatCommand, std::less<>> commands = {
      {"heartbeat.alive", [](ChatCall&) { return ok(); }},
      {"imopenstat.tim_web_report_v2", [](ChatCall&) { return ok(); }},
      {"im_sdk_config_mgr.fetch_config", fetch_config},
      {"im_sdk_config_mgr.fetch_imsdk_purchase_bitsv2", fetch_purchase_bits},
  };
  return commands;
}

const std::map<std::string, ChatCommand, std::less<>>& chat_commands() {
  static const std::map<std::string, ChatCommand, std::less<>> commands = [] {
    std::map<std::string, ChatCommand, std::less<>> table = {
        {"im_open_status.wslogout", wslogout},
        {"im_open_status.wshello", [](ChatCall&) { return ok(); }},
        {"profile.portrait_get_all", portrait_get_all},
        {"profile.portrait_set", portrait_set},
        {"im_open_status.ws_set_custom_status", ws_set_custom_status},
        {"im_open_status.ws_get_user_status", ws_get_user_status},
        {"im_open_status.ws_status_subscribe", ws_status_subscribe},
        {"im_open_status.ws_status_unsubscribe", ws_status_unsubscribe},
        // Conversation groups (createConversationGroup and the rest): the REST recentcontact commands, whose
        // request and reply shapes are the SDK's once its key map is applied.
        {"recentcontact.create_contact_group",
         [](ChatCall& call) { return as_user(call, "recentcontact", "create_contact_group", call.body); }},
        {"recentcontact.update_contact_group",
         [](ChatCall& call) { return as_user(call, "recentcontact", "update_contact_group", call.body); }},
        {"recentcontact.del_contact_group",
         [](ChatCall& call) { return as_user(call, "recentcontact", "del_contact_group", call.body); }},
        {"recentcontact.get_contact_group",
         [](ChatCall& call) { return as_user(call, "recentcontact", "get_contact_group", call.body); }},
        {"recentcontact.search_contact_group",
         [](ChatCall& call) { return as_user(call, "recentcontact", "search_contact_group", call.body); }},
        // 2.x asks for these during login (§10).
        {"openim.authkey", [](ChatCall&) { return ok({{"AuthKey", "timock"}, {"ExpireTime", kConfigLifetimeSeconds}}); }},
        // C2C receive options (setMessageRemindType of a C2C conversation; 2.x reads them at login, §10).
        {"openim.set_c2c_peer_mute_notifications",
         [](ChatCall& call) { return client::set_c2c_receive_options(call.deps(), call.caller(), call.body); }},
        {"openim.get_c2c_peer_mute_notifications",
         [](ChatCall& call) { return client::get_c2c_receive_options(call.deps(), call.caller(), call.body); }},
    };
    add_c2c_commands(table);
    add_group_commands(table);
    add_sns_commands(table);
    add_msg_ext_commands(table);
    return table;
  }();
  return commands;
}

}  // namespace timock::chatsdk
