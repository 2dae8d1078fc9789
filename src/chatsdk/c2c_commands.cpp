// Conversations, history, sending and read marks for the Chat SDK, on the same store and handlers as REST
// and WebIM: what one surface sends, the others list, count and receive.
#include "chatsdk/c2c_commands.hpp"

#include <boost/json.hpp>

#include "api/client_sync.hpp"
#include "api/fields.hpp"
#include "chatsdk/message_item.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using api::Reply;
using core::ErrorCode;

namespace {

// getmsg pages: the SDK asks again with the Cookie while SyncFlag is not 2 (§6.2).
constexpr std::int64_t kGetMsgPage = 20;
constexpr int kSyncMore = 1;
constexpr int kSyncDone = 2;
// getroammsg: the SDK asks for 15 (§6.4); answer at most 20 whatever it asks.
constexpr std::int64_t kMaxRoamPage = 20;
// How long after sending a client may recall a message (the service's default, rest-api.md: 20016).
constexpr std::int64_t kRecallWindowSeconds = 120;

Reply as_user(ChatCall& call, std::string_view service, std::string_view command, json::object body) {
  body["From_Account"] = call.login.user;
  return (*call.services.commands.find(service, command))(call.context(), body);
}

// recentcontact.page_get: REST get_list's page and cursors (the request carries the same ones), each C2C item
// filled with what the SDK shows: the last message, who sent it, and how far the peer has read (§6.3).
Reply page_get(ChatCall& call) {
  json::object body = call.body;
  for (std::string_view key : {"TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex"})
    if (!body.contains(key)) body[key] = 0;
  if (!body.contains("AssistFlags")) body["AssistFlags"] = 31;
  auto reply = as_user(call, "recentcontact", "get_list", std::move(body));
  if (reply.code != ErrorCode::ok) return reply;
  auto* items = reply.fields.if_contains("SessionItem");
  if (!items || !items->is_array()) return reply;
  auto locked = call.services.store.lock();
  store::InboxRepository inbox(locked.db(), call.app.sdkappid, call.login.user);
  store::MessageRepository messages(locked.db(), call.app.sdkappid);
  store::AccountRepository accounts(locked.db(), call.app.sdkappid);
  for (auto& value : items->get_array()) {
    auto& item = value.get_object();
    if (item.at("Type").to_number<int>() != 1) continue;
    const std::string peer(item.at("To_Account").get_string());
    if (const auto last = inbox.last_message(peer)) {
      item["MsgSeq"] = last->msg_seq;
      item["MsgRandom"] = last->msg_random;
      item["MsgTime"] = last->msg_time;
      item["LastC2CMsgFromAccount"] = last->from_account;
      json::object last_msg = message_item(call.app.sdkappid, *last, call.login.user);
      item["LastMsg"] = std::move(last_msg);
    }
    item["C2cPeerReadTime"] = messages.read_up_to(call.login.user, peer);
    if (const auto account = accounts.find(peer)) {
      item["C2cNick"] = account->nick;
      item["C2cImage"] = account->face_url;
    }
    item["TopFlags"] = item.contains("TopFlag") ? item.at("TopFlag") : json::value(0);
  }
  return reply;
}

// openim.getmsg: what arrived while the client was away, with the unread count per peer; the SDK takes its
// C2C unread counts from here, not from page_get (§6.3).
Reply getmsg(ChatCall& call) {
  const auto cookie = api::string_field(call.body, {"Cookie"});
  auto locked = call.services.store.lock();
  auto page = api::client::sync_page(locked.db(), call.app.sdkappid, call.login.user,
                                     cookie.ok() ? cookie.value : "", kGetMsgPage);
  json::array list;
  for (const auto& m : page.messages) list.push_back(message_item(call.app.sdkappid, m, call.login.user));
  json::array unread_pairs, remaining;
  if (!page.more) {
    store::InboxRepository inbox(locked.db(), call.app.sdkappid, call.login.user);
    store::MessageRepository messages(locked.db(), call.app.sdkappid);
    for (const auto& c : inbox.conversations(100)) {
      const auto unread = messages.unread_count(call.login.user, c.peer);
      if (unread == 0) continue;
      unread_pairs.push_back({{"From_Account", c.peer}, {"UnreadCount", unread}});
      remaining.push_back({{"From_Account", c.peer}, {"LastMsgTime", c.last.msg_time}});
    }
  }
  return Reply::ok({{"Cookie", std::move(page.next_cookie)},
                    {"SyncFlag", page.more ? kSyncMore : kSyncDone},
                    {"MsgCount", list.size()},
                    {"MsgList", std::move(list)},
                    {"C2CPairUnreadCount", std::move(unread_pairs)},
                    {"C2CRemainingUnreadCount", std::move(remaining)}});
}

Reply getroammsg(ChatCall& call) {
  const auto peer = api::string_field(call.body, {"Peer_Account"});
  if (!peer.ok() || peer.value.empty()) return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account is missing");
  const auto max_cnt = api::int_field(call.body, {"MaxCnt"});
  const std::int64_t wanted = max_cnt.ok() && max_cnt.value > 0 ? std::min(max_cnt.value, kMaxRoamPage) : 15;
  const auto last_time = api::int_field(call.body, {"LastMsgTime"});
  const auto msg_key = api::string_field(call.body, {"MsgKey"});
  auto locked = call.services.store.lock();
  // Oldest → newest within the page (the SDK keeps the page order), never Complete 0 with a short page.
  const auto page = api::client::roam_page(locked.db(), call.app.sdkappid, call.login.user, peer.value, wanted,
                                           last_time.ok() ? last_time.value : 0, msg_key.ok() ? msg_key.value : "");
  json::array list;
  for (const auto& m : page.messages) list.push_back(message_item(call.app.sdkappid, m, call.login.user));
  return Reply::ok({{"Complete", page.complete ? 1 : 0},
                    {"MaxCnt", page.messages.size()},
                    {"LastMsgTime", page.last_msg_time},
                    {"MsgKey", page.msg_key},
                    {"MsgList", std::move(list)}});
}

// One read time per peer asked, in the order asked (§6.4).
Reply get_peer_read_time(ChatCall& call) {
  const auto peers = api::array_field(call.body, {"To_Account"});
  if (!peers.ok()) return Reply::error(ErrorCode::openim_bad_to_account, "To_Account must be an Array of String");
  auto locked = call.services.store.lock();
  store::MessageRepository messages(locked.db(), call.app.sdkappid);
  json::array times;
  for (const auto& peer : *peers.value)
    times.emplace_back(peer.is_string() ? messages.read_up_to(call.login.user, peer.get_string()) : 0);
  return Reply::ok({{"ReadTime", std::move(times)}});
}

// openim.sendmsg: the REST handler acting for the user. A request the SDK re-sends after a reconnect (same
// MsgSeq and MsgRandom, §3.2) gets the first one's answer instead of a second message.
Reply sendmsg(ChatCall& call) {
  const auto to = api::string_field(call.body, {"To_Account"});
  const auto seq = api::int_field(call.body, {"MsgSeq"});
  const auto random = api::int_field(call.body, {"MsgRandom"});
  if (to.ok() && seq.ok() && random.ok() && seq.value >= 0 && random.value >= 0 && seq.value <= UINT32_MAX &&
      random.value <= UINT32_MAX) {
    auto locked = call.services.store.lock();
    if (const auto sent = store::MessageRepository(locked.db(), call.app.sdkappid)
                              .find_resent(call.login.user, to.value, static_cast<std::uint32_t>(seq.value),
                                           static_cast<std::uint32_t>(random.value)))
      return Reply::ok({{"MsgTime", sent->msg_time}, {"MsgSeq", sent->msg_seq}, {"MsgKey", sent->msg_key()}});
  }
  auto reply = as_user(call, "openim", "sendmsg", call.body);
  if (reply.code == ErrorCode::ok && seq.ok()) reply.fields["MsgSeq"] = seq.value;
  return reply;
}

Reply msgreaded(ChatCall& call) {
  auto locked = call.services.store.lock();
  if (!api::client::mark_read(locked.db(), call.app.sdkappid, call.login.user, call.body, call.services.clock.now()))
    return Reply::error(ErrorCode::openim_json_parse_error, "C2CMsgReaded is missing");
  return Reply::ok();
}

// openim.msgwithdraw (the SDK's revokeMessage): the REST recall acting for the sender, within the client recall
// window; both sides' sockets hear of it (c2cMessageRevokedNotify).
Reply msgwithdraw(ChatCall& call) {
  const auto info = api::object_field(call.body, {"MsgInfo"});
  if (!info.ok()) return Reply::error(ErrorCode::openim_json_parse_error, "MsgInfo is missing");
  const auto& m = *info.value;
  const auto from = api::string_field(m, {"From_Account"});
  if (from.ok() && from.value != call.login.user)
    return Reply::error(ErrorCode::openim_bad_from_account, "only the sender may recall a message");
  const auto to = api::string_field(m, {"To_Account"});
  const auto seq = api::int_field(m, {"MsgSeq"});
  const auto random = api::int_field(m, {"MsgRandom"});
  const auto time = api::int_field(m, {"MsgTimeStamp"});
  if (!to.ok() || !seq.ok() || !random.ok() || !time.ok())
    return Reply::error(ErrorCode::openim_bad_msg_key, "MsgInfo needs To_Account, MsgSeq, MsgRandom and MsgTimeStamp");
  // rest-api.md error table: 20016, the client recall window (2 minutes by default).
  if (call.services.clock.now() - time.value > kRecallWindowSeconds) return Reply::error(ErrorCode::msg_recall_too_late);
  const std::string key =
      std::to_string(seq.value) + "_" + std::to_string(random.value) + "_" + std::to_string(time.value);
  return as_user(call, "openim", "admin_msgwithdraw", {{"To_Account", to.value}, {"MsgKey", key}});
}

Reply mark_contact(ChatCall& call) { return as_user(call, "recentcontact", "mark_contact", call.body); }

}  // namespace

void add_c2c_commands(std::map<std::string, ChatCommand, std::less<>>& table) {
  table.emplace("recentcontact.page_get", page_get);
  table.emplace("openim.getmsg", getmsg);
  table.emplace("openim.getroammsg", getroammsg);
  table.emplace("openim.get_peer_read_time", get_peer_read_time);
  table.emplace("openim.sendmsg", sendmsg);
  table.emplace("openim.msgreaded", msgreaded);
  table.emplace("recentcontact.mark_contact", mark_contact);
  table.emplace("openim.msgwithdraw", msgwithdraw);
}

}  // namespace timock::chatsdk
