// Conversations, history, sending and read marks for the Chat SDK: its fields in, the client layer
// (client/) does the work, its items out. What one surface sends, the others list, count and receive.
#include "chatsdk/c2c_commands.hpp"

#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/group_common.hpp"
#include "chatsdk/message_item.hpp"
#include "client/conversations.hpp"
#include "client/groups.hpp"
#include "client/message_changes.hpp"
#include "client/messages.hpp"
#include "core/json_text.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using api::Reply;
using core::ErrorCode;

namespace {

// getmsg: the SDK asks again with the Cookie while SyncFlag is not 2 (§6.2).
constexpr int kSyncMore = 1;
constexpr int kSyncDone = 2;

// MsgRecvOption from the member's MsgFlag (modern-sdk-groups.md §4: 0 AcceptAndNotify, 1 Discard,
// 2 AcceptNotNotify).
int receive_option(std::string_view msg_flag) {
  if (msg_flag == "Discard") return 1;
  if (msg_flag == "AcceptNotNotify") return 2;
  return 0;
}

// A group SessionItem (modern-sdk-groups.md §4): the group, its newest entry (a tip as Event 4 GroupTips), the
// member's unread and read seq. A member that left is listed no more.
void fill_group_item(ChatCall& call, json::object& item, const client::GroupConversationView& c) {
  const auto& g = c.group;
  item["ToAccount"] = g.group_id;
  item["GroupNick"] = g.name;
  item["GroupImage"] = g.face_url;
  item["GroupType"] = core::to_string(g.type);
  item["GroupNextMsgSeq"] = g.next_msg_seq;
  item["UnreadMsgCount"] = c.unread;
  item["GroupIgnoredUnreadSeqCount"] = 0;
  item["MsgGroupReadedSeq"] = c.self.read_seq;
  item["MsgRecvOption"] = receive_option(c.self.msg_flag);
  item["TopFlags"] = item.contains("TopFlag") ? item.at("TopFlag") : json::value(0);
  if (!c.last) return;
  const auto& m = *c.last;
  auto entry = client::group_item(call.app.sdkappid, api::group::summary_of(g), m);
  item["MsgSeq"] = m.msg_seq;
  item["MsgTime"] = m.msg_time;
  item["MsgRandom"] = m.msg_random;
  item["MsgGroupFromAccount"] = m.from_account;
  item["MsgGroupFromNickName"] = c.last_sender_nick;
  item["MsgGroupFromCardName"] = c.last_sender_name_card;
  item["LastMsgFlags"] = m.recalled() ? 2 : 0;
  if (m.kind == core::GroupMessageKind::tip)
    item["LastMsg"] = json::object{{"Event", 4}, {"GroupTips", std::move(entry)}};
  else
    item["LastMsg"] = json::object{{"MsgBody", entry.at("MsgBody")}};
}

// recentcontact.page_get: REST get_list's page and cursors (the request carries the same ones), each C2C item
// filled with what the SDK shows: the last message, who sent it, and how far the peer has read (§6.3).
Reply page_get(ChatCall& call) {
  json::object body = call.body;
  for (std::string_view key : {"TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex"})
    if (!body.contains(key)) body[key] = 0;
  if (!body.contains("AssistFlags")) body["AssistFlags"] = 31;
  auto page = client::conversation_page(call.deps(), call.caller(), std::move(body));
  if (!page.ok()) return std::move(*page.error);
  auto* items = page.value.list.if_contains("SessionItem");
  if (items && items->is_array()) {
    for (auto& value : items->get_array()) {
      auto& item = value.get_object();
      if (const auto* group = item.if_contains("GroupId"); group && group->is_string()) {
        const auto found = page.value.groups.find(group->get_string());
        if (found != page.value.groups.end()) fill_group_item(call, item, found->second);
        continue;
      }
      const auto* peer = item.if_contains("To_Account");
      const auto found = peer && peer->is_string() ? page.value.c2c.find(peer->get_string()) : page.value.c2c.end();
      if (found == page.value.c2c.end()) continue;
      const auto& c = found->second;
      if (c.last) {
        item["MsgSeq"] = c.last->msg_seq;
        item["MsgRandom"] = c.last->msg_random;
        item["MsgTime"] = c.last->msg_time;
        item["LastC2CMsgFromAccount"] = c.last->from_account;
        item["LastMsg"] = message_item(call.app.sdkappid, *c.last, call.login.user);
      }
      item["C2cPeerReadTime"] = c.peer_read_time;
      // The SDK's messageRemindType of a C2C conversation (0 AcceptAndNotify, 1 Discard, 2 AcceptNotNotify).
      item["MsgRecvOption"] = c.receive_option;
      if (c.peer_is_account) {
        item["C2cNick"] = c.nick;
        item["C2cImage"] = c.face_url;
      }
      item["TopFlags"] = item.contains("TopFlag") ? item.at("TopFlag") : json::value(0);
    }
  }
  return Reply::ok(std::move(page.value.list));
}

// openim.getmsg: what arrived while the client was away, with the unread count per peer; the SDK takes its
// C2C unread counts from here, not from page_get (§6.3).
Reply getmsg(ChatCall& call) {
  const auto cookie = api::string_field(call.body, {"Cookie"});
  auto page = client::sync_page(call.deps(), call.caller(), cookie.ok() ? cookie.value : "", {.unread_counts = true});
  std::vector<std::string> list;
  list.reserve(page.messages.size());
  for (const auto& m : page.messages) list.push_back(message_item_json(call.app.sdkappid, m, call.login.user));
  json::array unread_pairs, remaining;
  for (const auto& c : page.unread) {
    unread_pairs.push_back({{"From_Account", c.peer}, {"UnreadCount", c.unread}});
    remaining.push_back({{"From_Account", c.peer}, {"LastMsgTime", c.last_msg_time}});
  }
  auto reply = Reply::ok({{"Cookie", std::move(page.next_cookie)},
                          {"SyncFlag", page.more ? kSyncMore : kSyncDone},
                          {"MsgCount", list.size()},
                          {"C2CPairUnreadCount", std::move(unread_pairs)},
                          {"C2CRemainingUnreadCount", std::move(remaining)}});
  reply.raw_fields.emplace_back("MsgList", core::array_json(list));
  return reply;
}

Reply getroammsg(ChatCall& call) {
  // Oldest → newest within the page (the SDK keeps the page order), never Complete 0 with a short page.
  const auto page = client::history_page(call.deps(), call.caller(), client::history_query_of(call.body), false);
  if (!page.ok()) return *page.error;
  std::vector<std::string> list;
  list.reserve(page.value.messages.size());
  for (const auto& m : page.value.messages) list.push_back(message_item_json(call.app.sdkappid, m, call.login.user));
  return client::history_reply(page.value, list);
}

// One read time per peer asked, in the order asked (§6.4).
Reply get_peer_read_time(ChatCall& call) {
  const auto peers = api::array_field(call.body, {"To_Account"});
  if (!peers.ok()) return Reply::error(ErrorCode::openim_bad_to_account, "To_Account must be an Array of String");
  json::array times;
  for (const auto t : client::peer_read_times(call.deps(), call.caller(), *peers.value)) times.emplace_back(t);
  return Reply::ok({{"ReadTime", std::move(times)}});
}

// openim.sendmsg: a request the SDK re-sends after a reconnect (same MsgSeq and MsgRandom, §3.2) gets the
// first one's answer instead of a second message.
Reply sendmsg(ChatCall& call) { return client::send(call.deps(), call.caller(), call.body, {.reuse_resent = true}); }

Reply msgreaded(ChatCall& call) { return client::mark_read(call.deps(), call.caller(), call.body); }

// openim.msgwithdraw (the SDK's revokeMessage): the sender recalls within the client recall window; both
// sides' sockets hear of it (c2cMessageRevokedNotify).
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
  return client::recall(call.deps(), call.caller(), {std::string(to.value), seq.value, random.value, time.value});
}

