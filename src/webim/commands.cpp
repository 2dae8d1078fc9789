// The client commands the seed's pages use (reference/webim-protocol.md §4), plus the login.
#include <boost/json.hpp>
#include <charconv>
#include <optional>

#include "api/client_sync.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "router/client_login.hpp"
#include "router/query.hpp"
#include "store/account_repository.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"
#include "webim/client_call.hpp"
#include "webim/message_item.hpp"
#include "webim/sessions.hpp"

namespace timock::webim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// getmsg pages (§4.9): small enough that SyncFlag paging is exercised, large enough to be quick.
constexpr std::int64_t kGetMsgPage = 20;
// getroammsg: the SDK asks for at most 15 (§4.11); answer at most 20 whatever it asks.
constexpr std::int64_t kMaxRoamPage = 20;
// recentcontact/get: the real service keeps 100 recent contacts per user (rest-api.md §3.6).
constexpr std::int64_t kMaxRecentContacts = 100;

ClientReply ok(json::object fields = {}) { return {api::Reply::ok(std::move(fields)), std::nullopt}; }
ClientReply fail(ErrorCode code, std::string info = {}) { return {api::Reply::error(code, std::move(info)), std::nullopt}; }

ClientReply portrait_get(ClientCall& call) {
  const auto to = api::array_field(call.body, {"To_Account"});
  json::array items;
  auto reading = call.services.store.read();
  store::AccountRepository accounts(reading.db(), call.app.sdkappid);
  json::array invalid;
  if (to.ok()) {
    for (const auto& id : *to.value) {
      if (!id.is_string()) continue;
      auto account = accounts.find(id.get_string());
      if (!account) {
        invalid.emplace_back(id.get_string());
        continue;
      }
      items.push_back({{"To_Account", account->user_id},
                       {"ResultCode", 0},
                       {"ResultInfo", ""},
                       {"ProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", account->nick}},
                                                   json::object{{"Tag", "Tag_Profile_IM_Image"}, {"Value", account->face_url}}}}});
    }
  }
  return ok({{"UserProfileItem", std::move(items)}, {"Fail_Account", json::array{}}, {"Invalid_Account", std::move(invalid)}});
}

ClientReply getlongpollingid(ClientCall& call) {
  const auto id = call.sessions.new_long_polling_id(call.app.sdkappid, call.a2);
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
  const auto cursor = static_cast<std::uint64_t>(std::max<std::int64_t>(0, notify_mode ? notify : notice));
  auto response = call.sessions.long_poll(call.app.sdkappid, call.a2, long_polling_id, cursor, notify_mode);
  return {api::Reply::ok(), std::move(response)};
}

ClientReply getmsg(ClientCall& call) {
  const auto cookie = api::string_field(call.body, {"Cookie"});
  auto reading = call.services.store.read();
  // §4.9: a first sync brings what is unread (the seed turns each into an unread badge), then pages.
  auto page = api::client::sync_page(reading.db(), call.app.sdkappid, call.user, cookie.ok() ? cookie.value : "", kGetMsgPage);
  json::array list;
  for (const auto& m : page.messages) list.push_back(message_item(reading.db(), call.app.sdkappid, m));
  return ok({{"Cookie", std::move(page.next_cookie)},
             {"SyncFlag", page.more ? 1 : 0},
             {"MsgCount", list.size()},
             {"MsgList", std::move(list)}});
}

ClientReply sendmsg(ClientCall& call) {
  // The REST handler, acting for the logged-in user: one validation, one store path, one push path.
  json::object body = call.body;
  body["From_Account"] = call.user;
  const auto* handler = call.services.commands.find("openim", "sendmsg");
  const api::CallContext context{call.app, call.user, call.services.store, call.services.clock, &call.services.hub, call.a2};
  return {(*handler)(context, body), std::nullopt};
}

ClientReply getroammsg(ClientCall& call) {
  const auto peer = api::string_field(call.body, {"Peer_Account"});
  if (!peer.ok()) return fail(ErrorCode::openim_bad_to_account, "Peer_Account is missing");
  const auto max_cnt = api::int_field(call.body, {"MaxCnt"});
  const std::int64_t wanted = max_cnt.ok() && max_cnt.value > 0 ? std::min(max_cnt.value, kMaxRoamPage) : 15;
  const auto last_time = api::int_field(call.body, {"LastMsgTime"});
  const auto msg_key = api::string_field(call.body, {"MsgKey"});
  auto reading = call.services.store.read();
  // §4.11/§8: ascending pages, never Complete 0 with a short page (the SDK would loop asking for the rest).
  const auto page = api::client::roam_page(reading.db(), call.app.sdkappid, call.user, peer.value, wanted,
                                           last_time.ok() ? last_time.value : 0, msg_key.ok() ? msg_key.value : "");
  json::array list;
  for (const auto& m : page.messages) list.push_back(message_item(reading.db(), call.app.sdkappid, m));
  return ok({{"Complete", page.complete ? 1 : 0},
             {"MaxCnt", page.messages.size()},
             {"LastMsgTime", page.last_msg_time},
             {"MsgKey", page.msg_key},
             {"MsgList", std::move(list)}});
}