Reply mark_contact(ChatCall& call) {
  return client::as_user(call.deps(), call.caller(), "recentcontact", "mark_contact", call.body);
}

// recentcontact.top (pinConversation): OperationType 1 pins, 2 unpins the RecentContactItem conversations.
Reply top(ChatCall& call) {
  const auto operation = api::int_field(call.body, {"OperationType"});
  const auto items = api::array_field(call.body, {"RecentContactItem"});
  if (!operation.ok() || (operation.value != 1 && operation.value != 2) || !items.ok())
    return Reply::error(ErrorCode::contact_invalid_params, "OperationType 1 or 2 and RecentContactItem are required");
  std::vector<client::ConversationKey> keys;
  for (const auto& item : *items.value) {
    auto key = client::conversation_key_of(item);
    if (!key) return Reply::error(ErrorCode::contact_invalid_params, "a RecentContactItem needs Type and its target");
    keys.push_back(std::move(*key));
  }
  const bool pinned = operation.value == 1;
  auto reply = client::pin(call.deps(), call.caller(), keys, pinned);
  if (reply.code == ErrorCode::ok)
    client::announce_conversations(
        call.deps(), call.caller(),
        pinned ? core::C2cNotice::conversation_pinned : core::C2cNotice::conversation_unpinned, keys);
  return reply;
}