ClientReply msgreaded(ClientCall& call) {
  auto locked = call.services.store.lock();
  if (!api::client::mark_read(locked.db(), call.app.sdkappid, call.user, call.body, call.services.clock.now()))
    return fail(ErrorCode::openim_json_parse_error, "C2CMsgReaded is missing");
  return ok();
}

std::string msg_show(const core::C2cMessage& m) {
  // What a conversation list shows for the last message: its text, or a placeholder per element type.
  const auto body = json::parse(m.body_json);
  std::string show;
  for (const auto& element : body.as_array()) {
    const auto& type = element.at("MsgType").as_string();
    const auto& content = element.at("MsgContent").as_object();
    if (type == "TIMTextElem") show += std::string(content.at("Text").as_string());
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

ClientReply recentcontact_get(ClientCall& call) {
  const auto count = api::int_field(call.body, {"Count"});
  const std::int64_t limit = count.ok() && count.value > 0 ? std::min(count.value, kMaxRecentContacts) : kMaxRecentContacts;
  auto reading = call.services.store.read();
  store::InboxRepository inbox(reading.db(), call.app.sdkappid, call.user);
  store::AccountRepository accounts(reading.db(), call.app.sdkappid);
  json::array items;
  for (const auto& c : inbox.conversations(limit)) {
    const auto peer = accounts.find(c.peer);
    items.push_back({{"Type", 1},
                     {"To_Account", c.peer},
                     {"MsgTimeStamp", c.last.msg_time},
                     {"MsgSeq", c.last.msg_seq},
                     {"MsgRandom", c.last.msg_random},
                     {"MsgShow", msg_show(c.last)},
                     {"UnreadMsgCount", c.unread},
                     {"C2cNick", peer ? peer->nick : std::string()},
                     {"C2cImage", peer ? peer->face_url : std::string()}});
  }
  return ok({{"SessionItem", std::move(items)}, {"CompleteFlag", 1}});
}

ClientReply friend_get_all(ClientCall& call) {
  auto reading = call.services.store.read();
  auto& db = reading.db();
  const auto app = call.app.sdkappid;
  json::array items;
  std::int64_t n = 0;
  // The whole list in one page: friend lists are capped at 3000 (rest-api.md §3.5).
  for (const auto& f : store::FriendRepository(db, app).list(call.user, 0, 3000)) {
    const auto account = store::AccountRepository(db, app).find(f.friend_id);
    items.push_back({{"Info_Account", f.friend_id},
                     {"SnsProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", account ? account->nick : ""}},
                                                    json::object{{"Tag", "Tag_SNS_IM_Remark"}, {"Value", f.remark}}}}});
    ++n;
  }
  return ok({{"NeedUpdateAll", "Need_Update_All_Yes"}, {"TimeStampNew", call.services.clock.now()}, {"StartIndex", 0},
             {"CompleteFlag", 1}, {"FriendNum", n}, {"CurrentStandardSequence", 1}, {"InfoItem", std::move(items)}});
}

}  // namespace

ClientReply login(ClientCall& call, std::string_view usersig) {
  if (auto admitted = router::admit_client_login(call.services, call.app, call.user, usersig); admitted.code != ErrorCode::ok)
    return {std::move(admitted), std::nullopt};
  const auto [tinyid, a2] = call.sessions.login(call.app.sdkappid, call.user);
  return ok({{"TinyId", tinyid}, {"A2Key", a2}, {"InstId", 1}});
}

const std::map<std::string, ClientCommand, std::less<>>& session_commands() {
  static const std::map<std::string, ClientCommand, std::less<>> commands = {
      {"profile/portrait_get", portrait_get},
      {"imopenstat/web_report", [](ClientCall&) { return ok(); }},
      {"group_open_http_svc/get_joined_group_list",
       [](ClientCall&) { return ok({{"TotalCount", 0}, {"GroupIdList", json::array{}}}); }},
      {"openim/authkey",
       [](ClientCall&) { return ok({{"AuthKey", "timock"}, {"ExpireTime", 86400}, {"IpList", json::array{"127.0.0.1"}}}); }},
      {"openim/getlongpollingid", getlongpollingid},
      {"openim/longpolling", longpolling},
      {"openim/getmsg", getmsg},
      {"openim/sendmsg", sendmsg},
      {"openim/getroammsg", getroammsg},
      {"openim/msgreaded", msgreaded},
      {"recentcontact/get", recentcontact_get},
      {"sns/friend_get_all", friend_get_all},
      {"openim/longpollinglogout",
       [](ClientCall& call) {
         call.sessions.logout_instance(call.app.sdkappid, call.a2);
         return ok();
       }},
      {"openim/logout",
       [](ClientCall& call) {
         call.sessions.logout_user(call.app.sdkappid, call.user);
         return ok();
       }},
  };
  return commands;
}

}  // namespace timock::webim