// recentcontact.batch_delete (deleteConversation): REST recentcontact/delete for each ContactItem, ClearRamble
// as given; one ResultItem each.
Reply batch_delete(ChatCall& call) {
  const auto items = api::array_field(call.body, {"ContactItem"});
  if (!items.ok()) return Reply::error(ErrorCode::contact_invalid_params, "ContactItem is required");
  const auto clear = api::int_field(call.body, {"ClearRamble"});
  json::array results;
  std::vector<client::ConversationKey> deleted;
  for (const auto& item : *items.value) {
    const auto key = client::conversation_key_of(item);
    if (!key) return Reply::error(ErrorCode::contact_invalid_params, "a ContactItem needs Type and its target");
    const bool group = key->type == 2;
    json::object one{{"Type", key->type}, {group ? "ToGroupid" : "To_Account", key->target}};
    json::object request = one;
    request["ClearRamble"] = clear.ok() ? clear.value : 0;
    const auto reply = client::as_user(call.deps(), call.caller(), "recentcontact", "delete", std::move(request));
    one["ResultCode"] = core::to_int(reply.code);
    one["ResultInfo"] = reply.error_info;
    results.push_back(std::move(one));
    if (reply.code == ErrorCode::ok) deleted.push_back(*key);
  }
  client::announce_conversations(call.deps(), call.caller(), core::C2cNotice::conversation_deleted, deleted);
  return Reply::ok({{"ResultItem", std::move(results)}});
}

// recentcontact.clear_msg (clearHistoryMessage): the body names one conversation.
Reply clear_msg(ChatCall& call) {
  const auto key = client::conversation_key_of(call.body);
  if (!key) return Reply::error(ErrorCode::contact_invalid_params, "Type and To_Account or ToGroupid are required");
  return client::clear_history(call.deps(), call.caller(), *key);
}

// openim.read_all_unread_msg (setAllMessageRead): C2CReadAllMsg 1 reads every C2C message; GroupReadInfo reads
// each group up to its MsgSeq, as msg_read_report does.
Reply read_all_unread_msg(ChatCall& call) {
  const auto c2c = api::int_field(call.body, {"C2CReadAllMsg"});
  if (c2c.ok() && c2c.value == 1) client::read_all_c2c(call.deps(), call.caller());
  json::array groups;
  if (const auto list = api::array_field(call.body, {"GroupReadInfo"}); list.ok())
    for (const auto& item : *list.value) {
      const auto* info = item.if_object();
      const auto* group = info ? info->if_contains("GroupId") : nullptr;
      const auto seq = info ? api::int_field(*info, {"MsgSeq"}) : api::Field<std::int64_t>{};
      if (!group || !seq.ok()) continue;
      const auto reply = client::group_command(call.deps(), call.caller(), "msg_read_report",
                                               {{"GroupId", *group}, {"MsgReadedSeq", seq.value}});
      if (reply.code == ErrorCode::ok) groups.push_back({{"GroupId", *group}, {"LastReadMsgSeq", seq.value}});
    }
  return Reply::ok({{"C2CReadAllMsg", c2c.ok() ? c2c.value : 0}, {"GroupReadInfoArray", std::move(groups)}});
}

// openim.c2c_msg_read_receipt (sendMessageReadReceipt): the sender hears MESSAGE_READ_RECEIPT_RECEIVED.
Reply c2c_msg_read_receipt(ChatCall& call) {
  return client::send_read_receipts(call.deps(), call.caller(), call.body);
}

// openim.modify_c2c_msg (modifyMessage): the reply is what the SDK shows; the others hear MESSAGE_MODIFIED.
Reply modify_c2c_msg(ChatCall& call) {
  return client::modify_message(call.deps(), call.caller(), call.body);
}

// openim.delete_c2c_msg_ramble (deleteMessage): gone from the caller's history only.
Reply delete_c2c_msg_ramble(ChatCall& call) {
  return client::delete_messages(call.deps(), call.caller(), call.body);
}

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
  table.emplace("recentcontact.top", top);
  table.emplace("recentcontact.batch_delete", batch_delete);
  table.emplace("recentcontact.clear_msg", clear_msg);
  table.emplace("openim.read_all_unread_msg", read_all_unread_msg);
  table.emplace("openim.c2c_msg_read_receipt", c2c_msg_read_receipt);
  table.emplace("openim.modify_c2c_msg", modify_c2c_msg);
  table.emplace("openim.delete_c2c_msg_ramble", delete_c2c_msg_ramble);
}

}  // namespace timock::chatsdk
